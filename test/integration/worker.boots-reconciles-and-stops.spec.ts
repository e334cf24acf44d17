/**
 * The built worker starts against the real PostgreSQL and Redis, finds a run that is marked
 * queued but whose Bull job is gone (as after a Redis restart), queues and finishes it, and stops
 * cleanly on SIGTERM.
 */
import { Client } from 'pg';
import {
  RunningProcess,
  TestDatabase,
  cleanQueue,
  createTestDatabase,
  spawnWorker,
  testEnv,
} from '../support/services';

describe('the worker process', () => {
  let db: TestDatabase;
  let pg: Client;
  let worker: RunningProcess | undefined;
  let runId: string;

  beforeAll(async () => {
    db = await createTestDatabase('worker_boot');
    await cleanQueue(db.name);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    // A dataset with two events and a queued run, written straight to the database: no job exists.
    const dataset = await pg.query<{ id: string }>(
      `INSERT INTO dataset (name, version, event_count) VALUES ('orphaned run', 1, 2) RETURNING id`,
    );
    const datasetId = dataset.rows[0]?.id ?? '';
    await pg.query(
      `INSERT INTO event (dataset_id, identity, case_id, activity, ts, line)
       VALUES ($1, 'a', 'C1', '受理', '2024-03-01T01:00:00Z', 2),
              ($1, 'b', 'C1', '办结', '2024-03-02T01:00:00Z', 3)`,
      [datasetId],
    );
    const run = await pg.query<{ id: string }>(
      `INSERT INTO mining_run (dataset_id, dataset_version, params, params_hash, status)
       VALUES ($1, 1, '{}', 'x', 'queued') RETURNING id`,
      [datasetId],
    );
    runId = run.rows[0]?.id ?? '';
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await pg?.end();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  });

  it('boots, re-enqueues the orphaned run, mines it and exits 0 on SIGTERM', async () => {
    worker = spawnWorker(testEnv(db, { LOG_LEVEL: 'log' }));
    await worker.waitFor(/worker ready: .*1 run\(s\) re-enqueued/);

    const deadline = Date.now() + 30_000;
    let status = 'queued';
    while (status !== 'completed' && status !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      const r = await pg.query<{ status: string }>('SELECT status FROM mining_run WHERE id = $1', [
        runId,
      ]);
      status = r.rows[0]?.status ?? 'missing';
    }
    expect(status).toBe('completed');
    const result = await pg.query<{ result: { summary: { events: number } } }>(
      'SELECT result FROM mining_result WHERE run_id = $1',
      [runId],
    );
    expect(result.rows[0]?.result.summary.events).toBe(2);

    const exit = await worker.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toMatch(/worker stopped/);
  }, 60_000);
});
