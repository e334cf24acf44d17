/**
 * `onetrip start [--demo] [--lang zh-CN|en] [--port N]`: everything on one machine. Uses
 * DATABASE_URL and REDIS_URL when set, else an embedded PostgreSQL and a local redis-server with
 * their data under `.data/`; migrates; starts the api (which also serves the web app) and one
 * worker; with --demo loads the demo dataset once; prints the URL. Ctrl-C stops everything.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  startApp,
  stopApp,
  repoRoot,
  waitForHealth,
  type AppProcess,
} from '../start/app-processes';
import { loadDemo } from '../start/demo';
import { EMBEDDED_POSTGRES_PORT, startEmbeddedPostgres } from '../start/embedded-postgres';
import { LOCAL_REDIS_PORT, startLocalRedis } from '../start/local-redis';
import { migrateDatabase } from '../start/migrate';
import type { Service } from '../start/service';

const HELP = `Usage: onetrip start [--demo] [--demo-journeys N] [--lang zh-CN|en] [--port 3000] [--data-dir .data]
                     [--postgres-port 54329] [--redis-port 63799]

Starts the api, a worker and the web app. Without DATABASE_URL an embedded PostgreSQL runs with its
data under --data-dir; without REDIS_URL a local redis-server does. --demo loads the demo dataset
(about 20,000 simulated journeys) the first time. Ctrl-C stops everything.
`;

const log = (line: string): void => {
  process.stderr.write(`[onetrip] ${line}\n`);
};

async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      demo: { type: 'boolean', default: false },
      'demo-journeys': { type: 'string' },
      'postgres-port': { type: 'string', default: String(EMBEDDED_POSTGRES_PORT) },
      'redis-port': { type: 'string', default: String(LOCAL_REDIS_PORT) },
      lang: { type: 'string', default: 'zh-CN' },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      'data-dir': { type: 'string', default: path.join(repoRoot(), '.data') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const lang = values.lang === 'en' ? 'en' : 'zh-CN';
  const dataDir = path.resolve(values['data-dir']);
  const services: Service[] = [];
  const apps: AppProcess[] = [];
  let stopping = false;

  const stopAll = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all(apps.map((app) => stopApp(app)));
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    log('stopped');
  };

  try {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: values.port };
    if (!env.DATABASE_URL) {
      const pg = await startEmbeddedPostgres(dataDir, log, Number(values['postgres-port']));
      services.push(pg);
      env.DATABASE_URL = pg.url;
    }
    if (!env.REDIS_URL) {
      const redis = await startLocalRedis(dataDir, log, Number(values['redis-port']));
      services.push(redis);
      env.REDIS_URL = redis.url;
    }
    await migrateDatabase(env, log);

    const api = startApp('api', env);
    apps.push(api, startApp('worker', env));
    const baseUrl = `http://127.0.0.1:${values.port}`;
    await waitForHealth(baseUrl, api);
    if (values.demo) {
      const journeys =
        values['demo-journeys'] === undefined ? undefined : Number(values['demo-journeys']);
      if (journeys !== undefined && !(Number.isInteger(journeys) && journeys > 0)) {
        throw new Error(
          `--demo-journeys expects a whole number > 0, got '${values['demo-journeys']}'`,
        );
      }
      await loadDemo(baseUrl, { lang, journeys, dataDir, log });
    }
    log(`ready: open ${baseUrl}/ in your browser (API docs: ${baseUrl}/api/docs). Ctrl-C stops.`);
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    return 1;
  }

  return new Promise<number>((resolve) => {
    const onSignal = (): void => {
      void stopAll().then(() => resolve(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    for (const app of apps) {
      void app.exited.then((code) => {
        if (stopping) return;
        log(`the ${app.name} exited unexpectedly (code ${String(code)})`);
        void stopAll().then(() => resolve(1));
      });
    }
  });
}

export const start = {
  run,
};
