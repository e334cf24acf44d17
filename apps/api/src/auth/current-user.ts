import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthUser, HttpRequest } from './auth-user';

/** The caller the AuthGuard authenticated. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<HttpRequest>().user;
    if (!user) throw new Error('CurrentUser on a @Public() route');
    return user;
  },
);
