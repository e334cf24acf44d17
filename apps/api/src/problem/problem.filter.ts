import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { isConnectionError } from '@onetrip/backend';
import type { ProblemDetails } from '@onetrip/contracts';
import type { ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE, ProblemException } from './problem';

/** Codes for errors Nest or Express raise themselves (unknown route, malformed JSON, …). */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'request.invalid',
  404: 'route.not-found',
  405: 'request.method-not-allowed',
  413: 'request.too-large',
  415: 'request.unsupported-media-type',
};

/** Seconds a client is asked to wait (Retry-After) when a dependency is down. */
export const RETRY_AFTER_SECONDS = 10;

/** PostgreSQL unreachable or gone mid-request: the same answer from every endpoint. */
export function databaseUnavailable(): ProblemDetails {
  return new ProblemException(
    503,
    'database.unavailable',
    'The database is unavailable; nothing was changed. Retry shortly.',
  ).problem;
}

export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof ProblemException) return exception.problem;
  if (isConnectionError(exception)) return databaseUnavailable();
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'request.error');
    return {
      type: `https://onetrip.dev/problems/${code}`,
      title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
      status,
      code,
      detail: exception.message,
    };
  }
  // Express's body parser reports malformed or oversized bodies as errors with a status.
  if (exception instanceof Error && 'status' in exception && typeof exception.status === 'number') {
    const status = exception.status;
    if (status >= 400 && status < 500) {
      const code = CODE_BY_STATUS[status] ?? 'request.error';
      return {
        type: `https://onetrip.dev/problems/${code}`,
        title: 'Bad Request',
        status,
        code,
        detail: exception.message,
      };
    }
  }
  return {
    type: 'https://onetrip.dev/problems/internal',
    title: 'Internal Server Error',
    status: 500,
    code: 'internal',
    detail: 'An unexpected error occurred; it has been logged.',
  };
}

export function sendProblem(res: ServerResponse, problem: ProblemDetails, instance?: string): void {
  const body: ProblemDetails = { ...problem, instance: problem.instance ?? instance };
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = body.status;
  res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
  // 503s (database or queue down, upload interrupted) are worth retrying after a pause.
  if (body.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.end(JSON.stringify(body));
}

/** Every error leaves the API as application/problem+json with a stable code. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<ServerResponse>();
    const req = http.getRequest<{ url?: string; method?: string }>();
    const problem = toProblem(exception);
    if (exception instanceof ProblemException || problem.code === 'database.unavailable') {
      if (problem.status >= 500)
        this.logger.warn(
          `${req.method ?? ''} ${req.url ?? ''}: ${problem.detail ?? ''}` +
            (exception instanceof ProblemException ? '' : ` (${String(exception)})`),
        );
    } else if (problem.status >= 500) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`${req.method ?? ''} ${req.url ?? ''}: ${stack ?? ''}`);
    }
    sendProblem(res, problem, req.url?.split('?')[0]);
  }
}
