/**
 * Names come from the city's files, and a file can carry markup: activity, service, department,
 * hall, channel, resource and attribute values, the dataset's name and the file's name. Every
 * view shows them as text. The browser spec uploads a log whose every name is a script payload,
 * mines it, opens every view (the map's side panel and a journey's timeline included) and checks
 * that no payload ran and that no element or event-handler attribute came from the data, while
 * the names themselves are on the page as text.
 */
import type { DatasetDto } from '@onetrip/contracts';
import type { Page } from 'playwright-core';
import {
  createDatasetWithUpload,
  launchChromium,
  startWebStack,
  type Browser,
  type WebStack,
} from '../support/browser';

/** A file name without quotes: multipart writes a quote in a file name as %22. */
const FILE_NAME = '<img src=x onerror=window.__xss=10>.csv';

/** Each payload sets `window.__xss` to its number if it ever runs. */
const PAYLOADS = {
  take: `<img src=x onerror="window.__xss=1">取号`,
  review: `"><svg onload="window.__xss=2">审核`,
  approve: `</text><script>window.__xss=3</script>审批`,
  service: `<b onmouseover="window.__xss=4">服务</b>`,
  department: `<iframe src="javascript:window.__xss=5"></iframe>局`,
  hall: `</title><img src=x onerror="window.__xss=6">大厅`,
  resource: `<a href="javascript:window.__xss=7">窗口</a>`,
  note: `=HYPERLINK("http://evil")<img src=x onerror="window.__xss=8">`,
  dataset: `<img src=x onerror="window.__xss=9">数据集`,
};

function cell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function hostileCsv(): string {
  const header = 'case,activity,time,channel,hall,department,service,resource,citizen,note';
  const rows: string[] = [header];
  for (let c = 0; c < 12; c++) {
    const day = String(3 + (c % 5)).padStart(2, '0');
    const steps: [string, string, string][] = [
      [PAYLOADS.take, `2025-03-${day} 09:0${c % 10}`, 'hall'],
      [PAYLOADS.review, `2025-03-${day} 10:1${c % 10}`, 'backoffice'],
      [PAYLOADS.approve, `2025-03-${day} 15:2${c % 10}`, 'online'],
    ];
    for (const [activity, time, channel] of steps) {
      rows.push(
        [
          `C${c}`,
          activity,
          time,
          channel,
          PAYLOADS.hall,
          PAYLOADS.department,
          PAYLOADS.service,
          PAYLOADS.resource,
          `citizen-${c}`,
          PAYLOADS.note,
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

describe('names from the data are shown as text in every view', () => {
  let stack: WebStack;
  let browser: Browser;
  let page: Page;
  let dataset: DatasetDto;

  beforeAll(async () => {
    stack = await startWebStack('web_xss_e2e');
    dataset = await createDatasetWithUpload(
      stack.url,
      PAYLOADS.dataset,
      { name: FILE_NAME, content: hostileCsv() },
      {
        caseId: 'case',
        activity: 'activity',
        timestamp: 'time',
        channel: 'channel',
        location: 'hall',
        department: 'department',
        service: 'service',
        resource: 'resource',
        citizen: 'citizen',
      },
    );
    browser = await launchChromium({ locale: 'zh-CN' });
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  /** What the data could have injected into the page: a run payload, elements, handlers. */
  const injected = () =>
    page.evaluate<{ ran: unknown; elements: number; handlers: string[] }>(`(() => ({
      ran: window.__xss ?? null,
      elements: document.querySelectorAll('img[src="x"], iframe, script:not([src]), a[href^="javascript:"], b').length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + ' ' + a.name)),
    }))()`);

  const expectClean = async (where: string): Promise<void> => {
    const found = await injected();
    expect({ where, ...found }).toEqual({ where, ran: null, elements: 0, handlers: [] });
  };

  it('runs nothing from the data on any view, and shows the names as text', async () => {
    await page.goto(`${stack.url}/#dataset=${dataset.id}`);
    await page.waitForSelector('.dataset-heading h1');
    expect(await page.locator('.dataset-heading h1').textContent()).toBe(PAYLOADS.dataset);
    await page.waitForSelector('[data-testid="upload-history"] .history-table');
    expect(
      await page.locator('[data-testid="upload-history"] .file-name').first().textContent(),
    ).toBe(FILE_NAME);
    await page.selectOption('#run-journey', 'case');
    await page.click('#run-start');
    await page.waitForSelector('[data-testid="kpi-cards"]', { timeout: 90_000 });
    await expectClean('overview');

    for (const view of ['map', 'bottlenecks', 'trips', 'waits', 'variants']) {
      await page.click(`#tab-${view}`);
      await page.waitForSelector(`.view-region[data-view="${view}"] .view`);
      await page.waitForTimeout(200);
      await expectClean(view);
    }
    // The map names every activity as text, and its side panel names the activity too.
    await page.click('#tab-map');
    const nodes = page.locator('[data-testid="process-map"] .pm-node-activity');
    const names = await page.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid="process-map"] .pm-node-activity')].map((e) => e.getAttribute('data-activity'))`,
    );
    expect(names.sort()).toEqual([PAYLOADS.approve, PAYLOADS.take, PAYLOADS.review].sort());
    await nodes.first().dispatchEvent('click');
    await page.locator('[data-testid="side-panel"]').waitFor();
    await expectClean('map side panel');
    const panelText = await page.locator('[data-testid="side-panel"]').textContent();
    expect(
      [PAYLOADS.approve, PAYLOADS.take, PAYLOADS.review].some((p) => panelText?.includes(p)),
    ).toBe(true);

    // The filter lists show the service, department and hall as text.
    const filters = await page.locator('.filter-bar').textContent();
    expect(filters).toContain(PAYLOADS.hall);
    expect(filters).toContain(PAYLOADS.service);
    expect(filters).toContain(PAYLOADS.department);
    await expectClean('filter bar');

    // One journey's timeline: activities, resource and the attribute value as text.
    await page.goto(`${stack.url}/#dataset=${dataset.id}&view=timeline&journey=C1`);
    await page.waitForSelector('[data-testid="journey-timeline"] .timeline-event', {
      timeout: 30_000,
    });
    const timeline = await page.locator('.view-region[data-view="timeline"]').textContent();
    expect(timeline).toContain(PAYLOADS.take);
    await expectClean('timeline');
    expect(browser.pageErrors).toEqual([]);
  }, 180_000);
});
