import type { IncomingMessage, ServerResponse } from 'node:http';
import type { UserRole } from '@onetrip/backend';
import { USER_ROLES } from '@onetrip/backend';

/** Who is calling, as the guard puts it on the request. */
export interface AuthUser {
  id: string;
  username: string;
  role: UserRole;
  departments: string[];
  sessionId: string;
  csrfToken: string;
  /** 'cookie' sessions must send X-CSRF-Token on state-changing requests; 'bearer' need not. */
  via: 'cookie' | 'bearer';
}

export const roleAtLeast = (role: UserRole, min: UserRole): boolean =>
  USER_ROLES.indexOf(role) >= USER_ROLES.indexOf(min);

/** Datasets a user may see: admins all, others their departments' and the unassigned ones. */
export function canSeeDepartment(user: AuthUser, department: string | null): boolean {
  return user.role === 'admin' || department === null || user.departments.includes(department);
}

/** The request as express hands it to Nest (ip and secure are express's), and the guard's user. */
export type HttpRequest = IncomingMessage & { ip?: string; secure?: boolean; user?: AuthUser };
export type HttpResponse = ServerResponse;
