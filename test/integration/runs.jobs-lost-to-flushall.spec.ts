/**
 * Redis is flushed (FLUSHALL) while runs are unfinished: their Bull jobs are gone, the rows still
 * say queued or running. An identical request does not join such a run as it is: the api queues
 * it again first. A worker already up notices within RECONCILE_INTERVAL_MS (not only when it
 * starts) and finishes every such run, queued or left `running` at 36%.
 * Redis is a private redis-server the test starts, flushes and stops (test/support/private-redis.ts).
 * Needs the built worker: `node tools/build.mjs server`.
 */
import { createJobQueue } from '@onetrip/backend';
import type { DatasetDto, RunDto } from '@onetrip/contracts';
import type { Queue } from 'bull';
import { Client } from 'pg';
import { getJson, postJson, uploadCsv } from '../support/http';
import { PrivateRedis, startPrivateRedis } from '../support/private-redis';
import {
  RunningApi,
  RunningProcess,
  TestDatabase,
  createTestDatabase,
  spawnWorker,
  startApi,
  testConfig,
  testEnv,
  waitForRun,
} from '../support/services';

describe('runs whose jobs were lost to FLUSHALL', () => {
  let redis: PrivateRedis;
  let db: TestDatabase;
  let env: Record<string, string>;
  let api: RunningApi;
  let queue: Queue;
  let sql: Client;
  let worker: RunningProcess | undefined;
  let datasetId: string;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    db = await createTestDatabase('runs_flushall');
    env = testEnv(db, { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '500' });
    api = await startApi(testConfig(db, env));
    queue = createJobQueue(testConfig(db, env));
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    datasetId = (await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'flushed' })).body
      .id;
    const upload = await uploadCsv(`${api.url}/api/v1/datasets/${datasetId}/uploads`, {
      name: 'two.csv',
      content: 'case_id,activity,timestamp\nA1,受理,2024-03-01 09:00\nA1,办结,2024-03-02 09:00\n',
    });
    expect(upload.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    await api?.close();
    await sql?.end();
    await db?.drop();
    await redis?.stop();
  }, 30_000);

  it('queues a stuck run again before an identical request joins it', async () => {
    const first = await postJson<RunDto>(`${api.url}/api/v1/datasets/${datasetId}/runs`, {});
    expect(first.status).toBe(202);
    const runId = first.body.id;
    // No worker yet. The flush takes the job; the row is left as a worker mid-run left it.
    await redis.client.flushall();
    await sql.query(`UPDATE mining_run SET status = 'running', progress = 0.36 WHERE id = $1`, [
      runId,
    ]);
    expect(await queue.getJob(runId)).toBeNull();

    const joined = await postJson<RunDto>(`${api.url}/api/v1/datasets/${datasetId}/runs`, {});
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ id: runId, status: 'queued', progress: 0 });
    expect(await (await queue.getJob(runId))?.getState()).toBe('waiting');

    worker = spawnWorker({ ...env, LOG_LEVEL: 'log' });
    await worker.waitFor(/worker ready/);
    expect(await waitForRun(api.url, runId, 30_000)).toMatchObject({ status: 'completed' });
  }, 60_000);

  it('finishes runs whose jobs a flush took while the worker was up', async () => {
    // The worker is up and idle; it reconciled when it started.
    const warm = await postJson<RunDto>(`${api.url}/api/v1/datasets/${datasetId}/runs`, {
      params: { tripGapSeconds: 3600 },
    });
    expect((await waitForRun(api.url, warm.body.id)).status).toBe('completed');

    await redis.client.flushall();
    // What a flush mid-run leaves: one run queued behind, one running at 36%, neither with a job.
    const version = (await getJson<DatasetDto>(`${api.url}/api/v1/datasets/${datasetId}`)).body
      .version;
    const rows = await sql.query<{ id: string }>(
      `INSERT INTO mining_run (dataset_id, dataset_version, params, params_hash, status, progress)
       VALUES ($1, $2, '{}', 'flushed-queued', 'queued', 0),
              ($1, $2, '{}', 'flushed-running', 'running', 0.36)
       RETURNING id`,
      [datasetId, version],
    );
    for (const { id } of rows.rows) {
      expect(await waitForRun(api.url, id, 30_000)).toMatchObject({
        status: 'completed',
        progress: 1,
      });
    }
    expect(worker?.output()).toMatch(/\(running\) had no job; re-enqueued/);
    expect(worker?.output()).toMatch(/\(queued\) had no job; re-enqueued/);

    // And the flushed queue takes new work as before.
    const after = await postJson<RunDto>(`${api.url}/api/v1/datasets/${datasetId}/runs`, {
      params: { tripGapSeconds: 1800 },
    });
    expect(after.status).toBe(202);
    expect((await waitForRun(api.url, after.body.id)).status).toBe('completed');
  }, 60_000);
});
