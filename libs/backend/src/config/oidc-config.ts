/**
 * OIDC single sign-on settings (docs/security.md#oidc-single-sign-on, decision 0022), read by
 * loadConfig from the OIDC_* variables. Single sign-on is off unless OIDC_ISSUER is set.
 */
import { z } from 'zod';
import { USER_ROLES, type UserRole } from '../entities/app-user.entity';

export interface OidcConfig {
  /** The provider's issuer URL; its discovery document is `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  /** Null for a public client (PKCE only, token endpoint auth `none`). */
  readonly clientSecret: string | null;
  /** The api's callback as registered at the provider: `https://<host>/api/v1/auth/oidc/callback`. */
  readonly redirectUrl: string;
  readonly scopes: string;
  /** Shown on the login button: "Sign in with <providerName>"; null: a generic label. */
  readonly providerName: string | null;
  /** The ID token claim that names the onetrip user (app_user.username). */
  readonly usernameClaim: string;
  /** When set, every login sets the user's role from this claim (a string or a list). */
  readonly roleClaim: string | null;
  /** Claim value → role; empty: the claim's values must be role names themselves. */
  readonly roleMap: ReadonlyMap<string, UserRole>;
  /** When set, every login sets the user's departments from this claim (a string or a list). */
  readonly departmentsClaim: string | null;
  /** Claim value → department; empty: the values are the departments themselves. */
  readonly departmentMap: ReadonlyMap<string, string>;
  /** What a login of a user onetrip does not know yet does. */
  readonly newUsers: 'create' | 'refuse';
  /** The role of a created user, and of anyone whose role claim maps to no role. */
  readonly defaultRole: Exclude<UserRole, 'admin'>;
  /** Plain-http issuer allowed (local test providers only; refused in production). */
  readonly allowHttp: boolean;
}

export const oidcEnvSchema = {
  OIDC_ISSUER: z.string().url('must be a URL').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.string().url('must be a URL').optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, 'must include "openid"')
    .default('openid profile email'),
  OIDC_PROVIDER_NAME: z.string().min(1).max(60).optional(),
  OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_DEPARTMENTS_CLAIM: z.string().min(1).optional(),
  OIDC_DEPARTMENT_MAP: z.string().optional(),
  OIDC_NEW_USERS: z.enum(['create', 'refuse']).default('create'),
  OIDC_DEFAULT_ROLE: z.enum(['viewer', 'manager', 'analyst']).default('viewer'),
  OIDC_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
};

type OidcEnv = z.infer<z.ZodObject<typeof oidcEnvSchema>>;

/** `a=b, c=d` → Map; problems are pushed as "VARIABLE: message" lines. */
function parseMap(name: string, text: string | undefined, problems: string[]): Map<string, string> {
  const map = new Map<string, string>();
  if (!text) return map;
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const at = part.lastIndexOf('=');
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (at < 0 || key === '' || value === '') {
      problems.push(`${name}: "${part.trim()}" is not "claim value=target"`);
      continue;
    }
    map.set(key, value);
  }
  return map;
}

/**
 * The OIDC settings of a validated environment, or null when OIDC_ISSUER is not set. Problems
 * are pushed as "VARIABLE: message" lines (loadConfig reports them all at once).
 */
export function oidcConfigOf(
  e: OidcEnv,
  production: boolean,
  problems: string[],
): OidcConfig | null {
  if (!e.OIDC_ISSUER) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'] as const) {
      if (e[name]) problems.push(`${name}: set, but OIDC_ISSUER is not (single sign-on is off)`);
    }
    return null;
  }
  const before = problems.length;
  if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
  if (!e.OIDC_REDIRECT_URL) {
    problems.push(
      'OIDC_REDIRECT_URL: required when OIDC_ISSUER is set (https://<host>/api/v1/auth/oidc/callback)',
    );
  } else if (new URL(e.OIDC_REDIRECT_URL).pathname !== '/api/v1/auth/oidc/callback') {
    problems.push('OIDC_REDIRECT_URL: must end in /api/v1/auth/oidc/callback');
  }
  const allowHttp = e.OIDC_ALLOW_HTTP === 'true';
  if (allowHttp && production) {
    problems.push('OIDC_ALLOW_HTTP: not allowed when NODE_ENV=production');
  }
  if (!allowHttp && new URL(e.OIDC_ISSUER).protocol !== 'https:') {
    problems.push('OIDC_ISSUER: must be https:// (OIDC_ALLOW_HTTP=true for a local test provider)');
  }
  const roleMap = new Map<string, UserRole>();
  for (const [value, role] of parseMap('OIDC_ROLE_MAP', e.OIDC_ROLE_MAP, problems)) {
    if ((USER_ROLES as readonly string[]).includes(role)) roleMap.set(value, role as UserRole);
    else problems.push(`OIDC_ROLE_MAP: "${role}" is not a role (${USER_ROLES.join(', ')})`);
  }
  if (e.OIDC_ROLE_MAP && !e.OIDC_ROLE_CLAIM) {
    problems.push('OIDC_ROLE_MAP: set, but OIDC_ROLE_CLAIM is not');
  }
  const departmentMap = parseMap('OIDC_DEPARTMENT_MAP', e.OIDC_DEPARTMENT_MAP, problems);
  if (e.OIDC_DEPARTMENT_MAP && !e.OIDC_DEPARTMENTS_CLAIM) {
    problems.push('OIDC_DEPARTMENT_MAP: set, but OIDC_DEPARTMENTS_CLAIM is not');
  }
  if (problems.length > before) return null;
  return Object.freeze({
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID ?? '',
    clientSecret: e.OIDC_CLIENT_SECRET ?? null,
    redirectUrl: e.OIDC_REDIRECT_URL ?? '',
    scopes: e.OIDC_SCOPES,
    providerName: e.OIDC_PROVIDER_NAME ?? null,
    usernameClaim: e.OIDC_USERNAME_CLAIM,
    roleClaim: e.OIDC_ROLE_CLAIM ?? null,
    roleMap,
    departmentsClaim: e.OIDC_DEPARTMENTS_CLAIM ?? null,
    departmentMap,
    newUsers: e.OIDC_NEW_USERS,
    defaultRole: e.OIDC_DEFAULT_ROLE,
    allowHttp,
  });
}
