import type { SessionDto } from '@onetrip/contracts';
import { createApiClient, createAuthClient } from './client';

function jsonResponse(status: number, body: unknown): Response {
  const fake: Pick<Response, 'ok' | 'status' | 'statusText' | 'text'> = {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    text: () => Promise.resolve(JSON.stringify(body)),
  };
  return fake as Response;
}

const session: SessionDto = {
  user: { id: 'u1', username: 'ada', role: 'analyst', departments: ['tax'] },
  csrfToken: 'csrf-from-the-server',
  expiresAt: '2026-12-04T00:00:00.000Z',
};

describe('the CSRF token of the session', () => {
  it('is sent on every change after /auth/me, never on a read, and dropped at logout', async () => {
    const sent: { url: string; method: string; csrf: string | undefined }[] = [];
    const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      sent.push({
        url: typeof input === 'string' ? input : 'not a string',
        method: init?.method ?? 'GET',
        csrf: headers['x-csrf-token'],
      });
      return Promise.resolve(
        (typeof input === 'string' ? input : 'not a string').endsWith('/auth/me')
          ? jsonResponse(200, session)
          : jsonResponse(200, []),
      );
    };
    const auth = createAuthClient({ fetch });
    const api = createApiClient({ fetch });
    await expect(auth.me()).resolves.toEqual(session);
    await api.listDatasets();
    await api.startRun('d1').catch(() => undefined);
    await auth.logout();
    await api.startRun('d1').catch(() => undefined);
    expect(sent.map((s) => [s.method, s.url, s.csrf])).toEqual([
      ['GET', '/api/v1/auth/me', undefined],
      ['GET', '/api/v1/datasets', undefined],
      ['POST', '/api/v1/datasets/d1/runs', 'csrf-from-the-server'],
      ['POST', '/api/v1/auth/logout', 'csrf-from-the-server'],
      ['POST', '/api/v1/datasets/d1/runs', undefined],
    ]);
  });

  it('has no session when /auth/me answers 401 (the login page is shown)', async () => {
    const auth = createAuthClient({
      fetch: () =>
        Promise.resolve(jsonResponse(401, { title: 'Unauthorized', code: 'auth.required' })),
    });
    await expect(auth.me()).resolves.toBeNull();
  });
});
