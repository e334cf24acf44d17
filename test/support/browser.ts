/**
 * What the browser end-to-end suites share: the built api (serving the built web app) and worker
 * on the suite's own database and Bull prefix, and Debian's Chromium with the flags this
 * environment needs and a fresh profile.
 */
import { CHROMIUM_FLAGS } from '@onetrip/backend';
import type { DatasetDto } from '@onetrip/contracts';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_AUTH_HEADER } from './test-admin';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  ROOT,
  cleanQueue,
  createTestDatabase,
  freePort,
  spawnApi,
  spawnWorker,
  testEnv,
  type RunningProcess,
  type TestDatabase,
} from './services';

export const WEB_DIST = path.join(ROOT, 'dist', 'apps', 'web');
export const ARTIFACTS = path.join(ROOT, 'test', 'e2e', 'artifacts');
const CHROMIUM = '/usr/bin/chromium';

export interface WebStack {
  db: TestDatabase;
  worker: RunningProcess;
  api: RunningProcess;
  /** Where the api (and the web app at `/`) answers. */
  url: string;
  /** Stops the processes, then drops the database and the queue's keys. */
  stop(): Promise<void>;
}

export async function startWebStack(suite: string): Promise<WebStack> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('dist/apps/web is missing: run `node tools/build.mjs` first');
  }
  const db = await createTestDatabase(suite);
  const processes: RunningProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const process of processes) await process.stop();
    await cleanQueue(db.name);
    await db.drop();
  };
  try {
    await cleanQueue(db.name);
    const worker = spawnWorker(testEnv(db, { LOG_LEVEL: 'log' }));
    processes.push(worker);
    const port = await freePort();
    const api = await spawnApi(testEnv(db, { WEB_DIST }), port);
    processes.unshift(api);
    await worker.waitFor(/worker ready/i, 30_000);
    return { db, worker, api, url: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Page errors seen so far (uncaught exceptions in the app). */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function launchChromium(options: {
  locale: string;
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  /** Replaces the test admin's `authorization` (`''`: no session, the login page). */
  extraHTTPHeaders?: Record<string, string>;
}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'onetrip-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: 1440, height: 1000 },
    // The test admin's session (test-admin.ts): the app opens as it does for a logged-in admin.
    extraHTTPHeaders: { authorization: TEST_AUTH_HEADER, ...options.extraHTTPHeaders },
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    context,
    page,
    pageErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A dataset (in Asia/Shanghai) with one file uploaded into it through the api, as the test admin;
 * throws with the api's answer when the upload fails. The e2e specs' common set-up.
 */
export async function createDatasetWithUpload(
  apiUrl: string,
  name: string,
  file: { name: string; content: string | Buffer },
  mapping: object,
): Promise<DatasetDto> {
  const created = await fetch(`${apiUrl}/api/v1/datasets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, timezone: 'Asia/Shanghai' }),
  });
  const dataset = (await created.json()) as DatasetDto;
  const form = new FormData();
  form.append('mapping', JSON.stringify(mapping));
  const bytes = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
  form.append('file', new Blob([new Uint8Array(bytes)]), file.name);
  const uploaded = await fetch(`${apiUrl}/api/v1/datasets/${dataset.id}/uploads`, {
    method: 'POST',
    body: form,
  });
  if (!uploaded.ok) throw new Error(`upload failed: ${await uploaded.text()}`);
  return dataset;
}
