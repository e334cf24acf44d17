// What the HTTP benchmarks share: build the server, make a database of their own next to
// BENCH_DATABASE_ADMIN_URL's (default postgres://postgres@127.0.0.1:5432/postgres), migrate it,
// start the built api on a free loopback port, read its memory from /proc, stream CSV uploads,
// and drop everything afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const { Client } = require('pg');

/** `--name=value` flags and bare `--flag`s of the command line. */
export function flags(defaults) {
  const out = { ...defaults };
  for (const arg of process.argv.slice(2)) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}`);
    const key = m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown flag --${m[1]}`);
    out[key] = m[2] === undefined ? true : typeof defaults[key] === 'number' ? Number(m[2]) : m[2];
  }
  return out;
}

export function build() {
  const r = spawnSync(process.execPath, ['tools/build.mjs', 'server'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(1);
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * The benchmark's admin session (seeded into each bench database): `fetch` in a bench process
 * sends it to local `/api/` urls, and the http.request helpers here send BENCH_AUTH_HEADER.
 */
export const BENCH_TOKEN = 'ots_benchmark-admin-session-token';
export const BENCH_AUTH_HEADER = `Bearer ${BENCH_TOKEN}`;
const originalFetch = globalThis.fetch;
globalThis.fetch = (input, init = {}) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const headers = new globalThis.Headers(init.headers);
  if (
    url.hostname === '127.0.0.1' &&
    url.pathname.startsWith('/api/') &&
    !headers.has('authorization')
  ) {
    headers.set('authorization', BENCH_AUTH_HEADER);
  }
  return originalFetch(input, { ...init, headers });
};

/**
 * Its own database and the built api on it. `env` adds to the api's environment, `nodeFlags` go
 * to its node command line (before the script).
 */
export async function startBenchApi(label, env = {}, { nodeFlags = [] } = {}) {
  const adminUrl = new URL(
    process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  const dbName = `onetrip_bench_${label}_${process.pid}`;
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  require(path.join(root, 'tools/runtime-paths.cjs'));
  const backend = require(path.join(root, 'dist/libs/backend/src/index.js'));
  const ds = backend.createDataSource(dbUrl.toString());
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  const db = new Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const { rows } = await db.query(
    `INSERT INTO app_user (username, password_hash, role) VALUES ('bench', $1, 'admin') RETURNING id`,
    [await backend.hashPassword(backend.generatePassword())],
  );
  await db.query(
    `INSERT INTO user_session (id, user_id, csrf_token, expires_at, last_seen_at)
     VALUES ($1, $2, 'bench', now() + interval '7 days', now())`,
    [backend.sessionIdOf(BENCH_TOKEN), rows[0].id],
  );

  const port = await freePort();
  const api = spawn(
    process.execPath,
    [...nodeFlags, '-r', './tools/runtime-paths.cjs', 'dist/apps/api/src/main.js'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: dbName,
        PSEUDONYM_KEY: 'benchmark-pseudonym-key-0123456789',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/api/v1/datasets`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 300 || api.exitCode !== null) throw new Error('api did not start');
    await new Promise((r) => setTimeout(r, 100));
  }

  /** Bytes of a /proc/<pid>/status field (VmRSS now, VmHWM the peak over the api's life). */
  const memory = (field) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${api.pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) * 1024 : 0;
  };

  return {
    base,
    db,
    /** The admin connection (to the server's `postgres` database) and the bench database's name. */
    admin,
    dbName,
    pid: api.pid,
    memory,
    async stop() {
      await db.end().catch(() => undefined);
      api.kill('SIGTERM');
      await new Promise((r) => (api.exitCode === null ? api.once('exit', r) : r()));
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function json(method, url, body) {
  const res = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

/** Sends CSV text as a multipart upload (mapping first); resolves with status and report. */
export function uploadCsv(base, datasetId, name, text, mapping) {
  const boundary = `----onetrip${Date.now()}${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n` +
        `${JSON.stringify(mapping)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    Buffer.from(text, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/v1/datasets/${datasetId}/uploads`,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
          authorization: BENCH_AUTH_HEADER,
        },
      },
      (res) => {
        let t = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (t += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode, body: JSON.parse(t) });
          } catch (e) {
            reject(new Error(`upload answered ${res.statusCode}: ${t.slice(0, 200)} (${e})`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** p-th percentile (0..100) of a numeric array, nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function machine() {
  return `cpus: ${os.cpus().length}, load average: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}
