/**
 * Five identical uploads sent at the same moment into an empty dataset: ingests into one dataset
 * take turns (the dataset row is locked), and each one after the first finds the rows the
 * previous one committed while it waited, so it answers like any repeated upload: completed, its
 * rows counted as duplicates. The dataset holds the rows once. (Before, every ingest but the first
 * still took the dataset for empty and failed with 500, duplicate key on the primary key.)
 */
import type { DatasetDto, UploadDto } from '@onetrip/contracts';
import { Client } from 'pg';
import { getJson, postJson, uploadCsv } from '../support/http';
import { apiSuite } from '../support/services';

const UPLOADS = 5;
const ROWS = 20_000;

function csv(): string {
  const lines = ['case_id,activity,timestamp'];
  for (let i = 0; i < ROWS; i += 1) {
    lines.push(
      `C${Math.floor(i / 4)},step ${i % 4},2024-03-01T08:${String(i % 60).padStart(2, '0')}:00Z`,
    );
  }
  return lines.join('\n') + '\n';
}

describe('identical uploads at the same moment into an empty dataset', () => {
  const suite = apiSuite('uploads-concurrent-identical');

  it('all complete; one adds the rows, the others count them as duplicates', async () => {
    const dataset = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'concurrent' })
    ).body;
    const content = csv();
    const results = await Promise.all(
      Array.from({ length: UPLOADS }, (_, i) =>
        uploadCsv<UploadDto>(`${suite.api.url}/api/v1/datasets/${dataset.id}/uploads`, {
          name: `same-${i}.csv`,
          content,
        }),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(Array.from({ length: UPLOADS }, () => 201));
    for (const r of results) {
      expect(r.body).toMatchObject({ status: 'completed', rowsRead: ROWS, rowsRejected: 0 });
      expect(r.body.rowsAccepted + r.body.rowsDuplicate).toBe(ROWS);
    }
    const accepted = results.map((r) => r.body.rowsAccepted).sort((a, b) => b - a);
    expect(accepted).toEqual([ROWS, ...Array.from({ length: UPLOADS - 1 }, () => 0)]);

    const after = await getJson<DatasetDto>(`${suite.api.url}/api/v1/datasets/${dataset.id}`);
    expect(after.body).toMatchObject({ eventCount: ROWS, version: 1 });
    const sql = new Client({ connectionString: suite.db.url });
    await sql.connect();
    try {
      const stored = await sql.query<{ n: string; distinct_cases: string }>(
        'SELECT count(*) AS n, count(DISTINCT case_id) AS distinct_cases FROM event WHERE dataset_id = $1',
        [dataset.id],
      );
      expect(stored.rows[0]).toEqual({ n: String(ROWS), distinct_cases: String(ROWS / 4) });
    } finally {
      await sql.end();
    }
  }, 60_000);
});
