/**
 * The dashboard's data side through the real api, worker, PostgreSQL and Redis: facets for the
 * filter controls, filtered runs (cached per filter), insights in the dataset's time zone, and
 * journey timelines reached from a run's journey samples. The fixture's four journeys, times in
 * Asia/Shanghai:
 *   K1 Permit/D1: online 03-02 08:00, H1 ticket 09:00 called 09:20, review, H1 again 03-05
 *      ticket 09:00 called 09:10 (two trips)
 *   K2 Permit/D1: H2 ticket 03-10 14:00 called 14:30, review (one trip)
 *   K3 Licence/D2: online 04-01 07:00 (still 31 March in UTC), review (no trip)
 *   K4 Licence/D2: H2 ticket 04-07 09:00 called 09:40, review (one trip)
 */
import type {
  DatasetDto,
  FacetsDto,
  JourneyTimelineDto,
  ProblemDetails,
  RunDto,
  RunFilter,
  RunResultDto,
  UploadDto,
} from '@onetrip/contracts';
import path from 'node:path';
import { getJson, postJson, readFixture, uploadCsv } from '../support/http';
import {
  FIXTURES,
  RunningApi,
  RunningProcess,
  TestDatabase,
  cleanQueue,
  createTestDatabase,
  spawnWorker,
  startApi,
  testConfig,
  testEnv,
  waitForRun,
} from '../support/services';

const FIXTURE = path.join(FIXTURES, 'ok', 'dashboard-four-journeys.csv');
const MAPPING = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  citizen: 'citizen',
  service: 'service',
  channel: 'channel',
  location: 'location',
  department: 'department',
};

describe('dashboard data: facets, filtered runs and journey timelines', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningProcess;
  let dataset: DatasetDto;

  async function run(
    filter?: RunFilter,
    params: object = { journey: 'case' },
  ): Promise<{ run: RunDto; status: number; result: RunResultDto['result'] }> {
    const created = await postJson<RunDto>(`${api.url}/api/v1/datasets/${dataset.id}/runs`, {
      params,
      ...(filter ? { filter } : {}),
    });
    expect([200, 202]).toContain(created.status);
    const done = await waitForRun(api.url, created.body.id);
    expect(done).toMatchObject({ status: 'completed', error: null });
    const res = await getJson<RunResultDto>(`${api.url}/api/v1/runs/${done.id}/result`);
    return { run: done, status: created.status, result: res.body.result };
  }

  beforeAll(async () => {
    db = await createTestDatabase('dashboard');
    await cleanQueue(db.name);
    worker = spawnWorker(testEnv(db, { LOG_LEVEL: 'log' }));
    api = await startApi(testConfig(db));
    await worker.waitFor(/worker ready/);
    dataset = (await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'four' })).body;
    const upload = await uploadCsv<UploadDto>(
      `${api.url}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'dashboard-four-journeys.csv', content: readFixture(FIXTURE) },
      MAPPING,
    );
    expect(upload.body).toMatchObject({ status: 'completed', rowsAccepted: 14 });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    const exit = await worker?.stop();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
    expect(exit?.code).toBe(0);
  });

  it('lists facets with counts, the time span and events per month', async () => {
    const res = await getJson<FacetsDto>(`${api.url}/api/v1/datasets/${dataset.id}/facets`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      datasetId: dataset.id,
      datasetVersion: 1,
      events: 14,
      // 2026-03-02 08:00 and 2026-04-08 10:00 in Asia/Shanghai
      timeSpan: { from: '2026-03-02T00:00:00.000Z', to: '2026-04-08T02:00:00.000Z' },
      months: [
        { period: '2026-03', events: 9 },
        { period: '2026-04', events: 5 },
      ],
      services: [
        { value: 'Permit', events: 9 },
        { value: 'Licence', events: 5 },
      ],
      departments: [
        { value: 'D1', events: 9 },
        { value: 'D2', events: 5 },
      ],
      locations: [
        { value: 'H1', events: 4 },
        { value: 'H2', events: 4 },
      ],
      channels: [
        { value: 'hall', events: 8 },
        { value: 'back_office', events: 4 },
        { value: 'online', events: 2 },
      ],
    });
  });

  it('mines insights in the dataset time zone', async () => {
    const { result, run: r } = await run();
    expect(r.filter).toEqual({});
    const ins = result.insights;
    expect(ins?.timeZone).toBe('Asia/Shanghai');
    expect(ins?.kpis).toMatchObject({
      journeys: 4,
      tripsPerJourney: 1, // 2 + 1 + 0 + 1
      atMostOneTripRate: 0.75,
      zeroTripRate: 0.25,
      // queue waits 1200, 600, 1800, 2400: median of an even count is the mean of the middle two
      queueWaitSeconds: { mean: 1500, median: 1500, p90: 2220 },
    });
    expect(ins?.trend.map((t) => [t.period, t.journeys])).toEqual([
      ['2026-03', 2],
      ['2026-04', 2],
    ]);
    expect(ins?.trips?.byHall.map((h) => [h.value, h.journeys, h.atMostOneTripRate])).toEqual([
      ['H2', 2, 1],
      ['H1', 1, 0],
    ]);
    // Mondays 09:00 (K1), Tuesdays 09:00 (K4) and 14:00 (K2), Thursday 09:00 (K1's return)
    expect(ins?.queueWaits.byHourWeekday.map((c) => [c.weekday, c.hour, c.count])).toEqual([
      [1, 9, 1],
      [2, 9, 1],
      [2, 14, 1],
      [4, 9, 1],
    ]);
    expect(ins?.returnReasons.map((r) => r.activity)).toEqual([
      'Called to window',
      'Take queue ticket',
    ]);
    // K1 came back after the back office's Review (D1); its return trip has queue steps only.
    expect(ins?.returnCauses).toEqual({
      causes: [{ activity: 'Review', department: 'D1', journeys: 1, returns: 1 }],
      purposes: [{ activity: null, journeys: 1, returns: 1 }],
    });
    // The waits before a ticket (K1's 1 h after applying online, its 2 days after Review) are the
    // citizen's, not a government queue: the citizen side starts with them.
    expect(
      ins?.bottlenecks.citizen
        .slice(0, 2)
        .map((b) => [b.kind, b.activity ?? `${b.from} → ${b.to}`]),
    ).toEqual([
      ['activity', 'Take queue ticket'],
      ['edge', 'Review → Take queue ticket'],
    ]);
    expect(ins?.bottlenecks.government.some((b) => b.activity === 'Take queue ticket')).toBe(false);
  });

  it('keeps whole journeys that visited a hall, and caches the run per filter', async () => {
    const first = await run({ location: ['H2'] });
    expect(first.status).toBe(202);
    expect(first.run.filter).toEqual({ location: ['H2'] });
    expect(first.result.summary.journeys).toBe(2); // K2 and K4, with their back-office reviews
    expect(first.result.activities.find((a) => a.activity === 'Review')?.count).toBe(2);
    expect(first.result.insights?.kpis.queueWaitSeconds?.median).toBe(2100); // 1800, 2400

    const same = await postJson<RunDto>(`${api.url}/api/v1/datasets/${dataset.id}/runs`, {
      params: { journey: 'case' },
      filter: { location: ['H2', 'H2'] },
    });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ id: first.run.id, cached: true });
  });

  it('filters by journey start time, service and variant', async () => {
    const april = await run({ from: '2026-04-01T00:00:00+08:00' });
    expect(april.result.summary.journeys).toBe(2); // K3 (07:00 local) and K4
    expect(april.result.insights?.kpis.zeroTripRate).toBe(0.5);
    const permits = await run({ service: ['Permit'], channel: ['ONLINE'] });
    expect(permits.result.summary.journeys).toBe(1); // K1
    const variant = await run({
      variant: ['Take queue ticket', 'Called to window', 'Review'],
    });
    expect(variant.result.summary.journeys).toBe(2); // K2 and K4
  });

  it('rejects a filter it does not understand with a problem', async () => {
    const res = await postJson<ProblemDetails>(`${api.url}/api/v1/datasets/${dataset.id}/runs`, {
      filter: { hall: ['H1'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('request.invalid');
  });

  it('shows a case journey timeline with its trips marked', async () => {
    const res = await getJson<JourneyTimelineDto>(
      `${api.url}/api/v1/datasets/${dataset.id}/journeys/K1/timeline`,
    );
    expect(res.status).toBe(200);
    expect(res.body.journeys).toHaveLength(1);
    const [journey] = res.body.journeys;
    expect(journey.events.map((e) => [e.activity, e.trip])).toEqual([
      ['Apply online', null],
      ['Take queue ticket', 1],
      ['Called to window', 1],
      ['Review', null],
      ['Take queue ticket', 2],
      ['Called to window', 2],
    ]);
    expect(journey.trips).toEqual([
      {
        trip: 1,
        location: 'H1',
        start: '2026-03-02T01:00:00.000Z',
        end: '2026-03-02T01:20:00.000Z',
      },
      {
        trip: 2,
        location: 'H1',
        start: '2026-03-05T01:00:00.000Z',
        end: '2026-03-05T01:10:00.000Z',
      },
    ]);
    expect(journey.leadTimeSeconds).toBe(3 * 86400 + 70 * 60); // 03-02 08:00 → 03-05 09:10
  });

  it('opens the timeline of a sampled citizen journey from the run', async () => {
    const { result } = await run(undefined, { journey: 'citizen+service' });
    const edge = result.insights?.edges.find(
      (e) => e.from === 'Take queue ticket' && e.to === 'Called to window',
    );
    // Three journeys pass there (K1 twice); the default sample size is 5, so all are sampled.
    expect(edge?.samples.map((s) => s.service).sort()).toEqual(['Licence', 'Permit', 'Permit']);
    const k1 = edge?.samples.find(
      (s) => s.start === Date.parse('2026-03-02T00:00:00Z'), // K1's online application
    );
    expect(k1).toBeDefined();
    const res = await getJson<JourneyTimelineDto>(
      `${api.url}/api/v1/datasets/${dataset.id}/journeys/${encodeURIComponent(k1?.key ?? '')}` +
        `/timeline?journey=citizen%2Bservice&service=${encodeURIComponent(k1?.service ?? '')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ journey: 'citizen+service', service: 'Permit' });
    expect(res.body.journeys.map((j) => [j.start, j.trips.length])).toEqual([
      ['2026-03-02T00:00:00.000Z', 2],
    ]);
  });

  it('answers 404 for a journey key without events', async () => {
    const res = await getJson<ProblemDetails>(
      `${api.url}/api/v1/datasets/${dataset.id}/journeys/NOPE/timeline`,
    );
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('journey.not-found');
  });
});
