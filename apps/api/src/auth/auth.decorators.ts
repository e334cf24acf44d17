import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '@onetrip/backend';

export const PUBLIC_KEY = 'onetrip:public';
export const ROLES_KEY = 'onetrip:min-role';

/**
 * A route anyone may call: health, login, and the push endpoint (which checks its own ingestion
 * key). Everything else needs a session (AuthGuard).
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/**
 * The lowest role that may call the route (viewer < manager < analyst < admin). Without it a read
 * (GET/HEAD) needs viewer and anything else needs analyst.
 */
export const MinRole = (role: UserRole): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, role);
