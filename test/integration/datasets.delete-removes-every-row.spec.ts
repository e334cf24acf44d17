/**
 * Deleting a dataset (DELETE /api/v1/datasets/:id) removes its rows from every table — events,
 * uploads, rejected rows, runs, results, facets, ingestion keys — and the jobs of its queued runs,
 * and leaves another dataset untouched. No worker runs here, so the runs stay queued with their
 * jobs waiting in Bull. While an upload is still being read the deletion is refused with 409.
 */
import { createJobQueue } from '@onetrip/backend';
import type { DatasetDto, ProblemDetails, RunDto, UploadDto } from '@onetrip/contracts';
import type { Queue } from 'bull';
import path from 'node:path';
import { Client } from 'pg';
import { getJson, postJson, readFixture, uploadCsv } from '../support/http';
import { FIXTURES, apiSuite, testConfig } from '../support/services';

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
};
// The fixture's 58 rows and one row without a time: 58 events and 1 rejected row per dataset.
const CONTENT = Buffer.concat([
  readFixture(FIXTURE),
  Buffer.from('BDC202499999,预约,,33010219810200111,不动产转移登记,online,,市不动产登记中心,\n'),
]);

/** Every table that holds rows of a dataset, and how to count one dataset's rows in it. */
const COUNTS: Record<string, string> = {
  dataset: 'SELECT count(*) FROM dataset WHERE id = $1',
  event: 'SELECT count(*) FROM event WHERE dataset_id = $1',
  upload: 'SELECT count(*) FROM upload WHERE dataset_id = $1',
  rejected_row:
    'SELECT count(*) FROM rejected_row r JOIN upload u ON u.id = r.upload_id WHERE u.dataset_id = $1',
  mining_run: 'SELECT count(*) FROM mining_run WHERE dataset_id = $1',
  mining_result:
    'SELECT count(*) FROM mining_result m JOIN mining_run r ON r.id = m.run_id WHERE r.dataset_id = $1',
  dataset_facets: 'SELECT count(*) FROM dataset_facets WHERE dataset_id = $1',
  ingestion_key: 'SELECT count(*) FROM ingestion_key WHERE dataset_id = $1',
};

describe('DELETE /api/v1/datasets/:id', () => {
  const suite = apiSuite('datasets-delete');
  let pg: Client;
  let queue: Queue;

  beforeAll(async () => {
    pg = new Client({ connectionString: suite.db.url });
    // The suite drops its database after this file's afterAll ran; ignore that disconnection.
    pg.on('error', () => undefined);
    await pg.connect();
    queue = createJobQueue(testConfig(suite.db));
  });
  afterAll(async () => {
    await queue?.close();
    await pg?.end();
  });

  const remove = (id: string) =>
    fetch(`${suite.api.url}/api/v1/datasets/${id}`, { method: 'DELETE' });

  const counts = async (id: string): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const [table, sql] of Object.entries(COUNTS)) {
      out[table] = Number((await pg.query<{ count: string }>(sql, [id])).rows[0].count);
    }
    return out;
  };

  /** A dataset with a row in every table, and the id of its queued run. */
  const filled = async (name: string): Promise<{ dataset: DatasetDto; run: RunDto }> => {
    const api = suite.api.url;
    const dataset = (await postJson<DatasetDto>(`${api}/api/v1/datasets`, { name })).body;
    const upload = await uploadCsv<UploadDto>(
      `${api}/api/v1/datasets/${dataset.id}/uploads`,
      { name: 'transfer.csv', content: CONTENT },
      MAPPING,
    );
    expect(upload.body).toMatchObject({ status: 'completed', rowsAccepted: 58, rowsRejected: 1 });
    expect((await getJson(`${api}/api/v1/datasets/${dataset.id}/facets`)).status).toBe(200);
    const key = await postJson(`${api}/api/v1/datasets/${dataset.id}/ingestion-keys`, {
      name: 'bot',
    });
    expect(key.status).toBe(201);
    const run = await postJson<RunDto>(`${api}/api/v1/datasets/${dataset.id}/runs`, {
      params: { journey: 'case', lifecycle: 'none' },
    });
    expect(run.status).toBe(202);
    // No worker here: a result is stored by hand so that the mining_result table has a row too.
    await pg.query(`INSERT INTO mining_result (run_id, result) VALUES ($1, '{}')`, [run.body.id]);
    return { dataset, run: run.body };
  };

  it('removes the rows of that dataset from every table and its queued job, and nothing else', async () => {
    const gone = await filled('to delete');
    const kept = await filled('to keep');
    const full = { dataset: 1, event: 58, upload: 1, rejected_row: 1, mining_run: 1 };
    expect(await counts(gone.dataset.id)).toEqual({
      ...full,
      mining_result: 1,
      dataset_facets: 1,
      ingestion_key: 1,
    });
    const keptBefore = await counts(kept.dataset.id);
    expect(await queue.getJob(gone.run.id)).not.toBeNull();

    const res = await remove(gone.dataset.id);
    expect(res.status).toBe(204);

    expect(await counts(gone.dataset.id)).toEqual(
      Object.fromEntries(Object.keys(COUNTS).map((table) => [table, 0])),
    );
    expect(await queue.getJob(gone.run.id)).toBeNull();
    expect(await counts(kept.dataset.id)).toEqual(keptBefore);
    expect(await queue.getJob(kept.run.id)).not.toBeNull();
    const list = await getJson<DatasetDto[]>(`${suite.api.url}/api/v1/datasets`);
    expect(list.body.map((d) => d.id)).toEqual([kept.dataset.id]);

    const again = await getJson<ProblemDetails>(
      `${suite.api.url}/api/v1/datasets/${gone.dataset.id}`,
    );
    expect(again.status).toBe(404);
    expect((await remove(gone.dataset.id)).status).toBe(404);
  });

  it('refuses with 409 while an upload is still being read, and deletes nothing', async () => {
    const { dataset } = await filled('busy');
    await pg.query(
      `INSERT INTO upload (dataset_id, file_name, status) VALUES ($1, 'big.csv', 'receiving')`,
      [dataset.id],
    );
    const before = await counts(dataset.id);
    const res = await remove(dataset.id);
    expect(res.status).toBe(409);
    const problem = (await res.json()) as ProblemDetails;
    expect(problem.code).toBe('dataset.ingesting');
    expect(await counts(dataset.id)).toEqual(before);
  });

  it('answers 404 for an id that is not a dataset', async () => {
    expect((await remove('not-a-uuid')).status).toBe(404);
    expect((await remove('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
