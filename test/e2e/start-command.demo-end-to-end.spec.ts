/**
 * README command 1, for real: `onetrip start --demo` with no DATABASE_URL and no REDIS_URL starts
 * an embedded PostgreSQL and a local redis-server, migrates, starts the api and a worker, loads
 * the demo through the HTTP API and mines it; Ctrl-C (SIGINT to the whole process group, as a
 * terminal sends it) stops everything. A small demo
 * (--demo-journeys) keeps the test short; ports and data dir are the test's own.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { DatasetDto, RunDto, RunResultDto } from '@onetrip/contracts';
import { freePort } from '../support/services';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'apps', 'cli', 'bin', 'onetrip.js');

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The demo's session, from the one-time login link the banner prints (set in the test). */
let cookie = '';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

describe('onetrip start --demo on embedded PostgreSQL and a local Redis', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  let dataDir = '';
  let output = '';
  const ports = { api: 0, postgres: 0, redis: 0 };

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'))) {
      throw new Error(
        'dist/ is missing: run `node tools/build.mjs` (npm test does) before this suite',
      );
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-start-'));
    fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach it
    ports.api = await freePort();
    ports.postgres = await freePort();
    ports.redis = await freePort();
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      process.kill(-(child.pid ?? 0), 'SIGKILL');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the web app and the mined demo, then stops cleanly on Ctrl-C', async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    env.QUEUE_PREFIX = `onetrip-start-test-${process.pid}`;
    child = spawn(
      process.execPath,
      [
        CLI,
        'start',
        '--demo',
        '--demo-journeys',
        '200',
        '--lang',
        'en',
        '--port',
        String(ports.api),
        '--postgres-port',
        String(ports.postgres),
        '--redis-port',
        String(ports.redis),
        '--data-dir',
        dataDir,
      ],
      // Its own process group, so that the test can press "Ctrl-C" like a terminal does: SIGINT
      // to every process of the group (api, worker, redis-server and postgres included).
      { cwd: ROOT, env, detached: true },
    );
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = child;

    const deadline = Date.now() + 150_000;
    while (!output.includes('ready: open')) {
      if (started.exitCode !== null) throw new Error(`onetrip start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`onetrip start did not become ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const base = `http://127.0.0.1:${ports.api}`;
    expect(output).toContain(`embedded PostgreSQL on 127.0.0.1:${ports.postgres}`);
    expect(output).toContain(`local redis-server on 127.0.0.1:${ports.redis}`);

    // The banner's URL is a one-time login link: it sets the session cookie and opens the app.
    expect(output).toMatch(
      /created the admin user “demo” with password [\w-]{24} \(shown only now/,
    );
    const link = /ready: open (\S+)/.exec(output)?.[1] ?? '';
    expect(link).toMatch(new RegExp(`^${base}/api/v1/auth/link/otl_[\\w-]+$`));
    const redeemed = await fetch(link, { redirect: 'manual' });
    expect(redeemed.status).toBe(302);
    expect(redeemed.headers.get('location')).toBe('/');
    cookie = (redeemed.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^onetrip_session=ots_/);
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.headers.get('location')).toBe('/?login=link-expired'); // one time only
    expect((await fetch(`${base}/api/v1/datasets`)).status).toBe(401);

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');

    const datasets = await getJson<DatasetDto[]>(`${base}/api/v1/datasets`);
    expect(datasets.map((d) => d.name)).toEqual(['Demo: government services (simulated)']);
    const demo = datasets[0];
    expect(demo.eventCount).toBeGreaterThan(200);

    let run: RunDto | undefined;
    while (Date.now() < deadline) {
      const runs = await getJson<RunDto[]>(`${base}/api/v1/datasets/${demo.id}/runs`);
      run = runs[0];
      if (run && (run.status === 'completed' || run.status === 'failed')) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(run?.status).toBe('completed');
    const { result } = await getJson<RunResultDto>(`${base}/api/v1/runs/${run?.id ?? ''}/result`);
    expect(result.summary.events).toBe(demo.eventCount);
    expect(result.summary.journeys).toBe(200);
    expect(result.trips).not.toBeNull();

    process.kill(-(started.pid ?? 0), 'SIGINT');
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`onetrip start did not stop within 30 s of Ctrl-C:\n${output}`)),
        30_000,
      );
      started.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code).toBe(0);
    expect(output).toContain('[onetrip] stopped');
    expect(await portIsOpen(ports.api)).toBe(false);
    expect(await portIsOpen(ports.postgres)).toBe(false);
    expect(await portIsOpen(ports.redis)).toBe(false);
  }, 240_000);
});
