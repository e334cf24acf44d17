/**
 * Redis is unreachable: the api stays up and says so, uploads still work, and a requested run is
 * recorded as queued (503 queue.unavailable) instead of being lost. A worker started later, with
 * Redis back, finds the queued run without a job and finishes it.
 */
import type { DatasetDto, HealthDto, ProblemDetails, RunDto, UploadDto } from '@onetrip/contracts';
import { getJson, postJson, uploadCsv } from '../support/http';
import {
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

describe('runs requested while Redis is down', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let worker: RunningProcess | undefined;
  let runId: string;

  beforeAll(async () => {
    db = await createTestDatabase('redis_down');
    // Port 9 (discard) on localhost: nothing listens, connections are refused.
    api = await startApi(testConfig(db, { REDIS_URL: 'redis://127.0.0.1:9', LOG_LEVEL: 'error' }));
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await worker?.stop();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  }, 30_000);

  it('reports Redis down and PostgreSQL up with 503', async () => {
    const res = await getJson<HealthDto>(`${api.url}/api/health`);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'error', checks: { postgres: 'up', redis: 'down' } });
  });

  it('keeps the run as queued and says the queue is unavailable', async () => {
    const dataset = (await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'offline' }))
      .body;
    const upload = await uploadCsv<UploadDto>(`${api.url}/api/v1/datasets/${dataset.id}/uploads`, {
      name: 'two.csv',
      content: 'case_id,activity,timestamp\nA1,受理,2024-03-01 09:00\nA1,办结,2024-03-02 09:00\n',
    });
    expect(upload.body).toMatchObject({ status: 'completed', rowsAccepted: 2 });

    const res = await postJson<ProblemDetails>(`${api.url}/api/v1/datasets/${dataset.id}/runs`, {});
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'queue.unavailable' });
    runId = (res.body.instance ?? '').split('/').pop() ?? '';
    const run = await getJson<RunDto>(`${api.url}/api/v1/runs/${runId}`);
    expect(run.body).toMatchObject({ status: 'queued', progress: 0 });
  }, 20_000);

  it('is finished by a worker that starts once Redis is back', async () => {
    worker = spawnWorker(testEnv(db, { LOG_LEVEL: 'log' }));
    await worker.waitFor(/worker ready: .*1 run\(s\) re-enqueued/);
    const run = await waitForRun(api.url, runId);
    expect(run).toMatchObject({ status: 'completed', progress: 1 });
  }, 40_000);
});
