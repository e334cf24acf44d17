/**
 * The admin every test database gets (createTestDatabase), with a session whose token is fixed,
 * so any api on that database (in this process, spawned, or reached by the cli) accepts it.
 * Importing this module makes the global fetch send that token to local `/api/` urls unless the
 * request names its own Authorization or Cookie header (tests of refusals send
 * `authorization: ''`, which the api treats as no credentials), and sets ONETRIP_TOKEN for the
 * cli run in-process.
 */
import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { hashPassword } from '@onetrip/backend';

export const TEST_ADMIN = {
  username: 'test-admin',
  password: 'test-admin-password',
  token: 'ots_integration-test-admin-session-token',
} as const;

/** `Authorization` for the test admin, for clients other than fetch (http.request, browsers). */
export const TEST_AUTH_HEADER = `Bearer ${TEST_ADMIN.token}`;

let hashed: Promise<string> | undefined;

/**
 * Inserts the test admin and its session (expiring in a year) into a migrated database; does
 * nothing when they are there already.
 */
export async function seedTestAdmin(client: Client): Promise<void> {
  hashed ??= hashPassword(TEST_ADMIN.password);
  await client.query(
    `INSERT INTO app_user (username, password_hash, role, departments)
     VALUES ($1, $2, 'admin', '{}') ON CONFLICT (username) DO NOTHING`,
    [TEST_ADMIN.username, await hashed],
  );
  await client.query(
    `INSERT INTO user_session (id, user_id, csrf_token, expires_at, last_seen_at)
     SELECT $1, id, 'test-csrf', now() + interval '365 days', now()
     FROM app_user WHERE username = $2
     ON CONFLICT (id) DO NOTHING`,
    [createHash('sha256').update(TEST_ADMIN.token).digest('hex'), TEST_ADMIN.username],
  );
}

// `onetrip import` run inside a test process (runImport) reads its token from the environment.
process.env.ONETRIP_TOKEN ??= TEST_ADMIN.token;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function withTestAdmin(input: string | URL | Request, init?: RequestInit): RequestInit | undefined {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  if (!LOCAL_HOSTS.has(url.hostname) || !url.pathname.startsWith('/api/')) return init;
  const headers = new Headers(input instanceof Request ? input.headers : undefined);
  new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
  if (headers.has('authorization') || headers.has('cookie')) return init;
  headers.set('authorization', TEST_AUTH_HEADER);
  return { ...init, headers };
}

const FETCH_WRAPPED = Symbol.for('onetrip.test-admin-fetch');
const globals = globalThis as typeof globalThis & { [FETCH_WRAPPED]?: true };
if (!globals[FETCH_WRAPPED]) {
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => original(input, withTestAdmin(input, init));
  globals[FETCH_WRAPPED] = true;
}
