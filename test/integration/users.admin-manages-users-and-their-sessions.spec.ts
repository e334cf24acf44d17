/**
 * An admin manages users through `/api/v1/users`: creates them (a generated password answered
 * once), changes role and departments, disables them (their sessions end at once), resets
 * passwords (sessions end), and cannot disable or demote the last enabled admin. Non-admins get
 * 403 on every user route. Old scrypt hashes log in and are re-hashed with bcrypt.
 */
import type {
  LoginDto,
  ProblemDetails,
  SessionDto,
  UserAdminDto,
  UserWithPasswordDto,
} from '@onetrip/contracts';
import { scryptSync } from 'node:crypto';
import { Client } from 'pg';
import { apiSuite, TEST_ADMIN } from '../support/services';

const suite = apiSuite('users-admin');

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${suite.api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

async function login(
  username: string,
  password: string,
): Promise<{ status: number; token: string }> {
  const res = await call<LoginDto>(
    'POST',
    '/api/v1/auth/login',
    { username, password },
    {
      authorization: '',
    },
  );
  return { status: res.status, token: res.body?.token ?? '' };
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: suite.db.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('admin user management', () => {
  it('creates an analyst with a generated password, answered once and never listed', async () => {
    const made = await call<UserWithPasswordDto>('POST', '/api/v1/users', {
      username: 'ana-analyst',
      role: 'analyst',
      departments: ['税务局', '税务局'],
    });
    expect(made.status).toBe(201);
    expect(made.body.user).toMatchObject({
      username: 'ana-analyst',
      role: 'analyst',
      departments: ['税务局'],
      disabled: false,
      activeSessions: 0,
    });
    expect(made.body.password).toMatch(/^[\w-]{24}$/);
    const list = await call<UserAdminDto[]>('GET', '/api/v1/users');
    expect(list.status).toBe(200);
    expect(list.body.map((u) => u.username)).toEqual(['ana-analyst', TEST_ADMIN.username]);
    expect(JSON.stringify(list.body)).not.toContain(made.body.password);
    const [{ password_hash }] = await sql<{ password_hash: string }>(
      'SELECT password_hash FROM app_user WHERE username = $1',
      ['ana-analyst'],
    );
    expect(password_hash).toMatch(/^bcrypt-sha256\$\$2b\$12\$/);
    const session = await login('ana-analyst', made.body.password!);
    expect(session.status).toBe(200);
    const me = await call<SessionDto>('GET', '/api/v1/auth/me', undefined, bearer(session.token));
    expect(me.body.user).toMatchObject({ role: 'analyst', departments: ['税务局'] });
  });

  it('creates with a given password without answering it; refuses a taken name and a bad body', async () => {
    const made = await call<UserWithPasswordDto>('POST', '/api/v1/users', {
      username: 'gina-given',
      role: 'viewer',
      password: 'a given password 1',
    });
    expect(made.status).toBe(201);
    expect(made.body.password).toBeUndefined();
    expect((await login('gina-given', 'a given password 1')).status).toBe(200);
    const again = await call<ProblemDetails>('POST', '/api/v1/users', {
      username: 'gina-given',
      role: 'viewer',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('user.exists');
    const bad = await call<ProblemDetails>('POST', '/api/v1/users', {
      username: 'has space',
      role: 'boss',
      password: 'short',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('request.invalid');
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['password', 'role', 'username']);
  });

  it("changes role and departments: the user's next request sees them", async () => {
    const made = await call<UserWithPasswordDto>('POST', '/api/v1/users', {
      username: 'rob-role',
      role: 'viewer',
      departments: ['a'],
    });
    const session = await login('rob-role', made.body.password!);
    const changed = await call<UserAdminDto>('PATCH', `/api/v1/users/${made.body.user.id}`, {
      role: 'manager',
      departments: ['b', 'c'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      role: 'manager',
      departments: ['b', 'c'],
      activeSessions: 1,
    });
    const me = await call<SessionDto>('GET', '/api/v1/auth/me', undefined, bearer(session.token));
    expect(me.body.user).toMatchObject({ role: 'manager', departments: ['b', 'c'] });
    const empty = await call<ProblemDetails>('PATCH', `/api/v1/users/${made.body.user.id}`, {});
    expect(empty.status).toBe(400);
    const unknown = await call<ProblemDetails>(
      'PATCH',
      '/api/v1/users/00000000-0000-4000-8000-000000000000',
      { role: 'viewer' },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('user.not-found');
    expect(
      (await call<ProblemDetails>('PATCH', '/api/v1/users/not-a-uuid', { role: 'viewer' })).status,
    ).toBe(404);
  });

  it('disables a user: their open session stops working at once, and they cannot log in until enabled', async () => {
    const made = await call<UserWithPasswordDto>('POST', '/api/v1/users', {
      username: 'dora-disabled',
      role: 'analyst',
    });
    const password = made.body.password!;
    const session = await login('dora-disabled', password);
    expect((await call('GET', '/api/v1/datasets', undefined, bearer(session.token))).status).toBe(
      200,
    );
    const off = await call<UserAdminDto>('PATCH', `/api/v1/users/${made.body.user.id}`, {
      disabled: true,
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ disabled: true, activeSessions: 0 });
    const after = await call<ProblemDetails>(
      'GET',
      '/api/v1/datasets',
      undefined,
      bearer(session.token),
    );
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('auth.required');
    expect(await sql('SELECT 1 FROM user_session WHERE user_id = $1', [made.body.user.id])).toEqual(
      [],
    );
    expect((await login('dora-disabled', password)).status).toBe(401);
    await call('PATCH', `/api/v1/users/${made.body.user.id}`, { disabled: false });
    expect((await login('dora-disabled', password)).status).toBe(200);
  });

  it('resets a password: every session of the user ends, the old password stops working', async () => {
    const made = await call<UserWithPasswordDto>('POST', '/api/v1/users', {
      username: 'rita-reset',
      role: 'viewer',
    });
    const old = made.body.password!;
    const one = await login('rita-reset', old);
    const two = await login('rita-reset', old);
    const reset = await call<UserWithPasswordDto>(
      'POST',
      `/api/v1/users/${made.body.user.id}/password`,
      {},
    );
    expect(reset.status).toBe(200);
    expect(reset.body.password).toMatch(/^[\w-]{24}$/);
    expect(reset.body.password).not.toBe(old);
    for (const s of [one, two]) {
      expect((await call('GET', '/api/v1/auth/me', undefined, bearer(s.token))).status).toBe(401);
    }
    expect((await login('rita-reset', old)).status).toBe(401);
    expect((await login('rita-reset', reset.body.password!)).status).toBe(200);
    const given = await call<UserWithPasswordDto>(
      'POST',
      `/api/v1/users/${made.body.user.id}/password`,
      { password: 'chosen by the admin' },
    );
    expect(given.body.password).toBeUndefined();
    expect((await login('rita-reset', 'chosen by the admin')).status).toBe(200);
  });

  it('answers 403 auth.forbidden to an analyst on every user route', async () => {
    const made = await call<UserWithPasswordDto>('POST', '/api/v1/users', {
      username: 'nora-not-admin',
      role: 'analyst',
    });
    const { token } = await login('nora-not-admin', made.body.password!);
    const id = made.body.user.id;
    for (const [method, path, body] of [
      ['GET', '/api/v1/users', undefined],
      ['POST', '/api/v1/users', { username: 'x', role: 'admin' }],
      ['PATCH', `/api/v1/users/${id}`, { role: 'admin' }],
      ['POST', `/api/v1/users/${id}/password`, {}],
    ] as const) {
      const answer = await call<ProblemDetails>(method, path, body, bearer(token));
      expect([`${method} ${path}`, answer.status, answer.body.code]).toEqual([
        `${method} ${path}`,
        403,
        'auth.forbidden',
      ]);
    }
  });

  it('refuses to disable or demote the last enabled admin (409 user.last-admin), allows it once there is another', async () => {
    const [admin] = await sql<{ id: string }>('SELECT id FROM app_user WHERE username = $1', [
      TEST_ADMIN.username,
    ]);
    for (const change of [{ disabled: true }, { role: 'analyst' }]) {
      const answer = await call<ProblemDetails>('PATCH', `/api/v1/users/${admin.id}`, change);
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('user.last-admin');
    }
    const [row] = await sql<{ role: string; disabled: boolean }>(
      'SELECT role, disabled FROM app_user WHERE id = $1',
      [admin.id],
    );
    expect(row).toEqual({ role: 'admin', disabled: false });

    // A second admin: now either may step down, but not both (two demotions at once leave one).
    const second = await call<UserWithPasswordDto>('POST', '/api/v1/users', {
      username: 'second-admin',
      role: 'admin',
    });
    const { token } = await login('second-admin', second.body.password!);
    const [a, b] = await Promise.all([
      call<ProblemDetails>('PATCH', `/api/v1/users/${admin.id}`, { role: 'viewer' }),
      call<ProblemDetails>(
        'PATCH',
        `/api/v1/users/${second.body.user.id}`,
        { role: 'viewer' },
        bearer(token),
      ),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const admins = await sql<{ username: string }>(
      "SELECT username FROM app_user WHERE role = 'admin' AND NOT disabled",
    );
    expect(admins).toHaveLength(1);
    // Put the test admin back for the suite's other tests (whoever is still admin does it).
    const stillAdmin = admins[0].username === TEST_ADMIN.username ? {} : bearer(token);
    const back = await call('PATCH', `/api/v1/users/${admin.id}`, { role: 'admin' }, stillAdmin);
    expect(back.status).toBe(200);
  });
});

describe('passwords hashed by scrypt before bcrypt', () => {
  it('still log in, and are re-hashed with bcrypt at that login', async () => {
    const salt = Buffer.from('fedcba9876543210');
    const key = scryptSync('an scrypt-era password', salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const old = [
      'scrypt',
      2 ** 14,
      8,
      1,
      salt.toString('base64url'),
      key.toString('base64url'),
    ].join('$');
    await sql(
      `INSERT INTO app_user (username, password_hash, role, departments) VALUES ('sam-scrypt', $1, 'viewer', '{}')`,
      [old],
    );
    expect((await login('sam-scrypt', 'wrong password')).status).toBe(401);
    const [before] = await sql<{ password_hash: string }>(
      `SELECT password_hash FROM app_user WHERE username = 'sam-scrypt'`,
    );
    expect(before.password_hash).toBe(old); // a failed login changes nothing
    expect((await login('sam-scrypt', 'an scrypt-era password')).status).toBe(200);
    const [after] = await sql<{ password_hash: string }>(
      `SELECT password_hash FROM app_user WHERE username = 'sam-scrypt'`,
    );
    expect(after.password_hash).toMatch(/^bcrypt-sha256\$\$2b\$12\$[./A-Za-z0-9]{53}$/);
    expect((await login('sam-scrypt', 'an scrypt-era password')).status).toBe(200);
  });
});
