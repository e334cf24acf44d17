/**
 * The demo's admin for `onetrip start --demo`: on a database without users, creates `demo` with a
 * random password (printed once by the caller). On every start, a one-time login link for the
 * first admin (so the printed URL opens a logged-in dashboard) and a short session for loading the
 * demo through the api.
 */
import {
  AppUserEntity,
  UserRepository,
  createDataSource,
  generatePassword,
  hashPassword,
  loadConfig,
  newCsrfToken,
  newLinkToken,
  newSessionToken,
} from '@onetrip/backend';

export interface DemoAccess {
  /** Set when the admin was created just now: shown once, never stored in clear. */
  created: { username: string; password: string } | null;
  /** Opens a session in the browser once (`/api/v1/auth/link/<token>`), valid for a day. */
  linkToken: string;
  /** A bearer token for loading the demo, valid for an hour. */
  apiToken: string;
}

export const DEMO_ADMIN = 'demo';

export async function ensureDemoAdmin(
  env: Record<string, string | undefined>,
): Promise<DemoAccess> {
  const dataSource = createDataSource(loadConfig(env).databaseUrl);
  await dataSource.initialize();
  try {
    const users = new UserRepository(dataSource);
    let created: DemoAccess['created'] = null;
    let admin = (await users.list()).find((u: AppUserEntity) => u.role === 'admin' && !u.disabled);
    if (!admin) {
      const password = generatePassword();
      admin = await users.create({
        username: DEMO_ADMIN,
        passwordHash: await hashPassword(password),
        role: 'admin',
      });
      created = { username: DEMO_ADMIN, password };
    }
    const link = newLinkToken();
    const api = newSessionToken();
    for (const [token, hours] of [
      [link, 24],
      [api, 1],
    ] as const) {
      await users.createSession({
        id: token.id,
        userId: admin.id,
        csrfToken: newCsrfToken(),
        expiresAt: new Date(Date.now() + hours * 3_600_000),
        ip: null,
        userAgent: 'onetrip start',
      });
    }
    return { created, linkToken: link.token, apiToken: api.token };
  } finally {
    await dataSource.destroy();
  }
}
