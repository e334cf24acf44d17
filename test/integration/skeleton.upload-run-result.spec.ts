/**
 * The walking skeleton end to end: a real estate transfer log (12 applications at a city service
 * hall, column names that need a mapping) is uploaded through the HTTP API, mined by a worker in
 * another process, and the process map comes back with the counts worked out by hand below.
 */
import type {
  DatasetDto,
  RunDto,
  RunResultDto,
  UploadDto,
  HealthDto,
  ProblemDetails,
} from '@onetrip/contracts';
import path from 'node:path';
import { Client } from 'pg';
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

const FIXTURE = path.join(FIXTURES, 'ok', 'real-estate-transfer.csv');
const MAPPING = {
  caseId: 'application_no',
  activity: 'activity',
  timestamp: 'step_time',
  citizen: 'citizen_id',
  service: 'service',
  channel: 'channel',
  location: 'hall',
  department: 'department',
  resource: 'operator',
};

// The fixture's four variants (预约 book, 受理 accept, 补正材料 supplement materials, 审核 review,
// 办结 complete, 领证 collect certificate):
//   预约 受理 审核 办结 领证            × 5
//   预约 受理 补正材料 受理 审核 办结 领证 × 2
//   受理 审核 办结                     × 3
//   预约 受理 补正材料 审核 办结         × 2
// 58 events in 12 cases, hence 46 directly-follows pairs:
const EXPECTED_DFG = [
  '办结→领证 7', // 5 + 2
  '受理→审核 10', // 5 + 2 + 3
  '受理→补正材料 4', // 2 + 2
  '审核→办结 12', // every case
  '补正材料→受理 2',
  '补正材料→审核 2',
  '预约→受理 9', // 5 + 2 + 2
];

describe('a real estate transfer log goes from upload to process map', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningProcess;
  let dataset: DatasetDto;
  let firstRun: RunDto;
  const runParams = { journey: 'case', lifecycle: 'none' };

  beforeAll(async () => {
    db = await createTestDatabase('skeleton');
    await cleanQueue(db.name);
    worker = spawnWorker(testEnv(db, { LOG_LEVEL: 'log' }));
    api = await startApi(testConfig(db));
    await worker.waitFor(/worker ready/);
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

  it('reports PostgreSQL and Redis as up', async () => {
    const res = await getJson<HealthDto>(`${api.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  });

  it('creates a dataset that reads local times in Asia/Shanghai', async () => {
    const res = await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, {
      name: '不动产转移登记 2024 Q1',
    });
    expect(res.status).toBe(201);
    dataset = res.body;
    expect(dataset).toMatchObject({
      timezone: 'Asia/Shanghai',
      version: 0,
      eventCount: 0,
      mapping: null,
    });
    const list = await getJson<DatasetDto[]>(`${api.url}/api/v1/datasets`);
    expect(list.body.map((d) => d.id)).toContain(dataset.id);
  });

  it('imports every row through the column mapping and keeps no raw citizen id', async () => {
    const res = await uploadCsv<UploadDto>(
      `${api.url}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'real-estate-transfer.csv', content: readFixture(FIXTURE) },
      MAPPING,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'completed',
      fileName: 'real-estate-transfer.csv',
      rowsRead: 58,
      rowsAccepted: 58,
      rowsRejected: 0,
      rowsDuplicate: 0,
      rejected: [],
    });
    expect(res.body.bytes).toBe(readFixture(FIXTURE).length);
    const again = await getJson<UploadDto>(`${api.url}/api/v1/uploads/${res.body.id}`);
    expect(again.body).toEqual(res.body);

    const after = await getJson<DatasetDto>(`${api.url}/api/v1/datasets/${dataset.id}`);
    expect(after.body).toMatchObject({ version: 1, eventCount: 58 });
    expect(after.body.mapping).toMatchObject(MAPPING);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ citizens: string; raw: string; first: Date }>(
        `SELECT count(DISTINCT citizen_key) AS citizens,
                count(*) FILTER (WHERE citizen_key LIKE '3301%') AS raw,
                min(ts) AS first
         FROM event WHERE dataset_id = $1`,
        [dataset.id],
      );
      expect(rows[0]).toMatchObject({ citizens: '12', raw: '0' });
      // "2024-03-05 09:17:00" in Asia/Shanghai is 01:17 UTC.
      expect(rows[0]?.first.toISOString()).toBe('2024-03-05T01:17:00.000Z');
    } finally {
      await pg.end();
    }
  });

  it('mines the directly-follows graph, activities and variants worked out by hand', async () => {
    const created = await postJson<RunDto>(`${api.url}/api/v1/datasets/${dataset.id}/runs`, {
      params: runParams,
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'queued', datasetVersion: 1, cached: false });
    firstRun = await waitForRun(api.url, created.body.id);
    expect(firstRun).toMatchObject({ status: 'completed', progress: 1, error: null });

    const res = await getJson<RunResultDto>(`${api.url}/api/v1/runs/${firstRun.id}/result`);
    expect(res.status).toBe(200);
    const { result } = res.body;
    expect(result.dfg.map((e) => `${e.from}→${e.to} ${e.count}`).sort()).toEqual(EXPECTED_DFG);
    expect(result.summary).toMatchObject({ events: 58, cases: 12 });
    expect(Object.fromEntries(result.activities.map((a) => [a.activity, a.count]))).toEqual({
      预约: 9,
      受理: 14,
      补正材料: 4,
      审核: 12,
      办结: 12,
      领证: 7,
    });
    expect(result.startActivities.map((a) => `${a.activity} ${a.count}`).sort()).toEqual([
      '受理 3',
      '预约 9',
    ]);
    expect(result.endActivities.map((a) => `${a.activity} ${a.count}`).sort()).toEqual([
      '办结 5',
      '领证 7',
    ]);
    expect(result.variants.map((v) => `${v.activities.join(' ')} ${v.count}`).sort()).toEqual([
      '受理 审核 办结 3',
      '预约 受理 审核 办结 领证 5',
      '预约 受理 补正材料 受理 审核 办结 领证 2',
      '预约 受理 补正材料 审核 办结 2',
    ]);
  });

  it('answers an identical run on the unchanged dataset from the cache', async () => {
    const res = await postJson<RunDto>(`${api.url}/api/v1/datasets/${dataset.id}/runs`, {
      params: { lifecycle: 'none', journey: 'case' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: firstRun.id, status: 'completed', cached: true });
    const runs = await getJson<RunDto[]>(`${api.url}/api/v1/datasets/${dataset.id}/runs`);
    expect(runs.body.map((r) => r.id)).toEqual([firstRun.id]);
  });

  it('adds nothing when the same file is uploaded again, and reports the duplicates', async () => {
    // No mapping this time: the one saved with the dataset applies.
    const res = await uploadCsv<UploadDto>(`${api.url}/api/v1/datasets/${dataset.id}/uploads`, {
      name: 'real-estate-transfer.csv',
      content: readFixture(FIXTURE),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'completed',
      rowsRead: 58,
      rowsAccepted: 0,
      rowsDuplicate: 58,
    });
    const after = await getJson<DatasetDto>(`${api.url}/api/v1/datasets/${dataset.id}`);
    expect(after.body).toMatchObject({ version: 1, eventCount: 58 });
  });

  it('starts a new run once the dataset has changed', async () => {
    const extra =
      'application_no,activity,step_time,citizen_id,service,channel,hall,department,operator\n' +
      'BDC2024099999,受理,2024-04-01 09:00:00,,不动产转移登记,window,杭州市民中心B座一楼,市不动产登记中心,窗口张敏\n';
    const upload = await uploadCsv<UploadDto>(`${api.url}/api/v1/datasets/${dataset.id}/uploads`, {
      name: 'late-arrival.csv',
      content: extra,
    });
    expect(upload.body).toMatchObject({ rowsAccepted: 1, rowsDuplicate: 0 });
    const res = await postJson<RunDto>(`${api.url}/api/v1/datasets/${dataset.id}/runs`, {
      params: runParams,
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ datasetVersion: 2, cached: false });
    expect(res.body.id).not.toBe(firstRun.id);
    const done = await waitForRun(api.url, res.body.id);
    expect(done.status).toBe('completed');
    const result = await getJson<RunResultDto>(`${api.url}/api/v1/runs/${res.body.id}/result`);
    expect(result.body.result.summary).toMatchObject({ events: 59, cases: 13 });
  });

  it('describes itself in OpenAPI at /api/docs', async () => {
    const page = await fetch(`${api.url}/api/docs`);
    expect(page.status).toBe(200);
    const doc = await getJson<{ paths: Record<string, unknown> }>(
      `${api.url}/api/docs/openapi.json`,
    );
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      '/api/health',
      '/api/v1/audit',
      '/api/v1/auth/link/{token}',
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/v1/auth/methods',
      '/api/v1/auth/oidc/callback',
      '/api/v1/auth/oidc/login',
      '/api/v1/auth/password',
      '/api/v1/datasets',
      '/api/v1/datasets/{id}',
      '/api/v1/datasets/{id}/access',
      '/api/v1/datasets/{id}/deadlines/limits',
      '/api/v1/datasets/{id}/events',
      '/api/v1/datasets/{id}/facets',
      '/api/v1/datasets/{id}/goals',
      '/api/v1/datasets/{id}/goals/{goalId}',
      '/api/v1/datasets/{id}/goals/{goalId}/history',
      '/api/v1/datasets/{id}/ingestion-keys',
      '/api/v1/datasets/{id}/ingestion-keys/{keyId}',
      '/api/v1/datasets/{id}/journeys/{key}/timeline',
      '/api/v1/datasets/{id}/report',
      '/api/v1/datasets/{id}/runs',
      '/api/v1/datasets/{id}/uploads',
      '/api/v1/datasets/{id}/uploads/preview',
      '/api/v1/runs/{id}',
      '/api/v1/runs/{id}/cancel',
      '/api/v1/runs/{id}/events',
      '/api/v1/runs/{id}/result',
      '/api/v1/uploads/{id}',
      '/api/v1/uploads/{id}/rejected.csv',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/users/{id}/password',
    ]);
  });

  it('answers unknown ids with problem details', async () => {
    const res = await getJson<ProblemDetails>(
      `${api.url}/api/v1/runs/00000000-0000-4000-8000-000000000000`,
    );
    expect(res.status).toBe(404);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'run.not-found' });
    const notUuid = await getJson<ProblemDetails>(`${api.url}/api/v1/datasets/nope`);
    expect(notUuid.body).toMatchObject({ status: 404, code: 'dataset.not-found' });
  });
});
