import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig, nestLogLevels } from '@onetrip/backend';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppModule } from './app.module';
import { corsOptions } from './hardening/cors';
import { costlyRateLimit } from './hardening/costly-rate-limit';
import { securityHeaders } from './hardening/security-headers';
import { createOpenApiDocument } from './openapi/openapi';
import { ProblemFilter, sendProblem, toProblem } from './problem/problem.filter';
import { staticWeb } from './web/static-web';

/**
 * The api application, configured but not listening: main.ts and the integration tests share it.
 */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
    bodyParser: true,
  });
  // Node's own default (5 minutes for a whole request) cuts a multi-gigabyte upload off with an
  // empty reply; the limit is a setting instead (REQUEST_TIMEOUT_MS, 0 = none).
  const server = app.getHttpServer() as Server;
  server.requestTimeout = config.requestTimeoutMs;
  app.useGlobalFilters(new ProblemFilter());
  app.use(securityHeaders(config));
  const cors = corsOptions(config);
  if (cors) app.enableCors(cors);
  app.use(costlyRateLimit(config.costlyRateLimitPerMinute));

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  const web = staticWeb(config.webDist);
  if (web) app.use(web);
  else Logger.log(`no web app at ${config.webDist}; serving the API only`, 'Web');

  // Express reports body-parser failures (malformed JSON, …) outside Nest's exception filters.
  app.use(
    (error: unknown, req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void) => {
      if (!error) {
        next();
        return;
      }
      sendProblem(res, toProblem(error), req.url?.split('?')[0]);
    },
  );
  return app;
}
