/**
 * The reform team's dashboard in a real browser (Debian's Chromium) against the built api and
 * worker, on a simulated demo-like dataset (500 journeys of `@onetrip/simulator`, uploaded with
 * its own column mapping and mined per citizen and service) and on a public log without channels
 * or citizens. Every view renders with data; a filter change reaches every view through a
 * filtered run; an edge click opens its side panel; export gives a valid SVG. Screenshots of
 * every view go to test/e2e/artifacts/ (git-ignored).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatasetDto } from '@onetrip/contracts';
import { SIMULATOR_MAPPING, simulate, toCsv } from '@onetrip/simulator';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  createDatasetWithUpload,
  launchChromium,
  startWebStack,
  type Browser,
  type WebStack,
} from '../support/browser';
import { ROOT } from '../support/services';

const PUBLIC_LOG = path.join(ROOT, '..', 'shared', 'datasets', 'real', 'roadtraffic100traces.csv');

function createDataset(
  apiUrl: string,
  name: string,
  file: string,
  mapping: object,
): Promise<DatasetDto> {
  return createDatasetWithUpload(
    apiUrl,
    name,
    { name: path.basename(file), content: readFileSync(file) },
    mapping,
  );
}

describe('the dashboard in a browser, against the real api and worker', () => {
  let stack: WebStack;
  let browser: Browser;
  let apiUrl = '';
  let scratch = '';
  let page: Page;
  let demo: DatasetDto;
  let publicLog: DatasetDto;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startWebStack('web_dashboard_e2e');
    apiUrl = stack.url;

    scratch = mkdtempSync(path.join(os.tmpdir(), 'onetrip-dashboard-e2e-'));
    const csv = path.join(scratch, 'demo-500.csv');
    writeFileSync(
      csv,
      [...toCsv(simulate({ journeys: 500, seed: 'dashboard-e2e', lang: 'en' }))].join(''),
    );
    demo = await createDataset(apiUrl, 'Demo services (500 journeys)', csv, SIMULATOR_MAPPING);
    publicLog = await createDataset(apiUrl, 'Road traffic fines (public log)', PUBLIC_LOG, {
      caseId: 'case:concept:name',
      activity: 'concept:name',
      timestamp: 'time:timestamp',
    });

    browser = await launchChromium({ locale: 'en-GB', acceptDownloads: true });
    ({ page, pageErrors } = browser);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await stack?.stop();
  }, 60_000);

  const shot = async (name: string): Promise<void> => {
    await page.waitForTimeout(250); // let the map's first fit and fonts settle
    await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
    // A smaller picture of just the dashboard (filters, tabs, view) for docs/user-guide.md.
    const box = await page.locator('[data-testid="dashboard"]').boundingBox();
    if (box) {
      await page.screenshot({
        path: path.join(ARTIFACTS, `guide-${name}.png`),
        fullPage: true,
        clip: {
          x: box.x - 8,
          y: box.y - 8,
          width: box.width + 16,
          height: Math.min(box.height + 16, 1000),
        },
      });
    }
  };
  const tab = async (view: string): Promise<void> => {
    await page.click(`#tab-${view}`);
    await page.waitForSelector(`.view-region[data-view="${view}"] .view`);
  };
  /** A short text that tells one result of a view from another. */
  const signature = async (view: string): Promise<string> => {
    await tab(view);
    const selectors: Record<string, string> = {
      overview: '[data-kpi="journeys"] .kpi-value',
      map: '.pm-node-activity .pm-node-count',
      bottlenecks: '[data-testid="bottlenecks-government-table"] tbody',
      trips: '[data-card="trips-distribution"] svg',
      waits: '[data-card="wait-attribution"] svg',
      variants: '[data-testid="variants-table"] tbody',
    };
    const texts = await page.locator(selectors[view]).allTextContents();
    return texts.join('|');
  };

  it('mines the demo dataset and shows every view with data', async () => {
    await page.goto(`${apiUrl}/#dataset=${demo.id}`);
    await page.waitForSelector('h1:has-text("Demo services")');
    expect(await page.inputValue('#run-journey')).toBe('citizen+service');
    await page.click('#run-start');
    await page.waitForSelector('[data-testid="kpi-cards"]', { timeout: 90_000 });

    // Overview: every KPI has a figure and a trend.
    expect(await page.locator('[data-kpi="journeys"] .kpi-value').textContent()).toMatch(/^\d/);
    for (const kpi of ['trips', 'at-most-one', 'zero-trip', 'lead-median', 'queue', 'rework']) {
      expect(await page.locator(`[data-kpi="${kpi}"] .kpi-value`).textContent()).not.toBe('–');
    }
    expect(await page.locator('.kpi-trend svg').count()).toBe(8);
    // Sparklines are labelled: a share on 0–100%, the last value, a tooltip per month, the change.
    const share = page.locator('[data-kpi="at-most-one"]');
    expect(await share.locator('.sparkline-min').textContent()).toBe('0%');
    expect(await share.locator('.sparkline-max').textContent()).toBe('100%');
    expect(await share.locator('.sparkline-last-value').textContent()).toMatch(/^\d+%$/);
    expect(await share.locator('.sparkline-hit title').first().textContent()).toMatch(
      /^\d{4}-\d{2}: (\d+%|–)$/,
    );
    expect(await share.locator('.kpi-change').textContent()).toMatch(
      /(pp in \d{4}-\d{2} vs \d{4}-\d{2} \(previous month\)|previous month has no value)/,
    );
    await page.waitForSelector('.filter-bar .columns-plot .column');
    await shot('overview');
    // A close-up of the KPI cards and their labelled sparklines for docs/user-guide.md.
    await page.locator('[data-testid="kpi-cards"]').screenshot({
      path: path.join(ARTIFACTS, 'guide-sparklines.png'),
    });

    await tab('map');
    expect(await page.locator('.pm-node-activity').count()).toBeGreaterThan(8);
    await shot('map');
    // Fitted whole in a small frame, activity names still read: at least 10 px on screen.
    await page.setViewportSize({ width: 900, height: 700 });
    await page.click('[data-focus="zoom-reset"]');
    await page.waitForTimeout(300);
    // Names too big for their boxes float over the map, the more frequent first, none overlapping.
    interface Fitted {
      compact: boolean;
      nodes: number;
      names: { size: number; left: number; right: number; top: number; bottom: number }[];
    }
    const fitted = await page.evaluate<Fitted>(`(() => {
      const svg = document.querySelector('[data-testid="process-map"] svg');
      const names = [...svg.querySelectorAll('text.pm-node-compact')]
        .filter((text) => getComputedStyle(text).display !== 'none')
        .map((text) => {
          const box = text.getBoundingClientRect();
          const size = Number(text.getAttribute('font-size')) * text.getScreenCTM().a;
          return { size, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
        });
      return {
        compact: svg.classList.contains('pm-compact-nodes'),
        nodes: svg.querySelectorAll('.pm-node-activity').length,
        names,
      };
    })()`);
    expect(fitted.compact).toBe(true);
    expect(fitted.names.length).toBeGreaterThanOrEqual(Math.min(5, fitted.nodes));
    for (const name of fitted.names) expect(name.size).toBeGreaterThanOrEqual(9.9);
    for (const [i, a] of fitted.names.entries()) {
      for (const b of fitted.names.slice(i + 1)) {
        const apart =
          a.right <= b.left + 1 ||
          b.right <= a.left + 1 ||
          a.bottom <= b.top + 1 ||
          b.bottom <= a.top + 1;
        expect(apart).toBe(true);
      }
    }
    await shot('map-fitted-small');
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.click('#overlay-time');
    await page.waitForSelector('.legend-heat');
    expect(page.url()).toContain('overlay=time');
    await shot('map-time');
    await page.click('#overlay-frequency');

    await tab('bottlenecks');
    expect(
      await page.locator('[data-testid="bottlenecks-government-table"] tbody tr').count(),
    ).toBeGreaterThan(3);
    expect(
      await page.locator('[data-testid="bottlenecks-citizen-table"] tbody tr').count(),
    ).toBeGreaterThan(0);
    await shot('bottlenecks');

    await tab('trips');
    for (const card of [
      'trips-distribution',
      'trips-by-service',
      'trips-by-hall',
      'return-causes',
      'return-purposes',
      'channel-sequences',
    ]) {
      expect(await page.locator(`[data-card="${card}"] svg`).count()).toBe(1);
    }
    expect(await page.locator('.icicle-node').count()).toBeGreaterThan(3);
    await shot('trips');

    await tab('waits');
    expect(await page.locator('.heat-cell:not(.heat-empty)').count()).toBeGreaterThan(10);
    expect(
      await page.locator('[data-card="waits-by-department"] .bar-row').count(),
    ).toBeGreaterThan(0);
    await shot('waits');

    await tab('variants');
    expect(await page.locator('[data-testid="variants-table"] tbody tr').count()).toBeGreaterThan(
      5,
    );
    await shot('variants');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('opens an edge’s panel, follows a sample journey to its timeline and exports a valid SVG', async () => {
    await tab('map');
    const edge = page.locator('.pm-edge:not(.pm-edge-terminal)').first();
    const from = await edge.getAttribute('data-from');
    const to = await edge.getAttribute('data-to');
    await edge.locator('.pm-edge-line').dispatchEvent('click');
    const panel = page.locator('[data-testid="side-panel"]');
    await panel.waitFor();
    expect(await panel.locator('h3').textContent()).toBe(`${from} → ${to}`);
    expect(await panel.locator('.panel-chart svg').count()).toBe(2);
    expect(page.url()).toContain('edgeFrom=');
    expect(await page.locator('.pm-edge.pm-highlight').count()).toBe(1);
    await shot('map-panel');

    const download = page.waitForEvent('download');
    await page.click('.map-toolbar [data-export="svg"]');
    const file = await (await download).path();
    const svg = readFileSync(file, 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    // Parsed by the browser's own XML parser (the test's TypeScript has no DOM types).
    const parsed = await page.evaluate<{ root: string; errors: number; nodes: number }>(`(() => {
      const doc = new DOMParser().parseFromString(${JSON.stringify(svg)}, 'image/svg+xml');
      return {
        root: doc.documentElement.nodeName,
        errors: doc.getElementsByTagName('parsererror').length,
        nodes: doc.querySelectorAll('.pm-node-activity').length,
      };
    })()`);
    expect(parsed).toEqual({
      root: 'svg',
      errors: 0,
      nodes: await page.locator('.pm-node-activity').count(),
    });

    await panel.locator('.sample-journey').first().click();
    await page.waitForSelector('[data-testid="journey-timeline"] .timeline-event', {
      timeout: 30_000,
    });
    expect(page.url()).toContain('view=timeline');
    expect(await page.locator('.timeline-event').count()).toBeGreaterThan(2);
    await shot('timeline');

    // Back goes to the map with the panel still open.
    await page.goBack();
    await page.waitForSelector('[data-testid="side-panel"]');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('runs a filter once and updates every view; back and forward switch between results', async () => {
    const views = ['overview', 'map', 'bottlenecks', 'trips', 'waits', 'variants'];
    const before: string[] = [];
    for (const view of views) before.push(await signature(view));
    await tab('overview');
    const services = await page.locator('#filter-service-menu .facet-option').allTextContents();
    expect(services.length).toBeGreaterThan(1);
    await page.click('#filter-service');
    await page.locator('#filter-service-menu input[type="checkbox"]').first().check();
    await page.click('#filter-service-apply');
    await page.waitForSelector('[data-testid="kpi-cards"]', { timeout: 90_000 });
    expect(page.url()).toContain('service=');
    await shot('filtered');
    const after: string[] = [];
    for (const view of views) after.push(await signature(view));
    views.forEach((view, i) => expect([view, after[i]]).not.toEqual([view, before[i]]));
    expect(Number((await signature('overview')).replace(/\D/g, ''))).toBeLessThan(
      Number(before[0].replace(/\D/g, '')),
    );
    // Back in history until the unfiltered overview: served from the cache, no progress bar.
    await page.click('#filter-clear');
    await page.waitForSelector('[data-testid="kpi-cards"]');
    expect(await page.locator('[data-testid="filter-progress"]').count()).toBe(0);
    expect(await signature('overview')).toBe(before[0]);

    // Brushing months on the time range is a filter too.
    const overlay = await page.locator('.time-brush .overlay').boundingBox();
    if (!overlay) throw new Error('no time brush');
    await page.mouse.move(overlay.x + overlay.width * 0.3, overlay.y + overlay.height / 2);
    await page.mouse.down();
    await page.mouse.move(overlay.x + overlay.width * 0.6, overlay.y + overlay.height / 2, {
      steps: 5,
    });
    await page.mouse.up();
    await page.waitForURL(/from=/);
    await page.waitForSelector('[data-testid="kpi-cards"]', { timeout: 90_000 });
    expect(page.url()).toMatch(/from=.*&to=/);
    expect(Number((await signature('overview')).replace(/\D/g, ''))).toBeLessThan(
      Number(before[0].replace(/\D/g, '')),
    );
    await shot('brushed');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('says what a public log without channels or citizens cannot show, instead of breaking', async () => {
    await page.goto(`${apiUrl}/#dataset=${publicLog.id}`);
    await page.waitForSelector('h1:has-text("Road traffic")');
    expect(await page.inputValue('#run-journey')).toBe('case');
    await page.click('#run-start');
    await page.waitForSelector('[data-testid="kpi-cards"]', { timeout: 90_000 });
    expect(await page.locator('[data-kpi="trips"] .kpi-note').textContent()).toBe(
      'needs a channel column',
    );
    await tab('trips');
    await page.waitForSelector('[data-testid="trips-unavailable"]');
    await tab('waits');
    await page.waitForSelector('[data-testid="queue-unavailable"]');
    await tab('map');
    expect(await page.locator('.pm-node-activity').count()).toBeGreaterThan(5);
    await tab('trips');
    await shot('public-log-trips');
    // The locale switch: the same view in Chinese, with Chinese number and date formats.
    await page.selectOption('#locale-select', 'zh-CN');
    await tab('overview');
    expect(await page.locator('#tab-overview').textContent()).toBe('概览');
    await shot('public-log-overview-zh');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows column statistics and warns about an implausible mapping before anything is stored', async () => {
    await page.goto(`${apiUrl}/#dataset=${demo.id}`);
    await page.waitForSelector('h1:has-text("Demo services")');
    await page.selectOption('#locale-select', 'zh-CN');
    // The data panels fold away once a result is shown (an earlier case mined this dataset):
    // wait for it, then open them as a user would.
    await page.waitForSelector('[data-testid="kpi-cards"]', { timeout: 60_000 });
    const panels = page.locator('details.data-panels');
    if ((await panels.getAttribute('open')) === null)
      await page.click('details.data-panels > summary');
    const lines = ['办件编号,状态,环节,办理时间,申请日期'];
    for (let i = 0; i < 30; i += 1) {
      const hour = String(9 + (i % 8)).padStart(2, '0');
      lines.push(`BJ${i},${i % 2 ? '办结' : '在办'},受理,2024-03-01 ${hour}:00,2024-03-05`);
    }
    await page.setInputFiles('#upload-file', {
      name: '办件导出.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n') + '\n', 'utf8'),
    });
    await page.waitForSelector('[data-testid="upload-preview"]');
    // A clerk maps the status as the case and the application date as the start.
    await page.selectOption('[data-field="caseId"]', '状态');
    await page.selectOption('[data-field="startTimestamp"]', '申请日期');
    const warnings = page.locator('[data-testid="mapping-warnings"] li');
    await warnings.first().waitFor();
    const kinds = await Promise.all(
      (await warnings.all()).map((w) => w.getAttribute('data-warning')),
    );
    expect(kinds).toEqual(['upload.warn.caseFewValues', 'upload.warn.startAfterComplete']);
    expect(await warnings.first().textContent()).toContain('只有 2 个不同的值');
    await page.click('[data-testid="column-stats"] summary');
    expect(
      await page.locator('[data-testid="column-stats"] [data-column="状态"] td').allTextContents(),
    ).toEqual(['状态', '2', '0%', '0%']);
    await page.locator('[data-testid="upload-preview"]').screenshot({
      path: path.join(ARTIFACTS, 'upload-mapping-warnings.zh-CN.png'),
    });
    // Nothing was stored: the dataset still has its one upload.
    const uploads = (await (
      await fetch(`${apiUrl}/api/v1/datasets/${demo.id}/uploads`)
    ).json()) as unknown[];
    expect(uploads).toHaveLength(1);
    // Fixed, the warnings go.
    await page.selectOption('[data-field="caseId"]', '办件编号');
    await page.selectOption('[data-field="startTimestamp"]', '');
    await page.waitForSelector('[data-testid="mapping-warnings"]', { state: 'detached' });
    await page.click('#upload-discard');
    await page.selectOption('#locale-select', 'en');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
