/**
 * The api's hardening: helmet's security headers and the Content-Security-Policy on every answer,
 * CORS only for the origins of CORS_ORIGINS (none by default), a per-caller limit on the costly
 * endpoints, expired sessions swept by an interval, and no start in production without secrets.
 */
import type { DatasetDto, LoginDto, ProblemDetails, UserWithPasswordDto } from '@onetrip/contracts';
import { Client } from 'pg';
import { postJson } from '../support/http';
import path from 'node:path';
import {
  createTestDatabase,
  freePort,
  ROOT,
  spawnNode,
  startApi,
  testConfig,
  testEnv,
  type RunningApi,
  type TestDatabase,
} from '../support/services';

const API_MAIN = path.join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

let db: TestDatabase;
const apis: RunningApi[] = [];

beforeAll(async () => {
  db = await createTestDatabase('hardening');
}, 60_000);

afterAll(async () => {
  for (const api of apis) await api.close();
  await db?.drop();
});

async function api(extra: Record<string, string> = {}): Promise<RunningApi> {
  const started = await startApi(testConfig(db, extra));
  apis.push(started);
  return started;
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function newUser(url: string, username: string, role = 'analyst'): Promise<string> {
  const made = await postJson<UserWithPasswordDto>(`${url}/api/v1/users`, { username, role });
  expect(made.status).toBe(201);
  const login = await postJson<LoginDto>(`${url}/api/v1/auth/login`, {
    username,
    password: made.body.password,
  });
  return login.body.token;
}

describe('security headers', () => {
  it('come with every answer, a problem and the OpenAPI viewer too', async () => {
    const { url } = await api();
    for (const path of ['/api/health', '/api/v1/datasets', '/api/v1/nothing-here', '/api/docs']) {
      const res = await fetch(`${url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect([path, csp.split(';')]).toEqual([
        path,
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "frame-ancestors 'none'",
          "object-src 'none'",
        ]),
      ]);
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
      // HSTS only in production (behind https); this is NODE_ENV=test.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/api/v1/datasets`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-csrf-token',
      },
    });

  it('allows no other origin by default (same origin only)', async () => {
    const { url } = await api();
    const res = await preflight(url, 'https://bi.example.gov.cn');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${url}/api/v1/datasets`, {
      headers: { origin: 'https://bi.example.gov.cn' },
    });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the origins of CORS_ORIGINS, with credentials', async () => {
    const { url } = await api({ CORS_ORIGINS: 'https://bi.example.gov.cn,https://other.example' });
    const ok = await preflight(url, 'https://bi.example.gov.cn');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://bi.example.gov.cn');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/X-CSRF-Token/);
    const refused = await preflight(url, 'https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${url}/api/v1/datasets`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the limit on costly endpoints', () => {
  it('answers 429 rate.limited past the limit per caller and minute; other callers and cheap reads go on', async () => {
    const { url } = await api({ COSTLY_RATE_LIMIT_PER_MINUTE: '3' });
    const made = await postJson<DatasetDto>(`${url}/api/v1/datasets`, { name: 'limited' });
    const facets = `${url}/api/v1/datasets/${made.body.id}/facets`;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(facets)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(facets);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const problem = (await limited.json()) as ProblemDetails;
    expect(problem.code).toBe('rate.limited');
    expect(problem.detail).toMatch(/More than 3 /);
    // Runs count against the same budget.
    const run = await fetch(`${url}/api/v1/datasets/${made.body.id}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(run.status).toBe(429);
    // A cheap read is not limited, nor is another user.
    expect((await fetch(`${url}/api/v1/datasets/${made.body.id}`)).status).toBe(200);
    const other = await newUser(url, 'olaf-other');
    expect((await fetch(facets, { headers: { authorization: `Bearer ${other}` } })).status).toBe(
      200,
    );
  });
});

describe('expired sessions', () => {
  it('are deleted by the interval, without any request touching them; live ones stay', async () => {
    const { url } = await api({ SESSION_CLEANUP_INTERVAL_MS: '100' });
    const expiring = await newUser(url, 'eve-expiring', 'viewer');
    const staying = await newUser(url, 'stan-staying', 'viewer');
    const count = async (username: string): Promise<number> =>
      (
        await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM user_session s JOIN app_user u ON u.id = s.user_id
           WHERE u.username = $1`,
          [username],
        )
      )[0].n;
    // The live session exists; then it expires (the 100 ms interval may delete it at once).
    expect(await count('eve-expiring')).toBe(1);
    await sql(
      `UPDATE user_session SET expires_at = now() - interval '1 second'
       WHERE user_id = (SELECT id FROM app_user WHERE username = 'eve-expiring')`,
    );
    const deadline = Date.now() + 5000;
    while ((await count('eve-expiring')) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await count('eve-expiring')).toBe(0);
    expect(await count('stan-staying')).toBe(1);
    const me = await fetch(`${url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${staying}` },
    });
    expect(me.status).toBe(200);
    const gone = await fetch(`${url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${expiring}` },
    });
    expect(gone.status).toBe(401);
  });
});

describe('long uploads', () => {
  it("are not cut off by Node's five-minute request limit: REQUEST_TIMEOUT_MS (1 h by default, 0 = none)", async () => {
    const requestTimeout = (running: RunningApi): number =>
      (running.app.getHttpServer() as { requestTimeout: number }).requestTimeout;
    expect(requestTimeout(await api())).toBe(3_600_000);
    expect(requestTimeout(await api({ REQUEST_TIMEOUT_MS: '0' }))).toBe(0);
    expect(requestTimeout(await api({ REQUEST_TIMEOUT_MS: '7200000' }))).toBe(7_200_000);
  });
});

describe('production', () => {
  it('refuses to start without a pseudonym key or with insecure cookies, naming each setting', async () => {
    const env = testEnv(db, {
      NODE_ENV: 'production',
      PSEUDONYM_KEY: '',
      COOKIE_SECURE: 'false',
      PORT: String(await freePort()),
    });
    const api = spawnNode(['-r', './tools/runtime-paths.cjs', API_MAIN], env);
    const code = await new Promise<number | null>((resolve) => {
      if (api.child.exitCode !== null) resolve(api.child.exitCode);
      else api.child.once('exit', (c) => resolve(c));
    });
    expect(code).toBe(1);
    expect(api.output()).toMatch(/PSEUDONYM_KEY: required when NODE_ENV=production/);
    expect(api.output()).toMatch(/COOKIE_SECURE: false sends session cookies over plain http/);
    expect(api.output()).not.toMatch(/listening/);
  });
});
