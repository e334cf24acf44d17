import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import type { HttpRequest, HttpResponse } from '../auth/auth-user';
import { ProblemException } from '../problem/problem';
import { AUDIT_KEY, type AuditSpec } from './audited';
import { AuditService } from './audit.service';

/**
 * Writes the audit line of every @Audited() route (an APP_INTERCEPTOR: it runs after the guard,
 * so the caller is known). The line is written before the answer leaves; if the database refuses
 * it, the error is logged and the answer still goes out (the action has happened by then).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_KEY, context.getHandler());
    if (!spec || context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const res = http.getResponse<HttpResponse>();
    const write = async (action: AuditSpec['action'], answer: unknown, failed: boolean) => {
      try {
        await this.audit.recordRequest(action, req, res, answer, failed);
      } catch (error) {
        this.logger.error(`could not write the audit line (${action}): ${String(error)}`);
      }
    };
    return next.handle().pipe(
      mergeMap((answer: unknown) =>
        from(write(spec.action, answer, false).then((): unknown => answer)),
      ),
      catchError((error: unknown) => {
        const code = error instanceof ProblemException ? error.problem.code : null;
        if (!spec.onFailure || !code || !spec.onFailure.codes.includes(code)) {
          return throwError(() => error);
        }
        return from(write(spec.onFailure.action, null, true)).pipe(
          mergeMap(() => throwError(() => error)),
        );
      }),
    );
  }
}
