/**
 * Real PostgreSQL, Redis and worker processes for integration and end-to-end suites. Each suite
 * gets its own database (created from the `test` database, migrated with the real migrations)
 * and its own Bull queue prefix, and removes both afterwards.
 */
import type { INestApplication } from '@nestjs/common';
import { AppConfig, createDataSource, loadConfig } from '@onetrip/backend';
import type { RunDto, RunResultDto } from '@onetrip/contracts';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createApp } from '../../apps/api/src/app.factory';
import { seedTestAdmin, TEST_ADMIN } from './test-admin';

export { TEST_ADMIN, TEST_AUTH_HEADER } from './test-admin';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_PSEUDONYM_KEY = 'integration-test-pseudonym-key';

/** `onetrip_t_<suite>_<pid>`: unique per suite and Jest worker, safe as a db name and prefix. */
export function suiteName(suite: string): string {
  return `onetrip_t_${suite.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_${process.pid}`;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database (no migrations run). */
export async function createEmptyDatabase(suite: string): Promise<TestDatabase> {
  const name = suiteName(suite);
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** A fresh database migrated with the real migrations, holding the test admin (TEST_ADMIN). */
export async function createTestDatabase(suite: string): Promise<TestDatabase> {
  const db = await createEmptyDatabase(suite);
  const dataSource = createDataSource(db.url);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
  await addTestAdmin(db);
  return db;
}

/**
 * The test admin (TEST_ADMIN) in a database migrated to the latest schema; createTestDatabase does
 * it, suites that migrate by hand call it before starting an api.
 */
export async function addTestAdmin(db: TestDatabase): Promise<void> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await seedTestAdmin(client);
  } finally {
    await client.end();
  }
}

/** Environment for api/worker processes of a suite (also what testConfig validates). */
export function testEnv(
  db: TestDatabase,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: db.name,
    PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
    LOG_LEVEL: 'warn',
    WEB_DIST: path.join(ROOT, 'dist', 'apps', 'web-absent-in-tests'),
    // For `onetrip import` and other api clients spawned with this environment.
    ONETRIP_TOKEN: TEST_ADMIN.token,
    // Suites share one admin token and call uploads, runs and facets in bursts; the limit of the
    // costly endpoints is tested on its own (hardening.headers-cors-limits-cleanup.spec.ts).
    COSTLY_RATE_LIMIT_PER_MINUTE: '100000',
    ...extra,
  };
}

export function testConfig(db: TestDatabase, extra: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnv(db, extra));
}

/** Deletes every Redis key of a queue prefix. */
export async function cleanQueue(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface RunningApi {
  app: INestApplication;
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  close(): Promise<void>;
}

/** The real api module graph, listening on an ephemeral port in this process. */
export async function startApi(config: AppConfig): Promise<RunningApi> {
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, close: () => app.close() };
}

/**
 * The usual integration suite: its own migrated database and Bull queue prefix and the api in
 * this process, made before its tests and removed after them. Read `db` and `api` inside tests.
 */
export function apiSuite(suite: string): { readonly db: TestDatabase; readonly api: RunningApi } {
  let db: TestDatabase | undefined;
  let api: RunningApi | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(suite);
    await cleanQueue(db.name);
    api = await startApi(testConfig(db));
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  });
  return {
    get db(): TestDatabase {
      if (!db) throw new Error(`${suite}: the database is made in beforeAll`);
      return db;
    },
    get api(): RunningApi {
      if (!api) throw new Error(`${suite}: the api is started in beforeAll`);
      return api;
    },
  };
}

export interface RunningProcess {
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after the timeout; resolves with the exit code (null when killed). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const WORKER_MAIN = path.join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');

/**
 * apiSuite with a worker: the built worker process on the suite's database and queue prefix,
 * ready before the tests, stopped after them (and expected to exit cleanly). Read `db`, `api`
 * and `worker` inside tests.
 */
export function apiWorkerSuite(suite: string): {
  readonly db: TestDatabase;
  readonly api: RunningApi;
  readonly worker: RunningProcess;
} {
  let db: TestDatabase | undefined;
  let api: RunningApi | undefined;
  let worker: RunningProcess | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(suite);
    await cleanQueue(db.name);
    worker = spawnWorker(testEnv(db, { LOG_LEVEL: 'log' }));
    api = await startApi(testConfig(db));
    await worker.waitFor(/worker ready/);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    const exit = await worker?.stop();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
    expect(exit?.code).toBe(0);
  });
  const made = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${suite}: the ${what} is made in beforeAll`);
    return value;
  };
  return {
    get db(): TestDatabase {
      return made(db, 'database');
    },
    get api(): RunningApi {
      return made(api, 'api');
    },
    get worker(): RunningProcess {
      return made(worker, 'worker');
    },
  };
}

/** Starts the built worker (`node -r ./tools/runtime-paths.cjs dist/apps/worker/src/main.js`). */
export function spawnWorker(env: Record<string, string>): RunningProcess {
  if (!existsSync(WORKER_MAIN)) {
    throw new Error(
      `${path.relative(ROOT, WORKER_MAIN)} is missing: build first with \`node tools/build.mjs server\``,
    );
  }
  return spawnNode(['-r', './tools/runtime-paths.cjs', WORKER_MAIN], env);
}

export function spawnNode(args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const l of listeners) l();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (pattern.test(output)) {
            done();
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`process exited before printing ${String(pattern)}:\n${output}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${String(pattern)}:\n${output}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async stop(timeoutMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

/** Polls a run until it is completed, failed or cancelled. */
export async function waitForRun(
  apiUrl: string,
  runId: string,
  timeoutMs = 60_000,
): Promise<RunDto> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${apiUrl}/api/v1/runs/${runId}`);
    const run = (await res.json()) as RunDto;
    if (run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled')
      return run;
    if (Date.now() > deadline)
      throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Asks for a run of the dataset (`body` of POST …/runs), waits until it completes and reads its
 * result: the run as the POST answered it (`cached`, `params`) and the mining result.
 */
export async function mineDataset(
  apiUrl: string,
  datasetId: string,
  body: object = {},
): Promise<{ run: RunDto; result: RunResultDto['result'] }> {
  const created = await fetch(`${apiUrl}/api/v1/datasets/${datasetId}/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (created.status >= 300) throw new Error(`POST runs answered ${created.status}`);
  const run = (await created.json()) as RunDto;
  const done = await waitForRun(apiUrl, run.id);
  if (done.status !== 'completed') throw new Error(`run ${run.id} ${done.status}: ${done.error}`);
  const res = await fetch(`${apiUrl}/api/v1/runs/${run.id}/result`);
  return { run, result: ((await res.json()) as RunResultDto).result };
}

const API_MAIN = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built api (`node -r ./tools/runtime-paths.cjs dist/apps/api/src/main.js`) on the
 * given port and waits until it listens.
 */
export async function spawnApi(env: Record<string, string>, port: number): Promise<RunningProcess> {
  if (!existsSync(API_MAIN)) {
    throw new Error(
      `${path.relative(ROOT, API_MAIN)} is missing: build first with \`node tools/build.mjs server\``,
    );
  }
  const api = spawnNode(['-r', './tools/runtime-paths.cjs', API_MAIN], {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'log',
  });
  await api.waitFor(/onetrip api listening/);
  return api;
}
