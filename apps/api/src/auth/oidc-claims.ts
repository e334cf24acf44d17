import { USER_ROLES, type OidcConfig, type UserRole } from '@onetrip/backend';
import { ProblemException } from '../problem/problem';

/** What onetrip already knows of the user an ID token names (null: a first-time user). */
export interface KnownUser {
  role: UserRole;
  departments: string[];
  disabled: boolean;
}

/** The onetrip user a validated ID token stands for. */
export interface OidcIdentity {
  username: string;
  role: UserRole;
  departments: string[];
}

export type ClaimSettings = Pick<
  OidcConfig,
  | 'usernameClaim'
  | 'roleClaim'
  | 'roleMap'
  | 'departmentsClaim'
  | 'departmentMap'
  | 'newUsers'
  | 'defaultRole'
>;

/**
 * A claim by name; a name with dots that is not itself a claim walks into objects, so Keycloak's
 * `realm_access.roles` works while namespaced claims like `https://city.example/roles` still do.
 */
export function claimOf(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A claim as a list of strings: a string is one value, a list keeps its strings. */
function valuesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

const isRole = (value: string): value is UserRole =>
  (USER_ROLES as readonly string[]).includes(value);

/**
 * Which user an ID token's claims name and with what role and departments (docs/security.md,
 * "OIDC single sign-on"). With a role claim configured the provider decides the role on every
 * login (the highest role any value maps to, else the default role: losing the group demotes);
 * without one a known user keeps the role an admin gave them. Departments alike. Throws the
 * problem the callback answers when the claims name no usable user.
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  known: KnownUser | null,
  settings: ClaimSettings,
): OidcIdentity {
  const rawName = claimOf(claims, settings.usernameClaim);
  const username = typeof rawName === 'string' ? rawName.trim() : '';
  if (username === '' || username.length > 200) {
    throw new ProblemException(
      401,
      'auth.oidc-claims',
      `The ID token has no usable "${settings.usernameClaim}" claim (OIDC_USERNAME_CLAIM): a text of 1 to 200 characters is needed.`,
    );
  }
  if (!known && settings.newUsers === 'refuse') {
    throw new ProblemException(
      403,
      'auth.oidc-unknown-user',
      `${username} has no onetrip account yet; an admin must create it first (OIDC_NEW_USERS=refuse).`,
    );
  }
  if (known?.disabled) {
    throw new ProblemException(403, 'auth.oidc-user-disabled', `${username} is disabled.`);
  }
  let role: UserRole = known?.role ?? settings.defaultRole;
  if (settings.roleClaim) {
    const values = valuesOf(claimOf(claims, settings.roleClaim));
    const roles = values.flatMap((v) => {
      const mapped = settings.roleMap.size > 0 ? settings.roleMap.get(v) : v;
      return mapped !== undefined && isRole(mapped) ? [mapped] : [];
    });
    role = roles.reduce<UserRole>(
      (best, r) => (USER_ROLES.indexOf(r) > USER_ROLES.indexOf(best) ? r : best),
      roles[0] ?? settings.defaultRole,
    );
  }
  let departments = known?.departments ?? [];
  if (settings.departmentsClaim) {
    const values = valuesOf(claimOf(claims, settings.departmentsClaim));
    const mapped = values.flatMap((v) => {
      const d = settings.departmentMap.size > 0 ? settings.departmentMap.get(v) : v.trim();
      return d ? [d] : [];
    });
    departments = [...new Set(mapped)];
  }
  return { username, role, departments };
}
