/**
 * Issue 12, part 3, in a real browser against the built api and worker: case records with
 * Chinese headers are mined; the Deadlines view (办结时限) asks for limits; uploading the limit
 * table CSV in the view mines again, and the view shows the on-time rate per service, the
 * overdue journeys (most overdue first, hand-counted as in the integration spec) linked to their
 * timelines. Screenshots in zh-CN and en go to docs/images/ (the user guide shows them).
 */
import path from 'node:path';
import type { DatasetDto } from '@onetrip/contracts';
import type { Page } from 'playwright-core';
import {
  createDatasetWithUpload,
  launchChromium,
  startWebStack,
  type Browser,
  type WebStack,
} from '../support/browser';
import { FIXTURES, ROOT } from '../support/services';

const IMAGES = path.join(ROOT, 'docs', 'images');

/**
 * Beijing time; 2025 Spring Festival holiday Jan 28 – Feb 4, make-up days Jan 26 and Feb 8.
 * With the table (不动产登记 5, 社保卡申领 10 working days; 营业执照办理 2 hours):
 *   C 社保卡申领 16 working days, 6 over · A 不动产登记 7, 2 over · E 营业执照办理 4 h, 2 over;
 *   B (its record's due date), D (1.5 h), F (4 days), G (3 days) on time; H has no limit.
 */
const CASES = [
  '办件编号,事项名称,环节名称,办理时间,处理部门,办理地点,承诺办结时间',
  'A,不动产登记,受理,2025-01-24 10:00:00,自然资源局,市民中心,',
  'A,不动产登记,办结,2025-02-10 16:00:00,自然资源局,市民中心,',
  'B,不动产登记,受理,2025-02-10 09:00:00,自然资源局,市民中心,2025-02-21',
  'B,不动产登记,告知补正材料,2025-02-12 15:00:00,自然资源局,市民中心,',
  'B,不动产登记,收到补正材料,2025-02-17 10:00:00,自然资源局,市民中心,',
  'B,不动产登记,办结,2025-02-21 16:00:00,自然资源局,市民中心,',
  'C,社保卡申领,受理,2025-02-07 10:00:00,人社局,区政务大厅,',
  'C,社保卡申领,办结,2025-02-28 10:00:00,人社局,区政务大厅,',
  'D,营业执照办理,受理,2025-02-10 09:00:00,市场监管局,区政务大厅,',
  'D,营业执照办理,办结,2025-02-10 10:30:00,市场监管局,区政务大厅,',
  'E,营业执照办理,受理,2025-02-11 09:00:00,市场监管局,区政务大厅,',
  'E,营业执照办理,办结,2025-02-11 13:00:00,市场监管局,区政务大厅,',
  'F,社保卡申领,受理,2025-02-10 09:00:00,人社局,区政务大厅,',
  'F,社保卡申领,办结,2025-02-14 16:00:00,人社局,区政务大厅,',
  'G,不动产登记,受理,2025-02-17 09:00:00,自然资源局,市民中心,',
  'G,不动产登记,办结,2025-02-20 16:00:00,自然资源局,市民中心,',
  'H,居住证办理,受理,2025-02-10 09:00:00,公安局,市民中心,',
  'H,居住证办理,办结,2025-02-12 09:00:00,公安局,市民中心,',
  '',
].join('\n');

describe('the Deadlines view in a browser', () => {
  let stack: WebStack;
  let browser: Browser;
  let page: Page;
  let dataset: DatasetDto;

  beforeAll(async () => {
    stack = await startWebStack('web_deadlines_e2e');
    dataset = await createDatasetWithUpload(
      stack.url,
      '办结时限示例',
      { name: '办件.csv', content: CASES },
      {
        caseId: '办件编号',
        service: '事项名称',
        activity: '环节名称',
        timestamp: '办理时间',
        department: '处理部门',
        location: '办理地点',
      },
    );
    browser = await launchChromium({ locale: 'zh-CN' });
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  const openDeadlines = async (): Promise<void> => {
    await page.click('#tab-deadlines');
    await page.waitForSelector('.view-region[data-view="deadlines"] .view');
  };

  it('asks for limits, takes the uploaded table, mines again and links the overdue journeys', async () => {
    await page.goto(`${stack.url}/#dataset=${dataset.id}`);
    await page.waitForSelector('h1:has-text("办结时限示例")');
    await page.click('#run-start');
    await page.waitForSelector('[data-testid="kpi-cards"]', { timeout: 90_000 });
    await openDeadlines();
    // Only B has a limit before the table (its record's due date).
    expect(await page.locator('[data-kpi="without-limit"] .kpi-value').textContent()).toBe('7');

    await page.click('[data-testid="limits-editor"] summary');
    await page.setInputFiles(
      '#limits-file',
      path.join(FIXTURES, 'ok/deadlines/service-limits.csv'),
    );
    await page.waitForSelector('[data-testid="overdue-journeys"]', { timeout: 90_000 });
    expect(await page.locator('[data-kpi="on-time"] .kpi-value').textContent()).toBe('57%');
    expect(await page.locator('[data-kpi="without-limit"] .kpi-value').textContent()).toBe('1');
    const rows = page.locator('[data-testid="overdue-journeys"] tbody tr');
    const keys: (string | null)[] = [];
    for (let i = 0; i < (await rows.count()); i += 1) {
      keys.push(await rows.nth(i).getAttribute('data-key'));
    }
    expect(keys).toEqual(['C', 'A', 'E']);
    expect(
      await page.locator('[data-testid="overdue-journeys"] tbody tr').first().textContent(),
    ).toContain('16 个工作日');
    await page.waitForTimeout(250);
    await page
      .locator('.view-region[data-view="deadlines"]')
      .screenshot({ path: path.join(IMAGES, 'deadlines.zh-CN.png') });

    await page.locator('button.overdue-journey').first().click();
    await page.waitForSelector('.view-region[data-view="timeline"]');
    expect(page.url()).toContain('journey=C');

    await page.selectOption('#locale-select', 'en');
    await openDeadlines();
    expect(await page.locator('[data-kpi="on-time"] .kpi-label').textContent()).toBe(
      'Completed on time',
    );
    expect(
      await page.locator('[data-testid="overdue-journeys"] tbody tr').first().textContent(),
    ).toContain('16 working days');
    await page.waitForTimeout(250);
    await page
      .locator('.view-region[data-view="deadlines"]')
      .screenshot({ path: path.join(IMAGES, 'deadlines.en.png') });
    expect(browser.pageErrors).toEqual([]);
  }, 240_000);
});
