/**
 * Issue 13 in a real browser: on a demo-like dataset (the simulator's year with the reform on
 * 1 January 2026, mined per citizen and service as `npm start` mines its demo), the demo's goals
 * are set through the api, a manager creates one more with the form, and every goal shows as a
 * card with its status and trajectory — the satisfaction goal saying it cannot be computed yet.
 * Screenshots in both languages go to docs/images/ (goals.en.png, goals.zh-CN.png).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatasetDto, GoalDto, RunDto } from '@onetrip/contracts';
import { SIMULATOR_MAPPING, simulate, toCsv } from '@onetrip/simulator';
import type { Page } from 'playwright-core';
import { DEMO_GOALS, DEMO_RUN_PARAMS } from '../../apps/cli/src/start/demo';
import {
  createDatasetWithUpload,
  launchChromium,
  startWebStack,
  type Browser,
  type WebStack,
} from '../support/browser';
import { ROOT, waitForRun } from '../support/services';

const IMAGES = path.join(ROOT, 'docs', 'images');

describe('reform goals in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  let page: Page;
  let scratch = '';
  let dataset: DatasetDto;

  beforeAll(async () => {
    stack = await startWebStack('web_goals_e2e');
    scratch = mkdtempSync(path.join(os.tmpdir(), 'onetrip-goals-e2e-'));
    const csv = path.join(scratch, 'demo-like.csv');
    writeFileSync(
      csv,
      [...toCsv(simulate({ journeys: 1500, seed: 'goals-e2e', lang: 'en' }))].join(''),
    );
    dataset = await createDatasetWithUpload(
      stack.url,
      'Demo-like services',
      { name: 'demo-like.csv', content: readFileSync(csv) },
      SIMULATOR_MAPPING,
    );
    const run = await fetch(`${stack.url}/api/v1/datasets/${dataset.id}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ params: DEMO_RUN_PARAMS }),
    });
    const done = await waitForRun(stack.url, ((await run.json()) as RunDto).id, 120_000);
    expect(done.status).toBe('completed');
    for (const goal of DEMO_GOALS) {
      const made = await fetch(`${stack.url}/api/v1/datasets/${dataset.id}/goals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(goal),
      });
      expect(made.status).toBe(201);
    }
    browser = await launchChromium({ locale: 'en-GB' });
    page = browser.page;
    mkdirSync(IMAGES, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await stack?.stop();
  }, 60_000);

  it('creates a goal with the form and shows every goal as a card, in English and Chinese', async () => {
    await page.goto(`${stack.url}/#dataset=${dataset.id}&view=goals`);
    await page.waitForSelector('[data-testid="goal-card"]', { timeout: 90_000 });
    expect(await page.locator('[data-testid="goal-card"]').count()).toBe(4);
    const satisfaction = page.locator('[data-testid="goal-card"]').nth(3);
    expect(await satisfaction.locator('[data-testid="goal-reason"]').textContent()).toBe(
      'Cannot be computed yet: the data has no satisfaction ratings.',
    );
    // The three measurable goals have a status and a trajectory with the plan line.
    for (const i of [0, 1, 2]) {
      const card = page.locator('[data-testid="goal-card"]').nth(i);
      expect(await card.locator('[data-testid="goal-status"]').textContent()).toMatch(
        /^(On track|At risk|Behind)$/,
      );
      expect(await card.locator('svg.goal-trajectory .goal-plan').count()).toBe(1);
    }

    // A manager's own goal: the zero-trip rate up 50% on December 2025, by the end of 2026.
    await page.fill('[data-testid="goal-title"]', 'Online first');
    await page.selectOption('[data-testid="goal-kpi"]', 'zeroTripRate');
    await page.fill('[data-testid="goal-baselinePeriod"]', '2025-12');
    await page.fill('[data-testid="goal-targetValue"]', '50');
    await page.fill('[data-testid="goal-deadline"]', '2026-12-31');
    await page.fill('[data-testid="goal-owner"]', 'Portal team');
    await page.click('[data-testid="goal-save"]');
    await page.waitForSelector('[data-testid="goal-card"] h3:has-text("Online first")');
    expect(await page.locator('[data-testid="goal-card"]').count()).toBe(5);
    const mine = page.locator('[data-testid="goal-card"]', { hasText: 'Online first' });
    expect(await mine.locator('[data-testid="goal-status"]').textContent()).toMatch(
      /^(On track|At risk|Behind)$/,
    );
    expect(await mine.textContent()).toContain('Owner: Portal team');
    // What the api stored is what the form said.
    const goals = (await (
      await fetch(`${stack.url}/api/v1/datasets/${dataset.id}/goals`)
    ).json()) as GoalDto[];
    expect(goals.find((g) => g.title === 'Online first')).toMatchObject({
      kpi: 'zeroTripRate',
      direction: 'increase',
      baseline: { kind: 'period', period: '2025-12' },
      target: { kind: 'relative', percent: 50 },
      deadline: '2026-12-31',
    });
    await page.waitForTimeout(200);
    await page
      .locator('.view-goals .goal-cards')
      .screenshot({ path: path.join(IMAGES, 'goals.en.png') });

    await page.selectOption('#locale-select', 'zh-CN');
    await page.waitForSelector(
      '[data-testid="goal-status"]:has-text("进展正常"), [data-testid="goal-status"]:has-text("存在风险"), [data-testid="goal-status"]:has-text("进度落后")',
    );
    expect(await satisfaction.locator('[data-testid="goal-reason"]').textContent()).toBe(
      '暂时无法计算：数据中没有满意度评价。',
    );
    expect(await page.locator('#tab-goals').textContent()).toBe('改革目标');
    await page.waitForTimeout(200);
    await page
      .locator('.view-goals .goal-cards')
      .screenshot({ path: path.join(IMAGES, 'goals.zh-CN.png') });
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);
});
