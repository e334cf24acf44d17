import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getConfig, nestLogLevels } from '@onetrip/backend';
import { WorkerModule } from './worker.module';

/** The worker: a Nest application context without HTTP, consuming the Bull queue. */
async function main(): Promise<void> {
  const config = getConfig();
  if (config.pseudonymKeyIsDefault) {
    Logger.warn('PSEUDONYM_KEY is not set: using the development key.', 'Config');
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
  });
  // SIGTERM / SIGINT: close the queue (active jobs finish first) and the database, exit 0.
  // (Nest's enableShutdownHooks would re-raise the signal, so the exit status would not say
  // that the stop was clean.)
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    Logger.log(`${signal}: stopping`, 'Worker');
    app.close().then(
      () => {
        Logger.log('worker stopped', 'Worker');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`worker: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
