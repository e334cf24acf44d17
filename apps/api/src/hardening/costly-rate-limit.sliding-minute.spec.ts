import { COSTLY_ROUTES, SlidingWindowLimit } from './costly-rate-limit';

const costly = (method: string, path: string): boolean =>
  COSTLY_ROUTES.some((r) => r.method === method && r.path.test(path));

describe('the limit on costly endpoints', () => {
  it('admits max requests per key in a sliding minute, then says how long to wait', () => {
    const limit = new SlidingWindowLimit(3);
    expect([0, 10_000, 20_000].map((t) => limit.take('a', t))).toEqual([0, 0, 0]);
    expect(limit.take('a', 30_000)).toBe(30_000); // the first leaves the window at 60 000
    expect(limit.take('b', 30_000)).toBe(0); // another caller counts alone
    expect(limit.take('a', 59_999)).toBe(1);
    expect(limit.take('a', 60_001)).toBe(0); // the first has left; refused ones never counted
    expect(limit.take('a', 60_002)).toBe(9_998); // 10 000, 20 000, 60 001 are in the window
  });

  it('covers uploads, previews, pushes, runs, facets, timelines and rejected rows, not cheap reads', () => {
    const id = '0b7e4c1e-8f0a-4c55-9d0a-2f3b6c1d9e70';
    expect(
      [
        ['POST', `/api/v1/datasets/${id}/uploads`],
        ['POST', `/api/v1/datasets/${id}/uploads/preview`],
        ['POST', `/api/v1/datasets/${id}/events`],
        ['POST', `/api/v1/datasets/${id}/runs`],
        ['GET', `/api/v1/datasets/${id}/facets`],
        ['GET', `/api/v1/datasets/${id}/journeys/K1/timeline`],
        ['GET', `/api/v1/uploads/${id}/rejected.csv`],
      ].map(([m, p]) => costly(m, p)),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(
      [
        ['GET', '/api/v1/datasets'],
        ['GET', `/api/v1/datasets/${id}/uploads`],
        ['GET', `/api/v1/datasets/${id}/runs`],
        ['GET', `/api/v1/runs/${id}`],
        ['GET', `/api/v1/runs/${id}/result`],
        ['POST', '/api/v1/auth/login'],
        ['GET', `/api/v1/datasets/${id}/facets/extra`],
      ].map(([m, p]) => costly(m, p)),
    ).toEqual([false, false, false, false, false, false, false]);
  });
});
