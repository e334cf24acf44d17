/**
 * `onetrip start` as a supervisor, on the shared PostgreSQL and Redis (its own database and
 * queue prefix): an api killed with SIGKILL is started again and answers again; SIGINT sent to
 * the top process only (as `kill -INT`) stops everything with exit code 0, leaving no process
 * behind. Then the same through `npm start` (ONETRIP_SKIP_BUILD=1: the build is already there):
 * `kill -INT` of the npm process stops the whole stack too. Without PSEUDONYM_KEY a random key
 * is made in the data dir (mode 0600) and kept.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  REDIS_URL,
  ROOT,
  cleanQueue,
  createTestDatabase,
  freePort,
  type TestDatabase,
} from '../support/services';

const CLI = path.join(ROOT, 'apps', 'cli', 'bin', 'onetrip.js');

interface Started {
  child: ChildProcess;
  output(): string;
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Started {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    output: () => output,
    exited,
    async waitFor(text, timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes(text)) {
        if (child.exitCode !== null) throw new Error(`exited before "${text}":\n${output}`);
        if (Date.now() > deadline)
          throw new Error(`no "${text}" within ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

/** Every process below `pid` (children, grandchildren …), from ps. */
function descendants(pid: number): { pid: number; args: string }[] {
  const ps = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).stdout;
  const rows = ps
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }));
  const found: { pid: number; args: string }[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const row of rows.filter((r) => r.ppid === parent)) {
      found.push({ pid: row.pid, args: row.args });
      queue.push(row.pid);
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function healthy(base: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening (yet)
    }
    if (Date.now() > deadline) throw new Error(`${base} not healthy within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function exitWithin(started: Started, ms: number): Promise<number | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still running after ${ms} ms:\n${started.output()}`)),
      ms,
    );
  });
  try {
    return await Promise.race([started.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('onetrip start supervises the api and the worker', () => {
  let db: TestDatabase;
  let dataDir = '';
  const running: Started[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'))) {
      throw new Error('dist/ is missing: run `node tools/build.mjs server` before this suite');
    }
    db = await createTestDatabase('start_supervisor');
    await cleanQueue(db.name);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-supervisor-'));
  }, 60_000);

  afterAll(async () => {
    for (const started of running) {
      for (const d of started.child.pid ? descendants(started.child.pid) : []) {
        if (alive(d.pid)) process.kill(d.pid, 'SIGKILL');
      }
      if (started.child.exitCode === null) {
        started.child.kill('SIGKILL');
        await started.exited;
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  });

  const env = (port: number): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: db.name,
      LOG_LEVEL: 'log',
      PORT: String(port),
      WEB_DIST: path.join(ROOT, 'dist', 'apps', 'web-absent-in-tests'),
    };
    delete e.PSEUDONYM_KEY;
    return e;
  };

  it('restarts an api killed with SIGKILL, then stops everything on SIGINT with exit code 0', async () => {
    const port = await freePort();
    const started = launch(
      process.execPath,
      [CLI, 'start', '--port', String(port), '--data-dir', dataDir],
      env(port),
    );
    running.push(started);
    const pid = started.child.pid ?? 0;
    await started.waitFor('ready: open');
    const base = `http://127.0.0.1:${port}`;

    const keyFile = path.join(dataDir, 'pseudonym.key');
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    const before = descendants(pid);
    const api = before.find((p) => p.args.includes('dist/apps/api/src/main.js'));
    const worker = before.find((p) => p.args.includes('dist/apps/worker/src/main.js'));
    expect(api && worker).toBeTruthy();
    process.kill(api?.pid ?? 0, 'SIGKILL');
    await started.waitFor('[onetrip] api exited (signal SIGKILL); restarting in 1 s');
    await started.waitFor('[onetrip] api restarted (pid ');
    await healthy(base);
    const after = descendants(pid);
    const newApi = after.find((p) => p.args.includes('dist/apps/api/src/main.js'));
    expect(newApi?.pid).not.toBe(api?.pid);
    // The worker was left alone.
    expect(after.some((p) => p.pid === worker?.pid)).toBe(true);

    process.kill(pid, 'SIGINT'); // the top process only, as `kill -INT` does
    expect(await exitWithin(started, 30_000)).toBe(0);
    expect(started.output()).toContain('[onetrip] stopped');
    for (const p of after) expect({ ...p, alive: alive(p.pid) }).toEqual({ ...p, alive: false });

    // A second start reuses the key made by the first.
    const key = fs.readFileSync(keyFile, 'utf8');
    expect(started.output()).toContain(`generated a pseudonymization key in ${keyFile}`);
    const again = launch(
      process.execPath,
      [CLI, 'start', '--port', String(port), '--data-dir', dataDir],
      env(port),
    );
    running.push(again);
    await again.waitFor('ready: open');
    expect(again.output()).not.toContain('generated a pseudonymization key');
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(key);
    again.child.kill('SIGTERM');
    expect(await exitWithin(again, 30_000)).toBe(0);
  }, 120_000);

  it('stops the whole stack when `npm start` alone gets SIGINT', async () => {
    const port = await freePort();
    const started = launch(
      'npm',
      [
        'start',
        '--',
        '--demo-journeys',
        '20',
        '--lang',
        'en',
        '--port',
        String(port),
        '--data-dir',
        dataDir,
      ],
      { ...env(port), ONETRIP_SKIP_BUILD: '1' },
    );
    running.push(started);
    const pid = started.child.pid ?? 0;
    await started.waitFor('ready: open', 120_000);
    const tree = descendants(pid);
    expect(tree.some((p) => p.args.includes('dist/apps/api/src/main.js'))).toBe(true);
    expect(tree.some((p) => p.args.includes('dist/apps/worker/src/main.js'))).toBe(true);

    process.kill(pid, 'SIGINT');
    expect(await exitWithin(started, 30_000)).toBe(0);
    expect(started.output()).toContain('[onetrip] stopped');
    for (const p of tree) expect({ ...p, alive: alive(p.pid) }).toEqual({ ...p, alive: false });
  }, 180_000);
});
