import { createHash, randomBytes } from 'node:crypto';

/** Session tokens start with this, so a leaked one is recognisable (secret scanners, logs). */
export const SESSION_TOKEN_PREFIX = 'ots_';

/** The database id of a session: the SHA-256 (hex) of its token, which only the client holds. */
export const sessionIdOf = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A new session token (the client's secret) and its id (what the database stores). */
export function newSessionToken(): { token: string; id: string } {
  const token = SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

/**
 * A one-time login link token (`/api/v1/auth/link/<token>`, printed by `onetrip start`): also a
 * user_session row, but never accepted as a session; redeeming it deletes it and opens a session.
 */
export const LINK_TOKEN_PREFIX = 'otl_';

export function newLinkToken(): { token: string; id: string } {
  const token = LINK_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token) };
}

export const newCsrfToken = (): string => randomBytes(24).toString('base64url');
