/**
 * A run split into 4 shards (SHARD_EVENTS forcing it) gives exactly the result of the same events
 * mined as one shard, for case and for citizen+service journeys; two worker processes share the
 * shards; a shard that fails once after storing its partial is retried, overwrites its partial and
 * is counted once; a cancelled run stops, keeps no shard rows and no result; the run's event
 * stream sends progress and then done. Needs the built worker: `node tools/build.mjs server`.
 */
import { createJobQueue, shardJobId } from '@onetrip/backend';
import type { DatasetDto, RunDto, RunResultDto } from '@onetrip/contracts';
import { resolveOptions, simulate, toCsv } from '@onetrip/simulator';
import { Client } from 'pg';
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

const CASE = { params: { journey: 'case' } } as const;
const CITIZEN = { params: { journey: 'citizen+service', inPerson: ['hall'] } } as const;

describe('a run split into shards', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let sql: Client;
  const workers: RunningProcess[] = [];
  /** The same CSV uploaded thrice: `one` is mined as one shard, `four` and `lost` as four. */
  let one: DatasetDto;
  let four: DatasetDto;
  let lost: DatasetDto;

  const startRun = async (datasetId: string, body: object): Promise<RunDto> => {
    const created = await postJson<RunDto>(`${api.url}/api/v1/datasets/${datasetId}/runs`, body);
    expect([200, 202]).toContain(created.status);
    return created.body;
  };
  const mined = async (datasetId: string, body: object) => {
    const run = await waitForRun(api.url, (await startRun(datasetId, body)).id);
    expect({ status: run.status, error: run.error }).toEqual({ status: 'completed', error: null });
    const result = await getJson<RunResultDto>(`${api.url}/api/v1/runs/${run.id}/result`);
    return { run, result: result.body.result };
  };
  const shardRows = async (runId: string) =>
    (
      await sql.query<{
        shard_no: number;
        status: string;
        attempts: number;
        worker: string | null;
        has_partial: boolean;
      }>(
        `SELECT shard_no, status, attempts, worker, partial IS NOT NULL AS has_partial
         FROM run_shard WHERE run_id = $1 ORDER BY shard_no`,
        [runId],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase('runs_sharded');
    await cleanQueue(db.name);
    api = await startApi(testConfig(db));
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const csv = [...toCsv(simulate(resolveOptions({ journeys: 2000, seed: 'shards' })))].join('');
    for (const name of ['one shard', 'four shards', 'lost shard jobs']) {
      const made = await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name });
      const upload = await uploadCsv(
        `${api.url}/api/v1/datasets/${made.body.id}/uploads`,
        {
          name: 'simulated.csv',
          content: csv,
        },
        { citizen: 'citizen_id' },
      );
      expect(upload.status).toBe(201);
    }
    const list = await getJson<DatasetDto[]>(`${api.url}/api/v1/datasets`);
    one = list.body.find((d) => d.name === 'one shard')!;
    four = list.body.find((d) => d.name === 'four shards')!;
    lost = list.body.find((d) => d.name === 'lost shard jobs')!;
    expect(one.eventCount).toBe(four.eventCount);
    expect(one.eventCount).toBeGreaterThan(4000);
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) await w.stop();
    await api?.close();
    await sql?.end();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  }, 60_000);

  let wholeCase: RunResultDto['result'];
  let wholeCitizen: RunResultDto['result'];

  it('mines a dataset of fewer than SHARD_EVENTS events as one shard, as before', async () => {
    const worker = spawnWorker(testEnv(db, { LOG_LEVEL: 'log' }));
    await worker.waitFor(/worker ready/);
    try {
      const byCase = await mined(one.id, CASE);
      wholeCase = byCase.result;
      wholeCitizen = (await mined(one.id, CITIZEN)).result;
      expect(byCase.run).toMatchObject({ shards: 1, shardsDone: 0, rowsRead: one.eventCount });
      expect(await shardRows(byCase.run.id)).toEqual([]);
      expect(wholeCase.summary.events).toBe(one.eventCount);
    } finally {
      expect((await worker.stop()).code).toBe(0);
    }
  }, 120_000);

  it('cancels a run mined as one shard mid-way: it stops and stores nothing', async () => {
    const worker = spawnWorker(testEnv(db, { LOG_LEVEL: 'log', TEST_SHARD_BATCH_DELAY_MS: '250' }));
    await worker.waitFor(/worker ready/);
    try {
      const run = await startRun(one.id, { params: { journey: 'citizen' } });
      let now = run;
      while (!(now.status === 'running' && (now.rowsRead ?? 0) > 0)) {
        await new Promise((r) => setTimeout(r, 50));
        now = (await getJson<RunDto>(`${api.url}/api/v1/runs/${run.id}`)).body;
        expect(now.status).not.toBe('completed');
      }
      expect(now.shards).toBe(1);
      const cancelled = await postJson<RunDto>(`${api.url}/api/v1/runs/${run.id}/cancel`, {});
      expect(cancelled.body.status).toBe('cancelled');
      await worker.waitFor(new RegExp(`run ${run.id} is no longer running; mining stops`), 10_000);
      expect((await getJson<RunDto>(`${api.url}/api/v1/runs/${run.id}`)).body.status).toBe(
        'cancelled',
      );
      const results = await sql.query(`SELECT 1 FROM mining_result WHERE run_id = $1`, [run.id]);
      expect(results.rowCount).toBe(0);
    } finally {
      expect((await worker.stop()).code).toBe(0);
    }
  }, 120_000);

  describe('with two workers and SHARD_EVENTS forcing 4 shards', () => {
    beforeAll(async () => {
      const env = testEnv(db, {
        LOG_LEVEL: 'log',
        SHARD_EVENTS: String(Math.ceil(four.eventCount / 4)),
        MAX_SHARDS: '4',
        TEST_FAIL_SHARD_ONCE: '2',
        TEST_SHARD_BATCH_DELAY_MS: '250',
        JOB_BACKOFF_MS: '100',
        RECONCILE_INTERVAL_MS: '1000',
      });
      workers.push(spawnWorker(env), spawnWorker(env));
      for (const w of workers) await w.waitFor(/worker ready/);
    }, 60_000);

    it('gives exactly the one-shard result, for case and citizen+service journeys', async () => {
      const byCase = await mined(four.id, CASE);
      const byCitizen = await mined(four.id, CITIZEN);
      expect(JSON.stringify(byCase.result)).toBe(JSON.stringify(wholeCase));
      expect(JSON.stringify(byCitizen.result)).toBe(JSON.stringify(wholeCitizen));
      for (const { run } of [byCase, byCitizen]) {
        expect(run).toMatchObject({ shards: 4, shardsDone: 4, rowsRead: four.eventCount });
        const rows = await shardRows(run.id);
        expect(rows.map((r) => [r.shard_no, r.status, r.has_partial])).toEqual([
          [0, 'done', false],
          [1, 'done', false],
          [2, 'done', false],
          [3, 'done', false],
        ]);
        // Shard 2 failed once after storing its partial: retried, stored again, counted once.
        expect(rows.map((r) => r.attempts)).toEqual([1, 1, 2, 1]);
      }
      const pids = new Set(
        [...(await shardRows(byCase.run.id)), ...(await shardRows(byCitizen.run.id))].map((r) =>
          r.worker?.split(':').pop(),
        ),
      );
      expect(pids).toEqual(new Set(workers.map((w) => String(w.child.pid))));
    }, 120_000);

    it('streams progress events and then done', async () => {
      const run = await startRun(four.id, { params: { journey: 'citizen' } });
      const res = await fetch(`${api.url}/api/v1/runs/${run.id}/events`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const text = await res.text(); // the stream ends after `done`
      const events = text
        .split('\n\n')
        .filter((block) => block.includes('event: '))
        .map((block) => ({
          type: /event: (\w+)/.exec(block)![1],
          run: JSON.parse(/data: (.*)/.exec(block)![1]) as RunDto,
        }));
      const types = events.map((e) => e.type);
      expect(types[types.length - 1]).toBe('done');
      expect(types.slice(0, -1).every((t) => t === 'progress')).toBe(true);
      expect(types.filter((t) => t === 'progress').length).toBeGreaterThanOrEqual(2);
      expect(events.some((e) => e.run.status === 'running' && e.run.rowsRead! > 0)).toBe(true);
      expect(events[events.length - 1].run).toMatchObject({ status: 'completed', shardsDone: 4 });
    }, 120_000);

    it('cancels mid-run: status cancelled, no shard rows or partials, no result', async () => {
      const run = await startRun(four.id, { params: { journey: 'case', lifecycle: 'none' } });
      let now = run;
      while (!(now.status === 'running' && (now.rowsRead ?? 0) > 0)) {
        await new Promise((r) => setTimeout(r, 50));
        now = (await getJson<RunDto>(`${api.url}/api/v1/runs/${run.id}`)).body;
        expect(now.status).not.toBe('completed');
      }
      expect(now.shardsDone).toBeLessThan(4);
      const cancelled = await postJson<RunDto>(`${api.url}/api/v1/runs/${run.id}/cancel`, {});
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      // Running shards notice at their next progress write and stop; nothing is stored after.
      await Promise.any(workers.map((w) => w.waitFor(/no longer running; shard \d stops/, 10_000)));
      await new Promise((r) => setTimeout(r, 1500));
      expect((await getJson<RunDto>(`${api.url}/api/v1/runs/${run.id}`)).body.status).toBe(
        'cancelled',
      );
      expect(await shardRows(run.id)).toEqual([]);
      const results = await sql.query(`SELECT 1 FROM mining_result WHERE run_id = $1`, [run.id]);
      expect(results.rowCount).toBe(0);
      const result = await getJson<{ code: string }>(`${api.url}/api/v1/runs/${run.id}/result`);
      expect(result.status).toBe(409);
      const again = await postJson<RunDto>(`${api.url}/api/v1/runs/${run.id}/cancel`, {});
      expect(again.body.status).toBe('cancelled');
    }, 120_000);

    it('queues a shard again when its Bull job vanished, and still gives the one-shard result', async () => {
      const queue = createJobQueue(testConfig(db));
      try {
        const run = await startRun(lost.id, CASE);
        let now = run;
        while (now.shards === null || now.shards === undefined) {
          await new Promise((r) => setTimeout(r, 20));
          now = (await getJson<RunDto>(`${api.url}/api/v1/runs/${run.id}`)).body;
        }
        // Two workers mine two shards; the jobs of the others wait. Take them away, as a Redis
        // restart without persistence would.
        const removed: number[] = [];
        const states: string[] = [];
        for (let shard = 0; shard < 4; shard += 1) {
          const job = await queue.getJob(shardJobId(run.id, shard));
          const state = job ? await job.getState() : 'missing';
          states.push(state);
          if (job && state === 'waiting') {
            await job.remove();
            removed.push(shard);
          }
        }
        expect(states).toContain('waiting');
        const done = await waitForRun(api.url, run.id);
        expect(done).toMatchObject({ status: 'completed', shardsDone: 4 });
        const result = await getJson<RunResultDto>(`${api.url}/api/v1/runs/${run.id}/result`);
        expect(JSON.stringify(result.body.result)).toBe(JSON.stringify(wholeCase));
        const output = workers.map((w) => w.output()).join('\n');
        for (const shard of removed) {
          expect(output).toContain(`run ${run.id}: shard ${shard + 1}/4`);
        }
        expect(output).toMatch(new RegExp(`run ${run.id} \\(running\\) had no job; re-enqueued`));
      } finally {
        await queue.close();
      }
    }, 120_000);

    it('refuses to cancel a completed run (409 run.finished)', async () => {
      const done = await mined(four.id, CASE); // cached: the run of the first test
      const answer = await postJson<{ code: string }>(
        `${api.url}/api/v1/runs/${done.run.id}/cancel`,
        {},
      );
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('run.finished');
    }, 60_000);
  });
});
