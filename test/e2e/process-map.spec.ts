/**
 * The walking skeleton in a real browser: Debian's Chromium opens the web app served by the real
 * api (built, in a child process), with a real worker (built, in another child process), its own
 * PostgreSQL database and Bull prefix. A reform-team member creates a dataset, uploads the real
 * estate transfer log (the mapping dialog pre-fills what the server could suggest, refuses to go
 * on without the case id, and uploads once it is confirmed; the same file again adds nothing),
 * creates an ingestion key and pushes a row with it, mines the log, and sees every activity of
 * the fixture on the process map. Screenshots of the dialog, the report and the keys land in
 * test/e2e/artifacts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  ARTIFACTS,
  launchChromium,
  startWebStack,
  type Browser,
  type WebStack,
} from '../support/browser';
import { FIXTURES } from '../support/services';

const FIXTURE = path.join(FIXTURES, 'ok', 'real-estate-transfer.csv');

// The fixture's activities, read off its 58 rows by hand: 预约 (book an appointment), 受理
// (accept at the counter), 补正材料 (supplement materials), 审核 (review), 办结 (complete),
// 领证 (collect the certificate).
const ACTIVITIES = ['预约', '受理', '补正材料', '审核', '办结', '领证'];
const EVENTS = 58;
const CASES = 12;

/** Saves a screenshot (of one element, or the page) under test/e2e/artifacts for review. */
async function shoot(name: string, target: Page | Locator): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await target.screenshot({ path: path.join(ARTIFACTS, name) });
}

describe('the process map in a browser, against the real api and worker', () => {
  let stack: WebStack;
  let browser: Browser;
  let apiUrl = '';
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startWebStack('web_e2e');
    apiUrl = stack.url;
    browser = await launchChromium({ locale: 'zh-CN' });
    ({ page, pageErrors } = browser);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('uploads the fixture, mines it and shows every activity on the map', async () => {
    await page.goto(apiUrl);
    // A Chinese-speaking browser gets the Chinese interface.
    await page.waitForSelector('h2:has-text("数据集")');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    await page.fill('#dataset-name', '不动产转移登记（端到端测试）');
    await page.click('#create-dataset');
    await page.waitForSelector('h1:has-text("不动产转移登记（端到端测试）")');

    // Choosing the file shows what the server found in its first 64 KiB, with the columns it
    // could suggest pre-filled: step_time is recognisably the time, application_no is not.
    await page.setInputFiles('#upload-file', FIXTURE);
    const dialog = page.locator('[data-testid="upload-preview"]');
    await dialog.waitFor();
    expect(await dialog.locator('.file-facts').textContent()).toContain('UTF-8');
    expect(await dialog.locator('.sample-table th .column-name').allTextContents()).toEqual([
      'application_no',
      'activity',
      'step_time',
      'citizen_id',
      'service',
      'channel',
      'hall',
      'department',
      'operator',
    ]);
    expect(await page.inputValue('#mapping-activity')).toBe('activity');
    expect(await page.inputValue('#mapping-timestamp')).toBe('step_time');
    expect(await page.inputValue('#mapping-caseId')).toBe('');
    await shoot('upload-preview.zh-CN.png', page.locator('.upload-card'));

    // Confirming without the case id says what is missing, in Chinese, and sends nothing.
    await page.click('#upload-submit');
    expect(await dialog.locator('[role="alert"]').textContent()).toContain('必填字段');

    // The clerk confirms the rest; the file goes in whole, with live rows and then the report.
    await page.selectOption('#mapping-caseId', 'application_no');
    await page.click('#upload-submit');
    const report = page.locator('[data-testid="upload-report"]');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.locator('[data-stat="accepted"] dd').textContent()).toBe(String(EVENTS));
    expect(await report.locator('[data-stat="rejected"] dd').textContent()).toBe('0');

    // The same file again: every row is already there, nothing is added twice.
    await page.setInputFiles('#upload-file', FIXTURE);
    await dialog.waitFor();
    // The mapping just used is the dataset's now, and comes back pre-filled.
    expect(await page.inputValue('#mapping-caseId')).toBe('application_no');
    await page.click('#upload-submit');
    await page
      .locator('[data-testid="upload-report"] [data-stat="duplicates"] dd', {
        hasText: new RegExp(`^${EVENTS}$`),
      })
      .waitFor();
    expect(await report.locator('[data-stat="accepted"] dd').textContent()).toBe('0');
    await shoot('upload-report.zh-CN.png', page.locator('.upload-card'));

    // An ingestion key for the push endpoint: shown once, with the curl line.
    await page.fill('#key-name', '大厅排队系统');
    await page.click('#key-create');
    const key = await page.inputValue('#created-key-value');
    expect(key).toMatch(/^otk_/);
    expect(await page.locator('[data-testid="created-key"] pre').textContent()).toContain(
      `${apiUrl}/api/v1/datasets/`,
    );
    await shoot('ingestion-key.zh-CN.png', page.locator('.keys-card'));
    const pushed = await fetch(
      (await page.locator('[data-testid="created-key"] pre').textContent())?.split(' ').pop() ?? '',
      {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        // The fixture's first row again (the saved mapping applies): a duplicate, so the
        // figures below stay those of the file.
        body:
          JSON.stringify({
            application_no: 'BDC202400001',
            activity: '预约',
            step_time: '2024-03-05 09:17:00',
            citizen_id: '33010219810200111',
            service: '不动产转移登记',
            channel: 'online',
            department: '市不动产登记中心',
          }) + '\n',
      },
    );
    expect(pushed.status).toBe(201);
    expect(await pushed.json()).toMatchObject({ rowsAccepted: 0, rowsDuplicate: 1 });
    await page.click('#key-dismiss');
    expect(await page.locator('#created-key-value').count()).toBe(0);

    await page.click('#run-start');
    // The dashboard opens on its overview; the map is one tab further.
    await page.waitForSelector('[data-testid="kpi-cards"]', { timeout: 60_000 });
    await page.click('#tab-map');
    await page.waitForSelector('[data-testid="process-map"] svg .pm-node-activity');

    const nodes = page.locator('[data-testid="process-map"] .pm-node-activity');
    const shown: { activity: string | null; text: string | null }[] = [];
    for (let i = 0; i < (await nodes.count()); i++) {
      const node = nodes.nth(i);
      shown.push({
        activity: await node.getAttribute('data-activity'),
        text: await node.locator('text.pm-node-label').textContent(),
      });
    }
    expect(shown.map((n) => n.activity).sort()).toEqual([...ACTIVITIES].sort());
    for (const node of shown) expect(node.text).toContain(node.activity ?? '?');
    expect(await page.locator('[data-testid="process-map"] .pm-node-start').count()).toBe(1);
    expect(await page.locator('[data-testid="process-map"] .pm-node-end').count()).toBe(1);
    expect(await page.locator('.dataset-heading p').first().textContent()).toContain(`${EVENTS} `);
    await page.click('#tab-overview');
    expect(await page.locator('[data-kpi="journeys"] .kpi-value').textContent()).toBe(
      String(CASES),
    );
    await page.click('#tab-map');
    await page.waitForSelector('[data-testid="process-map"] svg .pm-node-activity');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.waitForTimeout(300); // let the map's first fit settle
    await page.screenshot({ path: path.join(ARTIFACTS, 'process-map.png'), fullPage: true });

    // The same dialog in English (the data panel folds away once there is a map).
    await page.selectOption('#locale-select', 'en');
    await page.click('details.data-panels > summary');
    await page.setInputFiles('#upload-file', FIXTURE);
    await dialog.waitFor();
    expect(await page.inputValue('#mapping-caseId')).toBe('application_no');
    expect(await page.locator('#mapping-caseId-note').textContent()).toBe('As in the last upload');
    await shoot('upload-preview.en.png', page.locator('.upload-card'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'data-panel.en.png'), fullPage: true });
    await page.click('#upload-submit');
    await page.waitForSelector('[data-testid="upload-report"]');
    await shoot('upload-report.en.png', page.locator('.upload-card'));
    await shoot('ingestion-keys.en.png', page.locator('.keys-card'));

    // A file where most rows lack a case id: the policy fails the upload, the page says why,
    // what was read, and offers every rejected row as CSV. The dataset is unchanged.
    await page.setInputFiles(
      '#upload-file',
      path.join(FIXTURES, 'not-ok', 'ingest', 'missing-case-id.csv'),
    );
    await dialog.waitFor();
    expect(await page.inputValue('#mapping-caseId')).toBe('case_id');
    await page.click('#upload-submit');
    await page.waitForSelector('.upload-status [role="alert"]', { timeout: 30_000 });
    expect(await page.locator('.upload-status [role="alert"]').textContent()).toContain(
      'Too many rows could not be read',
    );
    const download = page.locator('[data-testid="rejected-csv"]');
    const csv = await fetch(`${apiUrl}${await download.getAttribute('href')}`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\n').length).toBeGreaterThan(1);
    await shoot('upload-failed.en.png', page.locator('.upload-card'));
    expect(await page.locator('.dataset-heading p').first().textContent()).toContain(`${EVENTS} `);

    // A GBK export with Chinese headers: detected as GB18030, every column suggested.
    await page.selectOption('#locale-select', 'zh-CN');
    await page.click('details.data-panels > summary');
    await page.setInputFiles(
      '#upload-file',
      path.join(FIXTURES, 'not-ok', 'ingest', 'gbk-without-declaration.csv'),
    );
    await dialog.waitFor();
    expect(await dialog.locator('.file-facts').textContent()).toContain('GB18030');
    expect(
      await Promise.all(
        ['caseId', 'activity', 'timestamp', 'department'].map((f) =>
          page.inputValue(`#mapping-${f}`),
        ),
      ),
    ).toEqual(['办件编号', '环节名称', '办理时间', '部门']);
    await shoot('upload-preview-gbk.zh-CN.png', page.locator('.upload-card'));

    // Progress and cancel, with the server held still by the browser: the upload request never
    // completes and the progress poll answers fixed live counts, so the screen can be looked at.
    let cancelled = false;
    await page.route('**/api/v1/datasets/*/uploads', () => undefined);
    await page.route('**/api/v1/uploads/*', (route) =>
      cancelled
        ? route.fulfill({ status: 404, contentType: 'application/problem+json', body: '{}' })
        : route.fulfill({
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify({ status: 'receiving', rowsRead: 48213, rowsRejected: 17 }),
          }),
    );
    await page.click('#upload-submit');
    await page.locator('[data-testid="upload-rows"]', { hasText: '48,213' }).waitFor();
    expect(await page.locator('.cancel-row').textContent()).toContain('数据集保持原样');
    await shoot('upload-progress.zh-CN.png', page.locator('.upload-card'));
    cancelled = true;
    await page.click('#upload-cancel');
    await page.waitForSelector('[data-testid="upload-cancelled"]');
    await shoot('upload-cancelled.zh-CN.png', page.locator('.upload-card'));
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
