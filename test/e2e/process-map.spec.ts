/**
 * The walking skeleton in a real browser: Debian's Chromium opens the web app served by the real
 * api (built, in a child process), with a real worker (built, in another child process), its own
 * PostgreSQL database and Bull prefix. A reform-team member creates a dataset, uploads the real
 * estate transfer log (first with the default column names, which the server rejects with a
 * message the page shows in Chinese, then with the file's own column names), mines it, and sees
 * every activity of the fixture on the process map.
 */
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  FIXTURES,
  ROOT,
  cleanQueue,
  createTestDatabase,
  spawnNode,
  spawnWorker,
  testEnv,
  type RunningProcess,
  type TestDatabase,
} from '../support/services';

const CHROMIUM = '/usr/bin/chromium';
const WEB_DIST = path.join(ROOT, 'dist', 'apps', 'web');
const API_MAIN = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
const FIXTURE = path.join(FIXTURES, 'ok', 'real-estate-transfer.csv');
const ARTIFACTS = path.join(ROOT, 'test', 'e2e', 'artifacts');

// The fixture's activities, read off its 58 rows by hand: 预约 (book an appointment), 受理
// (accept at the counter), 补正材料 (supplement materials), 审核 (review), 办结 (complete),
// 领证 (collect the certificate).
const ACTIVITIES = ['预约', '受理', '补正材料', '审核', '办结', '领证'];
const EVENTS = 58;
const CASES = 12;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(url: string, api: RunningProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (api.child.exitCode !== null) throw new Error(`api exited:\n${api.output()}`);
    if (Date.now() > deadline)
      throw new Error(`api not healthy after ${timeoutMs} ms:\n${api.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the process map in a browser, against the real api and worker', () => {
  let db: TestDatabase;
  let worker: RunningProcess;
  let api: RunningProcess;
  let apiUrl = '';
  let profile = '';
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    for (const built of [path.join(WEB_DIST, 'index.html'), API_MAIN]) {
      if (!existsSync(built)) {
        throw new Error(
          `${path.relative(ROOT, built)} is missing: run \`node tools/build.mjs\` first`,
        );
      }
    }
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
    db = await createTestDatabase('web_e2e');
    await cleanQueue(db.name);
    worker = spawnWorker(testEnv(db, { LOG_LEVEL: 'log' }));
    const port = await freePort();
    api = spawnNode(
      ['-r', './tools/runtime-paths.cjs', API_MAIN],
      testEnv(db, { PORT: String(port), HOST: '127.0.0.1', WEB_DIST }),
    );
    apiUrl = `http://127.0.0.1:${port}`;
    await Promise.all([waitForHealthy(apiUrl, api), worker.waitFor(/worker ready/i, 30_000)]);

    profile = mkdtempSync(path.join(os.tmpdir(), 'onetrip-e2e-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
      locale: 'zh-CN',
      viewport: { width: 1440, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await api?.stop();
    await worker?.stop();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  }, 60_000);

  it('uploads the fixture, mines it and shows every activity on the map', async () => {
    await page.goto(apiUrl);
    // A Chinese-speaking browser gets the Chinese interface.
    await page.waitForSelector('h2:has-text("数据集")');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');

    await page.fill('#dataset-name', '不动产转移登记（端到端测试）');
    await page.click('#create-dataset');
    await page.waitForSelector('h1:has-text("不动产转移登记（端到端测试）")');

    // With the default column names the server rejects the file; the page says why, in Chinese.
    await page.setInputFiles('#upload-file', FIXTURE);
    await page.click('#upload-submit');
    const alert = page.locator('.upload-status [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('缺少必需的列');

    // With the file's own column names it goes in whole.
    await page.click('details.mapping summary');
    await page.fill('#mapping-caseId', 'application_no');
    await page.fill('#mapping-timestamp', 'step_time');
    await page.setInputFiles('#upload-file', FIXTURE);
    await page.click('#upload-submit');
    const report = page.locator('[data-testid="upload-report"]');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.locator('.stat-good dd').textContent()).toBe(String(EVENTS));

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
        text: await node.locator('text').textContent(),
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
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
