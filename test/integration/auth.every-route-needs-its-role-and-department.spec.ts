/**
 * Who may see a citizen's journey: every route of the api, read from the app's own router (so a
 * new route cannot be forgotten), refuses callers without a session (401), callers below its role
 * (403), and datasets outside the caller's departments (404, as if they did not exist). Login is
 * throttled, cookie sessions need their CSRF token, and passwords are stored hashed.
 */
import type {
  DatasetDto,
  LoginDto,
  ProblemDetails,
  RunDto,
  SessionDto,
  UploadDto,
} from '@onetrip/contracts';
import { Client } from 'pg';
import { hashPassword } from '@onetrip/backend';
import { getJson, postJson, uploadCsv } from '../support/http';
import { apiSuite, TEST_ADMIN } from '../support/services';

const suite = apiSuite('auth-routes');

interface RouteRow {
  method: string;
  path: string;
}

/** Every route Nest registered on the express router. */
function routeTable(): RouteRow[] {
  const express = suite.api.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((m) => ({
          method: m.toUpperCase(),
          path: layer.route!.path,
        }))
      : [],
  );
}

/** Routes anyone may call, and why. Adding to this list is a security decision. */
const PUBLIC_ROUTES = new Set([
  'GET /api/health', // load balancers
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/link/:token', // one-time login links (redeeming one is the credential)
  'GET /api/v1/auth/methods', // what the login page offers (password, single sign-on)
  'GET /api/v1/auth/oidc/login', // redirects to the city's OIDC provider
  'GET /api/v1/auth/oidc/callback', // the provider's answer (state, PKCE, signed ID token)
  'POST /api/v1/datasets/:id/events', // checks its own ingestion key
]);

/** The OpenAPI document and its viewer (served by SwaggerModule, describing no data). */
const isDocs = (path: string): boolean => path.startsWith('/api/docs'); // …/openapi.json, -yaml

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The route with its parameters filled in. */
const fill = (path: string, ids: Record<string, string>): string =>
  path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');

async function call(
  method: string,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: ProblemDetails }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: SAFE.has(method) ? undefined : '{}',
  });
  // A run's event stream (GET /runs/:id/events) stays open while the run is unfinished: its
  // status is what this table checks, so the stream is closed unread.
  if (/^text\/event-stream/.test(res.headers.get('content-type') ?? '')) {
    await res.body?.cancel();
    return { status: res.status, body: null as unknown as ProblemDetails };
  }
  const text = await res.text();
  const json = /json/.test(res.headers.get('content-type') ?? '') && text !== '';
  return { status: res.status, body: (json ? JSON.parse(text) : null) as ProblemDetails };
}

async function addUser(
  username: string,
  role: string,
  departments: string[],
  password = `${username}-password`,
): Promise<string> {
  const client = new Client({ connectionString: suite.db.url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO app_user (username, password_hash, role, departments) VALUES ($1, $2, $3, $4)`,
      [username, await hashPassword(password), role, departments],
    );
  } finally {
    await client.end();
  }
  const login = await postJson<LoginDto>(`${suite.api.url}/api/v1/auth/login`, {
    username,
    password,
  });
  expect(login.status).toBe(200);
  return login.body.token;
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

describe('every route of the api', () => {
  let viewer: string;
  let analystOfTax: string;
  let taxDataset: DatasetDto;

  beforeAll(async () => {
    viewer = await addUser('vera-viewer', 'viewer', ['tax']);
    analystOfTax = await addUser('tom-tax-analyst', 'analyst', ['tax']);
    const made = await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
      name: 'tax office',
      department: 'tax',
    });
    expect(made.status).toBe(201);
    taxDataset = made.body;
  }, 30_000);

  it('is found in the router (the table is not empty and holds the known routes)', () => {
    const rows = routeTable().map((r) => `${r.method} ${r.path}`);
    expect(rows).toEqual(
      expect.arrayContaining([
        'GET /api/v1/datasets',
        'POST /api/v1/datasets/:id/runs',
        'POST /api/v1/datasets/:id/goals',
        'PATCH /api/v1/datasets/:id/goals/:goalId',
        'DELETE /api/v1/datasets/:id/goals/:goalId',
        'GET /api/v1/datasets/:id/goals/:goalId/history',
      ]),
    );
    expect(rows.length).toBeGreaterThan(15);
  });

  it('answers 401 auth.required without credentials, except the public ones', async () => {
    const open: string[] = [];
    for (const route of routeTable()) {
      const key = `${route.method} ${route.path}`;
      if (PUBLIC_ROUTES.has(key) || isDocs(route.path)) continue;
      const answer = await call(route.method, `${suite.api.url}${fill(route.path, {})}`, {
        authorization: '',
      });
      if (answer.status !== 401 || answer.body?.code !== 'auth.required')
        open.push(`${key} → ${answer.status}`);
    }
    expect(open).toEqual([]);
  });

  it('answers 403 auth.forbidden to a viewer on every route that changes something', async () => {
    const open: string[] = [];
    for (const route of routeTable()) {
      const key = `${route.method} ${route.path}`;
      if (
        PUBLIC_ROUTES.has(key) ||
        SAFE.has(route.method) ||
        route.path.startsWith('/api/v1/auth/')
      )
        continue;
      const answer = await call(
        route.method,
        `${suite.api.url}${fill(route.path, { id: taxDataset.id })}`,
        bearer(viewer),
      );
      if (answer.status !== 403 || answer.body?.code !== 'auth.forbidden')
        open.push(`${key} → ${answer.status}`);
    }
    expect(open).toEqual([]);
  });

  it('answers 403 auth.forbidden to an analyst on every admin-only route (user management)', async () => {
    const adminOnly = routeTable().filter((r) => r.path.startsWith('/api/v1/users'));
    expect(adminOnly.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/v1/users',
      'PATCH /api/v1/users/:id',
      'POST /api/v1/users',
      'POST /api/v1/users/:id/password',
    ]);
    const open: string[] = [];
    for (const route of adminOnly) {
      const answer = await call(route.method, `${suite.api.url}${fill(route.path, {})}`, {
        ...bearer(analystOfTax),
      });
      if (answer.status !== 403 || answer.body?.code !== 'auth.forbidden')
        open.push(`${route.method} ${route.path} → ${answer.status}`);
    }
    expect(open).toEqual([]);
  });

  it("answers 404 for a dataset outside the caller's departments, on every dataset route", async () => {
    const outsider = await addUser('hana-health-analyst', 'analyst', ['health']);
    const leaks: string[] = [];
    for (const route of routeTable()) {
      const key = `${route.method} ${route.path}`;
      if (PUBLIC_ROUTES.has(key) || !route.path.startsWith('/api/v1/datasets/:id')) continue;
      const answer = await call(
        route.method,
        `${suite.api.url}${fill(route.path, { id: taxDataset.id })}`,
        bearer(outsider),
      );
      if (answer.status !== 404 || answer.body?.code !== 'dataset.not-found')
        leaks.push(`${key} → ${answer.status}`);
    }
    expect(leaks).toEqual([]);
    const list = await getJson<DatasetDto[]>(`${suite.api.url}/api/v1/datasets`);
    expect(list.body.map((d) => d.name)).toContain('tax office'); // the admin sees it
    const theirs = await fetch(`${suite.api.url}/api/v1/datasets`, { headers: bearer(outsider) });
    expect(((await theirs.json()) as DatasetDto[]).map((d) => d.name)).not.toContain('tax office');
    const mine = await fetch(`${suite.api.url}/api/v1/datasets/${taxDataset.id}`, {
      headers: bearer(analystOfTax),
    });
    expect(mine.status).toBe(200);
  });
  it('lets a manager of the department set, edit and delete goals, and a viewer read them', async () => {
    const manager = await addUser('mia-tax-manager', 'manager', ['tax']);
    const otherManager = await addUser('max-health-manager', 'manager', ['health']);
    const goals = `${suite.api.url}/api/v1/datasets/${taxDataset.id}/goals`;
    const json = (token: string) => ({ ...bearer(token), 'content-type': 'application/json' });
    const goal = {
      kpi: 'tripsPerJourney',
      scope: { kind: 'all' },
      baseline: { kind: 'value', value: 2, since: '2024-01' },
      target: { kind: 'relative', percent: -60 },
      deadline: '2024-12-31',
      owner: 'tax hall',
    };
    const made = await fetch(goals, {
      method: 'POST',
      headers: json(manager),
      body: JSON.stringify(goal),
    });
    expect(made.status).toBe(201);
    const id = ((await made.json()) as { id: string }).id;
    const read = await fetch(`${goals}/${id}`, { headers: bearer(viewer) });
    expect(read.status).toBe(200);
    const byViewer = await fetch(`${goals}/${id}`, {
      method: 'PATCH',
      headers: json(viewer),
      body: JSON.stringify({ owner: 'me' }),
    });
    expect(byViewer.status).toBe(403);
    const elsewhere = await fetch(goals, {
      method: 'POST',
      headers: json(otherManager),
      body: JSON.stringify(goal),
    });
    expect([elsewhere.status, ((await elsewhere.json()) as ProblemDetails).code]).toEqual([
      404,
      'dataset.not-found',
    ]);
    const edited = await fetch(`${goals}/${id}`, {
      method: 'PATCH',
      headers: json(manager),
      body: JSON.stringify({ owner: 'tax office' }),
    });
    expect(edited.status).toBe(200);
    const gone = await fetch(`${goals}/${id}`, { method: 'DELETE', headers: bearer(manager) });
    expect(gone.status).toBe(204);
  });

  it("answers 404 for a run or upload of a dataset outside the caller's departments", async () => {
    const upload = await uploadCsv<UploadDto>(
      `${suite.api.url}/api/v1/datasets/${taxDataset.id}/uploads`,
      {
        name: 'tax.csv',
        content: 'case_id,activity,timestamp\nT1,申请,2024-03-01T09:00:00+08:00\n',
      },
    );
    expect(upload.status).toBe(201);
    const run = await postJson<RunDto>(
      `${suite.api.url}/api/v1/datasets/${taxDataset.id}/runs`,
      {},
    );
    expect([200, 202]).toContain(run.status);
    const outsider = await addUser('olga-other-analyst', 'analyst', ['transport']);
    const leaks: string[] = [];
    // Deletions last: the own department's DELETE /uploads/:id really deletes the upload.
    const routes = [...routeTable()].sort(
      (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
    for (const route of routes) {
      const kind = /^\/api\/v1\/(runs|uploads)\/:id/.exec(route.path)?.[1];
      if (!kind) continue;
      const id = kind === 'runs' ? run.body.id : upload.body.id;
      const code = kind === 'runs' ? 'run.not-found' : 'upload.not-found';
      const answer = await call(
        route.method,
        `${suite.api.url}${fill(route.path, { id })}`,
        bearer(outsider),
      );
      if (answer.status !== 404 || answer.body?.code !== code)
        leaks.push(`${route.method} ${route.path} → ${answer.status}`);
      const own = await call(
        route.method,
        `${suite.api.url}${fill(route.path, { id })}`,
        bearer(analystOfTax),
      );
      if (own.status === 404)
        leaks.push(`${route.method} ${route.path} → 404 for its own department`);
    }
    expect(leaks).toEqual([]);
  });
});

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie on Path=/ (not Secure over plain http in test)', async () => {
    await addUser('cora-cookie', 'viewer', []);
    const res = await fetch(`${suite.api.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: '' },
      body: JSON.stringify({ username: 'cora-cookie', password: 'cora-cookie-password' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^onetrip_session=ots_[\w-]+; /);
    expect(cookie.split('; ')).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=43200']),
    );
    expect(cookie).not.toMatch(/Secure/);
    const token = ((await res.json()) as LoginDto).token;
    expect(cookie).toContain(token);
  });

  it('needs the CSRF token for a change made with a cookie session, not for a read', async () => {
    const login = await postJson<LoginDto>(`${suite.api.url}/api/v1/auth/login`, {
      username: TEST_ADMIN.username,
      password: TEST_ADMIN.password,
    });
    const cookie = { cookie: `onetrip_session=${login.body.token}` };
    const me = await fetch(`${suite.api.url}/api/v1/auth/me`, { headers: cookie });
    expect(me.status).toBe(200);
    const session = (await me.json()) as SessionDto;
    expect(session.user).toMatchObject({ username: TEST_ADMIN.username, role: 'admin' });
    expect(session.csrfToken).toBe(login.body.csrfToken);

    const url = `${suite.api.url}/api/v1/datasets`;
    const body = JSON.stringify({ name: 'made with a cookie' });
    const without = await fetch(url, {
      method: 'POST',
      headers: { ...cookie, 'content-type': 'application/json' },
      body,
    });
    expect(without.status).toBe(403);
    expect(((await without.json()) as ProblemDetails).code).toBe('auth.csrf');
    const wrong = await fetch(url, {
      method: 'POST',
      headers: { ...cookie, 'content-type': 'application/json', 'x-csrf-token': 'guess' },
      body,
    });
    expect(wrong.status).toBe(403);
    const right = await fetch(url, {
      method: 'POST',
      headers: { ...cookie, 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body,
    });
    expect(right.status).toBe(201);
  });

  it('ends with logout: the token no longer opens anything', async () => {
    const token = await addUser('lou-logout', 'viewer', []);
    expect(
      (await fetch(`${suite.api.url}/api/v1/auth/me`, { headers: bearer(token) })).status,
    ).toBe(200);
    const out = await fetch(`${suite.api.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: bearer(token),
    });
    expect(out.status).toBe(204);
    expect(
      (await fetch(`${suite.api.url}/api/v1/auth/me`, { headers: bearer(token) })).status,
    ).toBe(401);
  });

  it('changes a password: the old one stops working, the new one logs in', async () => {
    const token = await addUser('pia-password', 'viewer', []);
    const change = (currentPassword: string) =>
      fetch(`${suite.api.url}/api/v1/auth/password`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword, newPassword: 'a much longer new password' }),
      });
    expect((await change('wrong')).status).toBe(403);
    expect((await change('pia-password-password')).status).toBe(204);
    const login = (password: string) =>
      postJson(`${suite.api.url}/api/v1/auth/login`, { username: 'pia-password', password });
    expect((await login('pia-password-password')).status).toBe(401);
    expect((await login('a much longer new password')).status).toBe(200);
  });

  it('stores a salted hash, never the password', async () => {
    const client = new Client({ connectionString: suite.db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ password_hash: string }>(
        `SELECT password_hash FROM app_user WHERE username = $1`,
        [TEST_ADMIN.username],
      );
      expect(rows[0].password_hash).toMatch(/^bcrypt-sha256\$\$2b\$12\$[./A-Za-z0-9]{53}$/);
      expect(rows[0].password_hash).not.toContain(TEST_ADMIN.password);
      const sessions = await client.query<{ id: string }>(`SELECT id FROM user_session`);
      expect(sessions.rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('throttles a guessed password: the 6th failure within 15 minutes answers 429, even with the right one', async () => {
    await addUser('bruno-brute', 'viewer', []);
    const login = (password: string) =>
      postJson<ProblemDetails>(`${suite.api.url}/api/v1/auth/login`, {
        username: 'bruno-brute',
        password,
      });
    for (let i = 0; i < 5; i += 1) {
      const answer = await login(`guess-${i}`);
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('auth.invalid-credentials');
    }
    const blocked = await login('bruno-brute-password');
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('auth.throttled');
    // Another user from the same address is not locked out.
    expect(
      (
        await postJson(`${suite.api.url}/api/v1/auth/login`, {
          username: TEST_ADMIN.username,
          password: TEST_ADMIN.password,
        })
      ).status,
    ).toBe(200);
  });
});
