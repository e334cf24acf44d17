/**
 * `onetrip start [--demo] [--lang zh-CN|en] [--port N]`: everything on one machine. Uses
 * DATABASE_URL and REDIS_URL when set, else an embedded PostgreSQL and a local redis-server with
 * their data under `.data/`; uses PSEUDONYM_KEY when set, else a random key kept in
 * `.data/pseudonym.key`; migrates; starts the api (which also serves the web app) and one worker,
 * each under a Supervisor that restarts it when it exits; with --demo loads the demo dataset
 * once; prints the URL. Ctrl-C (SIGINT) or SIGTERM stops everything and exits with 0; a process
 * that keeps crashing stops everything and exits with 1.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startApp, repoRoot, waitForHealth } from '../start/app-processes';
import { loadDemo } from '../start/demo';
import { ensureDemoAdmin, type DemoAccess } from '../start/demo-admin';
import { EMBEDDED_POSTGRES_PORT, startEmbeddedPostgres } from '../start/embedded-postgres';
import { LOCAL_REDIS_PORT, startLocalRedis } from '../start/local-redis';
import { migrateDatabase } from '../start/migrate';
import { ensurePseudonymKey } from '../start/pseudonym-key';
import type { Service } from '../start/service';
import { Supervisor } from '../start/supervisor';

const HELP = `Usage: onetrip start [--demo] [--demo-journeys N] [--lang zh-CN|en] [--port 3000] [--data-dir .data]
                     [--postgres-port 54329] [--redis-port 63799]

Starts the api, a worker and the web app. Without DATABASE_URL an embedded PostgreSQL runs with its
data under --data-dir; without REDIS_URL a local redis-server does. --demo loads the demo dataset
(about 20,000 simulated journeys) the first time. Without PSEUDONYM_KEY a random key is made
once in --data-dir/pseudonym.key. The api and the worker are restarted when they exit (1 s, 2 s,
… 30 s apart; after 8 quick failures in a row everything stops). Ctrl-C stops everything.
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
  const supervisors: Supervisor[] = [];
  let stopping = false;
  let ready = false;
  let giveUp: (reason: string) => void = () => undefined;
  const gaveUp = new Promise<string>((resolve) => (giveUp = resolve));

  const stopAll = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all(supervisors.map((s) => s.stop()));
    for (const service of services.reverse()) await service.stop().catch(() => undefined);
    log('stopped');
  };
  // Registered before anything starts, so that Ctrl-C during start-up stops what has started.
  let signalledYet = false;
  const signalled = new Promise<void>((resolve) => {
    const onSignal = (): void => {
      signalledYet = true;
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  const interrupted = signalled.then(() => {
    throw new Interrupted();
  });
  interrupted.catch(() => undefined);
  // Starting PostgreSQL or Redis takes seconds and is not cut short (the service would be left
  // running); a signal meanwhile is acted on right after.
  const checkSignal = (): void => {
    if (signalledYet) throw new Interrupted();
  };

  try {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: values.port };
    if (!env.PSEUDONYM_KEY) env.PSEUDONYM_KEY = ensurePseudonymKey(dataDir, log);
    if (!env.DATABASE_URL) {
      const pg = await startEmbeddedPostgres(dataDir, log, Number(values['postgres-port']));
      services.push(pg);
      env.DATABASE_URL = pg.url;
      checkSignal();
    }
    if (!env.REDIS_URL) {
      const redis = await startLocalRedis(dataDir, log, Number(values['redis-port']));
      services.push(redis);
      env.REDIS_URL = redis.url;
      checkSignal();
    }
    await migrateDatabase(env, log);
    const access: DemoAccess | null = values.demo ? await ensureDemoAdmin(env) : null;
    checkSignal();

    for (const name of ['api', 'worker'] as const) {
      const supervisor = new Supervisor({
        name,
        spawn: () => startApp(name, env),
        log,
        // Before the stack is up an exit is a start-up failure (a port in use, a bad setting).
        restartable: () => ready,
        onGiveUp: giveUp,
      });
      supervisors.push(supervisor);
      supervisor.start();
    }
    const failed = gaveUp.then((reason) => {
      throw new Error(reason);
    });
    failed.catch(() => undefined);
    const baseUrl = `http://127.0.0.1:${values.port}`;
    await Promise.race([waitForHealth(baseUrl), failed, interrupted]);
    ready = true;
    if (values.demo) {
      const journeys =
        values['demo-journeys'] === undefined ? undefined : Number(values['demo-journeys']);
      if (journeys !== undefined && !(Number.isInteger(journeys) && journeys > 0)) {
        throw new Error(
          `--demo-journeys expects a whole number > 0, got '${values['demo-journeys']}'`,
        );
      }
      const token = access?.apiToken ?? '';
      await Promise.race([loadDemo(baseUrl, { lang, journeys, dataDir, log, token }), interrupted]);
    }
    if (access?.created) {
      log(
        `created the admin user “${access.created.username}” with password ${access.created.password} ` +
          '(shown only now: note it, or change it after logging in)',
      );
    }
    const open = access ? `${baseUrl}/api/v1/auth/link/${access.linkToken}` : `${baseUrl}/`;
    log(
      `ready: open ${open} in your browser${access ? ' (a one-time login link)' : ''} ` +
        `(API docs: ${baseUrl}/api/docs). Ctrl-C stops.`,
    );
  } catch (error) {
    if (error instanceof Interrupted) {
      await stopAll();
      return 0;
    }
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    return 1;
  }

  const outcome = await Promise.race([signalled.then(() => null), gaveUp.then((reason) => reason)]);
  if (outcome !== null) log(`failed: ${outcome}`);
  await stopAll();
  return outcome === null ? 0 : 1;
}

/** Ctrl-C or SIGTERM during start-up. */
class Interrupted extends Error {}

export const start = {
  run,
};
