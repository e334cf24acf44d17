/**
 * Deleting an upload (DELETE /api/v1/uploads/:id) removes the events it added and its rejected
 * rows, keeps the other uploads' events, moves the dataset's version on and removes the dataset's
 * runs and results (they had mined those events) with their queued jobs. An upload that added
 * nothing new (every row a duplicate) leaves the runs alone. While an upload of the dataset is
 * still being read the deletion is refused with 409 and nothing changes. No worker runs here.
 */
import { createJobQueue } from '@onetrip/backend';
import type { DatasetDto, ProblemDetails, RunDto, UploadDto } from '@onetrip/contracts';
import type { Queue } from 'bull';
import { Client } from 'pg';
import { getJson, postJson, uploadCsv } from '../support/http';
import { apiSuite, testConfig } from '../support/services';

const MAPPING = { caseId: 'case', activity: 'activity', timestamp: 'time' };
const HEADER = 'case,activity,time\n';
// First file: 4 events of cases A and B, and one row without a time (rejected).
const FIRST =
  HEADER +
  'A,受理,2025-03-03 09:00\nA,办结,2025-03-04 10:00\n' +
  'B,受理,2025-03-03 11:00\nB,办结,2025-03-05 15:00\n' +
  'C,受理,\n';
// Second file: case C (2 events) and one row that repeats an event of the first (a duplicate).
const SECOND =
  HEADER + 'C,受理,2025-03-06 09:00\nC,办结,2025-03-07 09:00\nA,受理,2025-03-03 09:00\n';

describe('DELETE /api/v1/uploads/:id', () => {
  const suite = apiSuite('uploads-delete');
  let pg: Client;
  let queue: Queue;

  beforeAll(async () => {
    pg = new Client({ connectionString: suite.db.url });
    pg.on('error', () => undefined);
    await pg.connect();
    queue = createJobQueue(testConfig(suite.db));
  });
  afterAll(async () => {
    await queue?.close();
    await pg?.end();
  });

  const api = () => suite.api.url;
  const remove = (id: string) => fetch(`${api()}/api/v1/uploads/${id}`, { method: 'DELETE' });
  const one = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await pg.query<{ n: string }>(sql, params)).rows[0].n);

  async function datasetWithTwoUploads(name: string) {
    const dataset = (await postJson<DatasetDto>(`${api()}/api/v1/datasets`, { name })).body;
    const url = `${api()}/api/v1/datasets/${dataset.id}/uploads?maxRejectedRatio=0.5`;
    const first = await uploadCsv<UploadDto>(
      url,
      { name: 'first.csv', content: Buffer.from(FIRST) },
      MAPPING,
    );
    expect(first.body).toMatchObject({ status: 'completed', rowsAccepted: 4, rowsRejected: 1 });
    const second = await uploadCsv<UploadDto>(
      url,
      { name: 'second.csv', content: Buffer.from(SECOND) },
      MAPPING,
    );
    expect(second.body).toMatchObject({ status: 'completed', rowsAccepted: 2, rowsDuplicate: 1 });
    const run = await postJson<RunDto>(`${api()}/api/v1/datasets/${dataset.id}/runs`, {
      params: { journey: 'case', lifecycle: 'none' },
    });
    expect(run.status).toBe(202);
    await pg.query(`INSERT INTO mining_result (run_id, result) VALUES ($1, '{}')`, [run.body.id]);
    return { dataset, first: first.body, second: second.body, run: run.body };
  }

  const cases = async (datasetId: string): Promise<string[]> =>
    (
      await pg.query<{ case_id: string }>(
        'SELECT DISTINCT case_id FROM event WHERE dataset_id = $1 ORDER BY case_id',
        [datasetId],
      )
    ).rows.map((r) => r.case_id);

  it('removes the events it added and its rejected rows, the runs that mined them, and bumps the version', async () => {
    const { dataset, first, second, run } = await datasetWithTwoUploads('two files');
    const version = (await getJson<DatasetDto>(`${api()}/api/v1/datasets/${dataset.id}`)).body
      .version;
    expect(await cases(dataset.id)).toEqual(['A', 'B', 'C']);
    expect(await queue.getJob(run.id)).not.toBeNull();

    const res = await remove(first.id);
    expect(res.status).toBe(200);
    // The first upload's 4 events go, the repeat of A's first event with them (it was stored once,
    // as the first upload's); the second upload's 2 events of C stay.
    expect(await res.json()).toEqual({ eventsRemoved: 4, runsRemoved: 1 });
    expect(await cases(dataset.id)).toEqual(['C']);
    expect(await one('SELECT count(*) AS n FROM event WHERE dataset_id = $1', [dataset.id])).toBe(
      2,
    );
    expect(
      await one('SELECT count(*) AS n FROM rejected_row WHERE upload_id = $1', [first.id]),
    ).toBe(0);
    expect(await one('SELECT count(*) AS n FROM upload WHERE id = $1', [first.id])).toBe(0);
    expect(
      await one('SELECT count(*) AS n FROM mining_run WHERE dataset_id = $1', [dataset.id]),
    ).toBe(0);
    expect(await one('SELECT count(*) AS n FROM mining_result WHERE run_id = $1', [run.id])).toBe(
      0,
    );
    expect(
      await one('SELECT count(*) AS n FROM dataset_facets WHERE dataset_id = $1', [dataset.id]),
    ).toBe(0);
    expect(await queue.getJob(run.id)).toBeNull();

    const after = (await getJson<DatasetDto>(`${api()}/api/v1/datasets/${dataset.id}`)).body;
    expect(after.eventCount).toBe(2);
    expect(after.version).toBe(version + 1);
    const history = await getJson<{ id: string }[]>(
      `${api()}/api/v1/datasets/${dataset.id}/uploads`,
    );
    expect(history.body.map((u) => u.id)).toEqual([second.id]);
    expect((await getJson(`${api()}/api/v1/uploads/${first.id}`)).status).toBe(404);
    expect((await remove(first.id)).status).toBe(404);
  });

  it('leaves the runs alone when the upload added no event of its own', async () => {
    const { dataset, run } = await datasetWithTwoUploads('duplicates only');
    const url = `${api()}/api/v1/datasets/${dataset.id}/uploads?maxRejectedRatio=0.5`;
    const again = await uploadCsv<UploadDto>(
      url,
      { name: 'again.csv', content: Buffer.from(SECOND) },
      MAPPING,
    );
    expect(again.body).toMatchObject({ rowsAccepted: 0, rowsDuplicate: 3 });
    const version = (await getJson<DatasetDto>(`${api()}/api/v1/datasets/${dataset.id}`)).body
      .version;
    const res = await remove(again.body.id);
    expect(await res.json()).toEqual({ eventsRemoved: 0, runsRemoved: 0 });
    expect(await one('SELECT count(*) AS n FROM event WHERE dataset_id = $1', [dataset.id])).toBe(
      6,
    );
    expect(await one('SELECT count(*) AS n FROM mining_run WHERE id = $1', [run.id])).toBe(1);
    expect((await getJson<DatasetDto>(`${api()}/api/v1/datasets/${dataset.id}`)).body.version).toBe(
      version,
    );
  });

  it('refuses with 409 while an upload of the dataset is being read, and changes nothing', async () => {
    const { dataset, first } = await datasetWithTwoUploads('busy');
    const busy = (
      await pg.query<{ id: string }>(
        `INSERT INTO upload (dataset_id, file_name, status) VALUES ($1, 'big.csv', 'receiving') RETURNING id`,
        [dataset.id],
      )
    ).rows[0].id;
    // A live ingest holds its upload's advisory lock; without it the upload counts as interrupted.
    const holder = new Client({ connectionString: suite.db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(
        `SELECT pg_advisory_xact_lock(hashtext('onetrip.upload'), hashtext($1::text))`,
        [busy],
      );
      const events = await one('SELECT count(*) AS n FROM event WHERE dataset_id = $1', [
        dataset.id,
      ]);
      const res = await remove(first.id);
      expect(res.status).toBe(409);
      expect(((await res.json()) as ProblemDetails).code).toBe('upload.receiving');
      expect(await one('SELECT count(*) AS n FROM event WHERE dataset_id = $1', [dataset.id])).toBe(
        events,
      );
      expect(await one('SELECT count(*) AS n FROM upload WHERE id = $1', [first.id])).toBe(1);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it('answers 404 for an id that is not an upload', async () => {
    expect((await remove('not-a-uuid')).status).toBe(404);
    expect((await remove('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
