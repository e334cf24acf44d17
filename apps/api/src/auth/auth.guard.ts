import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@onetrip/backend';
import { ProblemException } from '../problem/problem';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { roleAtLeast, type HttpRequest } from './auth-user';
import { AuthService } from './auth.service';
import { DatasetScope } from './dataset-scope';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authRequired = (): ProblemException =>
  new ProblemException(
    401,
    'auth.required',
    'Log in first (a session cookie or "Authorization: Bearer <session token>").',
  );

/**
 * Every route needs a session unless marked @Public(); the minimum role comes from @MinRole() or,
 * without it, from the method (reads: viewer, changes: analyst). Cookie sessions must echo their
 * CSRF token in X-CSRF-Token on state-changing requests.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly scope: DatasetScope,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const user = await this.auth.authenticate(req);
    if (!user) throw authRequired();
    const safe = SAFE_METHODS.has(req.method ?? 'GET');
    if (!safe && user.via === 'cookie' && req.headers['x-csrf-token'] !== user.csrfToken) {
      throw new ProblemException(
        403,
        'auth.csrf',
        "Send the session's CSRF token in the X-CSRF-Token header.",
      );
    }
    const min =
      this.reflector.getAllAndOverride<UserRole>(ROLES_KEY, targets) ??
      (safe ? 'viewer' : 'analyst');
    if (!roleAtLeast(user.role, min)) {
      throw new ProblemException(
        403,
        'auth.forbidden',
        `This needs the ${min} role; you are ${user.role}.`,
      );
    }
    const route = req as HttpRequest & {
      route?: { path?: string };
      params?: Record<string, string>;
    };
    const refused = await this.scope.refuse(user, route.route?.path ?? '', route.params ?? {});
    if (refused) throw refused;
    req.user = user;
    return true;
  }
}
