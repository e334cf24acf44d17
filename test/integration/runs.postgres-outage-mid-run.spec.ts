/**
 * PostgreSQL goes away while the worker streams a run's events. A short outage is survived: the
 * job's tries are spread out (exponential backoff) instead of spent in a second, and the run
 * completes once the database is back. An outage longer than all the tries fails the run with
 * the reason, written by the reconciler when the database returns (the worker could not write it
 * during the outage), instead of leaving it `running` forever.
 *
 * The outage is a TCP proxy between the worker and the shared PostgreSQL
 * (test/support/tcp-proxy.ts), severed when the worker sends its mining `COPY`; the api and the
 * test talk to PostgreSQL directly. Backoff and reconcile interval are shortened for the test
 * (JOB_ATTEMPTS=4, JOB_BACKOFF_MS=1000: tries at 0, 1, 3 and 7 s).
 * Needs the built worker: `node tools/build.mjs server`.
 */
import { createJobQueue } from '@onetrip/backend';
import type { DatasetDto, RunDto } from '@onetrip/contracts';
import type { Queue } from 'bull';
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
import { TcpProxy, startTcpProxy } from '../support/tcp-proxy';

/** For api (which queues the jobs, with these tries) and worker alike. */
const RETRIES = { JOB_ATTEMPTS: '4', JOB_BACKOFF_MS: '1000', RECONCILE_INTERVAL_MS: '500' };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL lost in the middle of a run', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let api: RunningApi;
  let worker: RunningProcess | undefined;
  let queue: Queue;
  let datasetId: string;

  beforeAll(async () => {
    db = await createTestDatabase('pg_outage_run');
    await cleanQueue(db.name);
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    api = await startApi(testConfig(db, RETRIES));
    queue = createJobQueue(testConfig(db, RETRIES));
    const dataset = (await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'runs' }))
      .body;
    datasetId = dataset.id;
    const lines = ['case_id,activity,timestamp'];
    for (let i = 0; i < 300; i += 1) {
      lines.push(`C${i},受理,2024-03-01 09:00`, `C${i},办结,2024-03-02 09:00`);
    }
    const upload = await uploadCsv(`${api.url}/api/v1/datasets/${datasetId}/uploads`, {
      name: 'runs.csv',
      content: lines.join('\n') + '\n',
    });
    expect(upload.status).toBe(201);
    worker = spawnWorker(
      testEnv(db, {
        DATABASE_URL: proxy.via(db.url),
        LOG_LEVEL: 'log',
        ...RETRIES,
      }),
    );
    await worker.waitFor(/worker ready/);
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    await api?.close();
    await proxy?.close();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  }, 30_000);

  it('completes the run when the database is back within the tries', async () => {
    const severed = proxy.downOn('COPY (SELECT');
    const res = await postJson<RunDto>(`${api.url}/api/v1/datasets/${datasetId}/runs`, {});
    expect(res.status).toBe(202);
    await severed;
    await sleep(1000);
    // Down: the run is unfinished, not failed, and the worker is alive.
    const during = await getJson<RunDto>(`${api.url}/api/v1/runs/${res.body.id}`);
    expect(['queued', 'running']).toContain(during.body.status);
    expect(worker?.child.exitCode).toBeNull();

    await proxy.up();
    const run = await waitForRun(api.url, res.body.id, 30_000);
    expect(run).toMatchObject({ status: 'completed', progress: 1 });
    const result = await getJson<{ result: { summary: { events: number } } }>(
      `${api.url}/api/v1/runs/${res.body.id}/result`,
    );
    expect(result.body.result.summary.events).toBe(600);
    expect(worker?.output()).toMatch(/failed \(attempt 1\/4\)/);
  }, 60_000);

  it('fails the run with the reason once the database is back after the last try', async () => {
    const severed = proxy.downOn('COPY (SELECT');
    const res = await postJson<RunDto>(`${api.url}/api/v1/datasets/${datasetId}/runs`, {
      params: { tripGapSeconds: 7200 },
    });
    expect(res.status).toBe(202);
    const runId = res.body.id;
    await severed;
    // Wait until Bull has spent the four tries (about 7 s).
    for (let i = 0; ; i += 1) {
      const state = await (await queue.getJob(runId))?.getState();
      if (state === 'failed') break;
      if (i > 200) throw new Error(`job still ${String(state)}`);
      await sleep(100);
    }
    // The worker could not record that: the row still says running (the state of the report).
    expect((await getJson<RunDto>(`${api.url}/api/v1/runs/${runId}`)).body.status).toBe('running');

    await proxy.up();
    const run = await waitForRun(api.url, runId, 30_000);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/ECONNREFUSED|ECONNRESET|Connection terminated|not queryable/);
    // The reconciler updates the row before it logs: the line may arrive just after the GET.
    await worker?.waitFor(/its job had failed; run marked failed/, 10_000);

    // Not joined: the same request records a new run, which completes.
    const again = await postJson<RunDto>(`${api.url}/api/v1/datasets/${datasetId}/runs`, {
      params: { tripGapSeconds: 7200 },
    });
    expect(again.status).toBe(202);
    expect(again.body.id).not.toBe(runId);
    expect(await waitForRun(api.url, again.body.id, 30_000)).toMatchObject({ status: 'completed' });
    expect(worker?.child.exitCode).toBeNull();
  }, 60_000);
});
