import { HttpException } from '@nestjs/common';
import type { ProblemDetails } from '@onetrip/contracts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A user-visible error with a stable code; the filter renders it as problem+json. */
export class ProblemException extends HttpException {
  readonly problem: ProblemDetails;

  constructor(
    status: number,
    code: string,
    detail: string,
    extra: Partial<Omit<ProblemDetails, 'status' | 'code' | 'detail'>> = {},
  ) {
    super(detail, status);
    this.problem = {
      type: `https://onetrip.dev/problems/${code}`,
      title: TITLES[status] ?? 'Error',
      status,
      code,
      detail,
      ...extra,
    };
  }
}

export const notFound = (
  what: 'dataset' | 'upload' | 'run' | 'result',
  id: string,
): ProblemException => new ProblemException(404, `${what}.not-found`, `No ${what} with id ${id}.`);

/** Ids that are not uuids cannot name anything: answer 404 instead of a database error. */
export { isUuid } from '@onetrip/backend';
