/**
 * A manager's goals through the real api, worker and PostgreSQL: set on a dataset, measured on its
 * newest run, told why when a KPI cannot be computed, and kept readable per dataset version.
 *
 * The log, by month of 2024 (two cases a month, Beijing time, counted by hand):
 *   Jan: two cases with 2 hall trips each  → 2.0 trips per journey, zero-trip rate 0
 *   Feb: one with 2 trips, one with 1      → 1.5
 *   Mar: two with 1 trip                   → 1.0
 *   Apr: one with 1 trip, one online only  → 0.5, zero-trip rate 0.5
 * and after a second upload, May: two online only → 0 trips.
 */
import type { DatasetDto, GoalDto, GoalHistoryDto, ProblemDetails } from '@onetrip/contracts';
import { getJson, postJson, uploadCsv } from '../support/http';
import { TRIPS_LOG_HEADER, TRIPS_LOG_MAPPING, tripCaseRows } from '../support/monthly-trips-log';
import { apiWorkerSuite, mineDataset } from '../support/services';

const suite = apiWorkerSuite('goals');
const RUN = { params: { journey: 'case', lifecycle: 'none' } };

const FIRST = [
  ...tripCaseRows('J1', 1, 10, 2),
  ...tripCaseRows('J2', 1, 11, 2),
  ...tripCaseRows('F1', 2, 10, 2),
  ...tripCaseRows('F2', 2, 11, 1),
  ...tripCaseRows('M1', 3, 10, 1),
  ...tripCaseRows('M2', 3, 11, 1),
  ...tripCaseRows('A1', 4, 10, 1),
  ...tripCaseRows('A2', 4, 11, 0),
];
const SECOND = [...tripCaseRows('Y1', 5, 10, 0), ...tripCaseRows('Y2', 5, 11, 0)];

const TRIPS_GOAL = {
  title: '群众跑动次数减少六成',
  kpi: 'tripsPerJourney',
  scope: { kind: 'all' },
  baseline: { kind: 'period', period: '2024-01' },
  target: { kind: 'relative', percent: -60 },
  deadline: '2024-12-31',
  owner: '市政务服务办',
};

async function send<T>(method: string, url: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

describe('reform goals on a dataset', () => {
  let dataset: DatasetDto;
  let goalsUrl: string;

  beforeAll(async () => {
    const made = await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
      name: 'permits',
      timezone: 'Asia/Shanghai',
    });
    dataset = made.body;
    goalsUrl = `${suite.api.url}/api/v1/datasets/${dataset.id}/goals`;
    const upload = await uploadCsv(
      `${suite.api.url}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'first.csv', content: [TRIPS_LOG_HEADER, ...FIRST].join('\n') + '\n' },
      TRIPS_LOG_MAPPING,
    );
    expect(upload.status).toBe(201);
  }, 60_000);

  it('says a goal cannot be measured before the dataset is mined', async () => {
    const made = await postJson<GoalDto>(goalsUrl, TRIPS_GOAL);
    expect(made.status).toBe(201);
    expect(made.body.progress).toMatchObject({ reason: 'no-run', status: null, runId: null });
    expect(made.body.direction).toBe('decrease'); // the KPI's default: fewer trips
    expect(made.body.createdBy).toBe('test-admin');
    await send(`DELETE`, `${goalsUrl}/${made.body.id}`);
  });

  it('measures goals on the newest run: trips −60% on track, zero trips behind', async () => {
    await mineDataset(suite.api.url, dataset.id, RUN);
    const trips = await postJson<GoalDto>(goalsUrl, TRIPS_GOAL);
    expect(trips.status).toBe(201);
    const p = trips.body.progress;
    expect(p.reason).toBeNull();
    expect(p.baselineValue).toBe(2);
    expect(p.targetValue).toBeCloseTo(0.8, 12);
    expect(p.actual.map((a) => [a.period, a.value])).toEqual([
      ['2024-01', 2],
      ['2024-02', 1.5],
      ['2024-03', 1],
      ['2024-04', 0.5],
    ]);
    // 2.0 → 0.5 is 1.5 of the 1.2 needed; the trend (−0.5 a month) passes the target.
    expect(p).toMatchObject({ status: 'on-track', currentPeriod: '2024-04', current: 0.5 });
    expect(p.progress).toBeCloseTo(1.5 / 1.2, 12);
    expect(p.plan).toEqual([
      { at: '2024-02-01T00:00:00.000Z', value: 2 },
      { at: '2025-01-01T00:00:00.000Z', value: p.targetValue },
    ]);
    expect(p.projection).toHaveLength(2);

    // Zero-trip rate 0, 0, 0, 0.5 towards 0.9 by the end of May: the trend gets to about 0.67.
    const online = await postJson<GoalDto>(goalsUrl, {
      kpi: 'zeroTripRate',
      scope: { kind: 'service', value: 'permit' },
      baseline: { kind: 'period', period: '2024-01' },
      target: { kind: 'absolute', value: 0.9 },
      deadline: '2024-05-31',
      owner: 'hall office',
    });
    expect(online.body.direction).toBe('increase');
    expect(online.body.progress.status).toBe('behind');

    const list = await getJson<GoalDto[]>(goalsUrl);
    expect(list.body.map((g) => [g.kpi, g.progress.status])).toEqual([
      ['tripsPerJourney', 'on-track'],
      ['zeroTripRate', 'behind'],
    ]);
  }, 90_000);

  it('says why a KPI cannot be computed, in a code', async () => {
    const reasons: string[] = [];
    for (const [kpi, scope] of [
      ['queueWaitMedianSeconds', { kind: 'all' }],
      ['satisfaction', { kind: 'all' }],
      ['tripsPerJourney', { kind: 'hall', value: 'H9' }],
    ] as const) {
      const made = await postJson<GoalDto>(goalsUrl, {
        ...TRIPS_GOAL,
        kpi,
        scope,
        target: { kind: 'relative', percent: kpi === 'satisfaction' ? 10 : -10 },
      });
      expect(made.status).toBe(201);
      reasons.push(`${made.body.progress.reason} ${made.body.progress.message}`);
      await send('DELETE', `${goalsUrl}/${made.body.id}`);
    }
    expect(reasons).toEqual([
      expect.stringMatching(/^no-queue-tickets Queue figures need ticket and call records/),
      expect.stringMatching(/^no-ratings Satisfaction cannot be computed yet/),
      expect.stringMatching(/^scope-not-found No journeys of this scope/),
    ]);
  });

  it('refuses a target against the goal’s direction, and bad fields, with a code', async () => {
    const against = await postJson<ProblemDetails>(goalsUrl, {
      ...TRIPS_GOAL,
      target: { kind: 'relative', percent: 60 },
    });
    expect(against.status).toBe(400);
    expect(against.body.code).toBe('goal.target-against-direction');
    const bad = await postJson<ProblemDetails>(goalsUrl, {
      ...TRIPS_GOAL,
      baseline: { kind: 'period', period: '2024-13' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('request.invalid');
    expect(JSON.stringify(bad.body.errors)).toContain('baseline');
  });

  it('edits and deletes a goal', async () => {
    const list = await getJson<GoalDto[]>(goalsUrl);
    const id = list.body[0].id;
    const edited = await send<GoalDto>('PATCH', `${goalsUrl}/${id}`, {
      target: { kind: 'absolute', value: 0.4 },
      owner: '行政审批局',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ owner: '行政审批局', progress: { targetValue: 0.4 } });
    const other = list.body[1].id;
    expect((await send('DELETE', `${goalsUrl}/${other}`)).status).toBe(204);
    const gone = await getJson<ProblemDetails>(`${goalsUrl}/${other}`);
    expect([gone.status, gone.body.code]).toEqual([404, 'goal.not-found']);
  });

  it('keeps the goal’s value on every dataset version', async () => {
    const upload = await uploadCsv(
      `${suite.api.url}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'may.csv', content: [TRIPS_LOG_HEADER, ...SECOND].join('\n') + '\n' },
      TRIPS_LOG_MAPPING,
    );
    expect(upload.status).toBe(201);
    await mineDataset(suite.api.url, dataset.id, RUN);
    // A filtered run is not what goals are measured on.
    await mineDataset(suite.api.url, dataset.id, { ...RUN, filter: { service: ['permit'] } });
    const [goal] = (await getJson<GoalDto[]>(goalsUrl)).body;
    expect(goal.progress).toMatchObject({ currentPeriod: '2024-05', current: 0 });
    const history = await getJson<GoalHistoryDto>(`${goalsUrl}/${goal.id}/history`);
    expect(history.status).toBe(200);
    expect(
      history.body.versions.map((v) => [v.datasetVersion, v.currentPeriod, v.current, v.status]),
    ).toEqual([
      [1, '2024-04', 0.5, 'on-track'],
      [2, '2024-05', 0, 'on-track'],
    ]);
  }, 90_000);
});
