import { Logger } from '@nestjs/common';
import { getConfig } from '@onetrip/backend';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const config = getConfig();
  if (config.pseudonymKeyIsDefault) {
    Logger.warn(
      'PSEUDONYM_KEY is not set: using the development key. Set it before real data.',
      'Config',
    );
  }
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  Logger.log(`onetrip api listening on ${url} (OpenAPI at ${url}/api/docs)`, 'Api');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
