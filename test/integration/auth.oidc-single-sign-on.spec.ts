/**
 * A city with a single sign-on: the built api is started against a real OpenID Connect provider
 * on 127.0.0.1 (test/support/oidc-provider.ts), and the test follows the redirects as a browser
 * would. The sign-in opens the same session (cookie + CSRF token) a password login opens; the
 * claims decide the role and departments; a first-time user gets the default role; a wrong state,
 * nonce, audience or signature is refused with a problem code. Without OIDC settings the routes
 * answer 404 auth.oidc-disabled. Needs `node tools/build.mjs server` first.
 */
import type { AuthMethodsDto, DatasetDto, ProblemDetails, SessionDto } from '@onetrip/contracts';
import { Client } from 'pg';
import '../support/http';
import { startTestProvider, type TestProvider } from '../support/oidc-provider';
import {
  createTestDatabase,
  freePort,
  spawnApi,
  startApi,
  testConfig,
  testEnv,
  type RunningApi,
  type RunningProcess,
  type TestDatabase,
} from '../support/services';

const CLIENT = { clientId: 'onetrip-test', clientSecret: 'provider-shared-secret' };
const JSON_ONLY = { accept: 'application/json' };
const BROWSER = { accept: 'text/html,application/xhtml+xml' };
// No test-admin session on these requests (test-admin.ts adds it unless a header is named).
const ANONYMOUS = { authorization: '' };

let db: TestDatabase;
let provider: TestProvider;
let api: RunningProcess;
let apiUrl: string;

beforeAll(async () => {
  db = await createTestDatabase('oidc_sso');
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  const redirectUri = `${apiUrl}/api/v1/auth/oidc/callback`;
  provider = await startTestProvider({ ...CLIENT, redirectUri });
  api = await spawnApi(
    testEnv(db, {
      OIDC_ISSUER: provider.issuer,
      OIDC_ALLOW_HTTP: 'true',
      OIDC_CLIENT_ID: CLIENT.clientId,
      OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      OIDC_REDIRECT_URL: redirectUri,
      OIDC_PROVIDER_NAME: 'City SSO',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'onetrip-analysts=analyst,onetrip-managers=manager',
      OIDC_DEPARTMENTS_CLAIM: 'depts',
      OIDC_DEPARTMENT_MAP: 'tax-office=税务局,health-office=health',
    }),
    port,
  );
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await provider?.close();
  await db?.drop();
});

const setCookies = (res: Response): string[] => res.headers.getSetCookie();
const cookieNamed = (res: Response, name: string): string | undefined =>
  setCookies(res).find((c) => c.startsWith(`${name}=`));
/** `name=value` of a Set-Cookie line, as a browser would send it back. */
const pair = (setCookie: string | undefined): string => (setCookie ?? '').split(';')[0];

interface Started {
  /** The provider's authorization URL the api redirected to. */
  authorize: URL;
  /** `onetrip_oidc=…`, the browser's handle on its pending sign-in. */
  flowCookie: string;
  loginResponse: Response;
}

async function startSignIn(): Promise<Started> {
  const res = await fetch(`${apiUrl}/api/v1/auth/oidc/login`, {
    redirect: 'manual',
    headers: { ...ANONYMOUS, ...BROWSER },
  });
  expect(res.status).toBe(302);
  return {
    authorize: new URL(res.headers.get('location') ?? ''),
    flowCookie: pair(cookieNamed(res, 'onetrip_oidc')),
    loginResponse: res,
  };
}

/** Signs in at the provider as `login` (instead of its login form); the redirect back. */
async function atProvider(started: Started, login: string): Promise<URL> {
  const url = new URL(started.authorize);
  url.searchParams.set('login', login);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

function callback(url: URL, flowCookie: string, headers = BROWSER): Promise<Response> {
  return fetch(url, {
    redirect: 'manual',
    headers: { ...ANONYMOUS, ...headers, ...(flowCookie ? { cookie: flowCookie } : {}) },
  });
}

/** The whole sign-in as a browser: the callback's answer and the session cookie it set. */
async function signIn(login: string): Promise<{ res: Response; session: string }> {
  const started = await startSignIn();
  const res = await callback(await atProvider(started, login), started.flowCookie);
  return { res, session: pair(cookieNamed(res, 'onetrip_session')) };
}

async function me(session: string): Promise<{ status: number; body: SessionDto }> {
  const res = await fetch(`${apiUrl}/api/v1/auth/me`, { headers: { cookie: session } });
  return { status: res.status, body: (await res.json()) as SessionDto };
}

async function problemOf(res: Response): Promise<ProblemDetails> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as ProblemDetails;
}

describe('signing in with the city single sign-on', () => {
  it('is offered by GET /auth/methods, with the provider name', async () => {
    const res = await fetch(`${apiUrl}/api/v1/auth/methods`, { headers: ANONYMOUS });
    expect(res.status).toBe(200);
    expect((await res.json()) as AuthMethodsDto).toEqual({
      password: true,
      oidc: { name: 'City SSO', loginUrl: '/api/v1/auth/oidc/login' },
    });
  });

  it('redirects to the provider with PKCE (S256), state and nonce, and a short-lived flow cookie', async () => {
    const { authorize, loginResponse } = await startSignIn();
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.issuer}/authorize`);
    const p = Object.fromEntries(authorize.searchParams);
    expect(p).toMatchObject({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: `${apiUrl}/api/v1/auth/oidc/callback`,
      scope: 'openid profile email',
      code_challenge_method: 'S256',
    });
    expect(p.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(p.state).toMatch(/^[\w-]{20,}$/);
    expect(p.nonce).toMatch(/^[\w-]{20,}$/);
    expect(p.state).not.toBe(p.nonce);
    const flow = cookieNamed(loginResponse, 'onetrip_oidc') ?? '';
    expect(flow.split('; ')).toEqual(
      expect.arrayContaining(['Path=/api/v1/auth/oidc', 'HttpOnly', 'SameSite=Lax', 'Max-Age=600']),
    );
    // The state, nonce and verifier stay on the server: the cookie holds none of them.
    expect(flow).not.toContain(p.state);
    expect(flow).not.toContain(p.nonce);
  });

  it('opens a session for a first-time user: default role viewer, no departments, cookie and CSRF', async () => {
    provider.users.set('nina', { preferred_username: 'nina', name: 'Nina New' });
    const { res, session } = await signIn('nina');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const sessionCookie = cookieNamed(res, 'onetrip_session') ?? '';
    expect(sessionCookie).toMatch(/^onetrip_session=ots_[\w-]+; /);
    expect(sessionCookie.split('; ')).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=43200']),
    );
    // The flow cookie is cleared.
    expect(cookieNamed(res, 'onetrip_oidc')).toMatch(/^onetrip_oidc=; .*Max-Age=0/);

    const who = await me(session);
    expect(who.status).toBe(200);
    expect(who.body.user).toMatchObject({ username: 'nina', role: 'viewer', departments: [] });

    // The provider checked the PKCE verifier against the challenge (it refuses a wrong one).
    const token = provider.seen.filter((s) => s.endpoint === 'token').at(-1);
    expect(token?.params.code_verifier).toMatch(/^[\w-]{43,128}$/);

    // A cookie session: a change needs the CSRF token, as after a password login.
    const without = await fetch(`${apiUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: session },
    });
    expect((await problemOf(without)).code).toBe('auth.csrf');
    const out = await fetch(`${apiUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: session, 'x-csrf-token': who.body.csrfToken },
    });
    expect(out.status).toBe(204);
    expect((await me(session)).status).toBe(401);

    // Made by single sign-on, the user has no password that logs in.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ password_hash: string }>(
        `SELECT password_hash FROM app_user WHERE username = 'nina'`,
      );
      expect(rows).toEqual([{ password_hash: 'sso-only' }]);
    } finally {
      await client.end();
    }
    for (const password of ['sso-only', '', 'nina']) {
      const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { ...ANONYMOUS, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nina', password }),
      });
      expect(login.status).toBe(password === '' ? 400 : 401);
    }
  });

  it('maps group and department claims to role and departments, again at every sign-in', async () => {
    provider.users.set('ana', {
      preferred_username: 'ana',
      groups: ['staff', 'onetrip-managers', 'onetrip-analysts'],
      depts: ['tax-office', 'parks-office'],
    });
    const first = await signIn('ana');
    expect(first.res.status).toBe(302);
    const who = await me(first.session);
    expect(who.body.user).toMatchObject({
      username: 'ana',
      role: 'analyst',
      departments: ['税务局'],
    });

    // The department scoping applies: ana sees 税务局's dataset, not health's.
    for (const [name, department] of [
      ['tax hall', '税务局'],
      ['clinic', 'health'],
    ]) {
      const made = await fetch(`${apiUrl}/api/v1/datasets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' }, // as the test admin
        body: JSON.stringify({ name, department }),
      });
      expect(made.status).toBe(201);
    }
    const list = await fetch(`${apiUrl}/api/v1/datasets`, { headers: { cookie: first.session } });
    expect(((await list.json()) as DatasetDto[]).map((d) => d.name)).toEqual(['tax hall']);

    // The provider moves ana to health and out of the analysts: the next sign-in follows.
    provider.users.set('ana', {
      preferred_username: 'ana',
      groups: ['onetrip-managers'],
      depts: 'health-office',
    });
    const second = await signIn('ana');
    expect((await me(second.session)).body.user).toMatchObject({
      role: 'manager',
      departments: ['health'],
    });
    provider.users.set('ana', { preferred_username: 'ana', groups: [] });
    const third = await signIn('ana');
    expect((await me(third.session)).body.user).toMatchObject({ role: 'viewer', departments: [] });
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    provider.users.set('sam', { preferred_username: 'sam' });
    const started = await startSignIn();
    const back = await atProvider(started, 'sam');
    const forged = new URL(back);
    forged.searchParams.set('state', 'state-of-another-sign-in');
    const res = await callback(forged, started.flowCookie, JSON_ONLY);
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe('auth.oidc-state');
    expect(cookieNamed(res, 'onetrip_session')).toBeUndefined();
    // The pending sign-in is spent: the genuine answer, coming after, is refused too.
    const late = await callback(back, started.flowCookie, JSON_ONLY);
    expect((await problemOf(late)).code).toBe('auth.oidc-state');
  });

  it('refuses a callback without the flow cookie, and a replayed one', async () => {
    provider.users.set('sam', { preferred_username: 'sam' });
    const started = await startSignIn();
    const back = await atProvider(started, 'sam');
    const noCookie = await callback(back, '', JSON_ONLY);
    expect(noCookie.status).toBe(401);
    expect((await problemOf(noCookie)).code).toBe('auth.oidc-state');

    const again = await startSignIn();
    const good = await atProvider(again, 'sam');
    expect((await callback(good, again.flowCookie)).status).toBe(302);
    const replay = await callback(good, again.flowCookie, JSON_ONLY);
    expect((await problemOf(replay)).code).toBe('auth.oidc-state');
  });

  it.each([
    ['a wrong nonce', { nonce: 'nonce-of-another-sign-in' }, /nonce/],
    ['a wrong audience', { aud: 'some-other-client' }, /aud/],
    ['a wrong issuer', { iss: 'http://127.0.0.1:1/evil' }, /iss/],
    ['an expired ID token', { expiresIn: -120 }, /exp|timestamp/],
    ['a signature by a key the provider does not publish', { foreignKey: true }, /signature/i],
  ])('refuses an ID token with %s (auth.oidc-invalid-token)', async (_, tweak, detail) => {
    provider.users.set('tia', { preferred_username: 'tia' });
    const started = await startSignIn();
    const back = await atProvider(started, 'tia');
    provider.tweakNextIdToken(tweak);
    const res = await callback(back, started.flowCookie, JSON_ONLY);
    expect(res.status).toBe(401);
    const body = await problemOf(res);
    expect(body.code).toBe('auth.oidc-invalid-token');
    expect(body.detail).toMatch(detail);
    expect(cookieNamed(res, 'onetrip_session')).toBeUndefined();
  });

  it("passes on the provider's refusal (auth.oidc-provider-error)", async () => {
    const started = await startSignIn();
    const back = await atProvider(started, 'nobody-signed-in');
    expect(back.searchParams.get('error')).toBe('access_denied');
    const res = await callback(back, started.flowCookie, JSON_ONLY);
    expect(res.status).toBe(401);
    const body = await problemOf(res);
    expect(body.code).toBe('auth.oidc-provider-error');
    expect(body.detail).toContain('access_denied');
  });

  it('refuses an ID token without a user name claim (auth.oidc-claims)', async () => {
    provider.users.set('anon', { email: 'anon@city.example' });
    const started = await startSignIn();
    const res = await callback(await atProvider(started, 'anon'), started.flowCookie, JSON_ONLY);
    expect(res.status).toBe(401);
    expect((await problemOf(res)).code).toBe('auth.oidc-claims');
  });

  it('sends a refused browser back to the login page, naming the problem', async () => {
    provider.users.set('sam', { preferred_username: 'sam' });
    const started = await startSignIn();
    const back = await atProvider(started, 'sam');
    back.searchParams.set('state', 'forged');
    const res = await callback(back, started.flowCookie, BROWSER);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/?login=auth.oidc-state');
    expect(cookieNamed(res, 'onetrip_session')).toBeUndefined();
  });
});

describe('a server without single sign-on', () => {
  let plain: RunningApi;
  beforeAll(async () => {
    plain = await startApi(testConfig(db));
  }, 30_000);
  afterAll(async () => {
    await plain?.close();
  });

  it('offers only passwords, and answers its OIDC routes 404 auth.oidc-disabled', async () => {
    const methods = await fetch(`${plain.url}/api/v1/auth/methods`, { headers: ANONYMOUS });
    expect((await methods.json()) as AuthMethodsDto).toEqual({ password: true, oidc: null });
    for (const path of ['/api/v1/auth/oidc/login', '/api/v1/auth/oidc/callback?code=x&state=y']) {
      const res = await fetch(`${plain.url}${path}`, {
        redirect: 'manual',
        headers: { ...ANONYMOUS, ...JSON_ONLY },
      });
      expect(res.status).toBe(404);
      expect((await problemOf(res)).code).toBe('auth.oidc-disabled');
    }
  });
});
