/**
 * Duplicate rows within one upload keep their first occurrence, whether the repeat falls in the
 * same 100,000-row batch (dropped by the api when it sorts the batch) or in a later one (flagged by
 * the upload's identity filter and looked up), and the rest count as duplicates
 * (docs/decisions/0004). An overlapping export into a dataset that has events is looked up row by
 * row: only its new events are added.
 */
import type { DatasetDto, UploadDto } from '@onetrip/contracts';
import { Client } from 'pg';
import { postJson, uploadCsv } from '../support/http';
import { apiSuite } from '../support/services';

// More than two batches of the api (100,000 rows each): repeats across batches are exercised.
const ROWS = 210_000;
const MAPPING = { caseId: 'case', activity: 'activity', timestamp: 'time' };
const row = (i: number): string =>
  `C${Math.floor(i / 10)},受理 ${i},2024-03-01T08:00:00.${String(i % 1000).padStart(3, '0')}Z,${i % 13}\n`;

describe('duplicate rows in one upload', () => {
  const suite = apiSuite('uploads-dup-first-line');

  it('keeps the first line of each identity, in the same batch and across batches', async () => {
    const lines = ['case,activity,time,note\n'];
    for (let i = 0; i < ROWS; i += 1) {
      lines.push(row(i));
      // Line numbers count the header as line 1: row i is on line i + 2 until the repeats.
      if (i === 10) lines.push(row(3)); // same batch as its first occurrence
    }
    lines.push(row(5)); // tens of thousands of rows later: another batch
    lines.push(row(ROWS - 1)); // the last batch repeating itself
    const dataset = await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
      name: 'dups',
    });
    const res = await uploadCsv<UploadDto>(
      `${suite.api.url}/api/v1/datasets/${dataset.body.id}/uploads`,
      { name: 'dups.csv', content: lines.join('') },
      MAPPING,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'completed',
      rowsRead: ROWS + 3,
      rowsAccepted: ROWS,
      rowsDuplicate: 3,
    });

    const client = new Client({ connectionString: suite.db.url });
    await client.connect();
    try {
      const stored = await client.query<{ case_id: string; activity: string; line: number }>(
        `SELECT case_id, activity, line FROM event WHERE dataset_id = $1
           AND (case_id, activity) IN (('C0', '受理 3'), ('C0', '受理 5'), ($2, $3))
         ORDER BY line`,
        [dataset.body.id, `C${Math.floor((ROWS - 1) / 10)}`, `受理 ${ROWS - 1}`],
      );
      // row 3 → line 5, row 5 → line 7, the last row → line ROWS + 2 (one repeat before it).
      expect(stored.rows.map((r) => r.line)).toEqual([5, 7, ROWS + 2]);
      const count = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM event WHERE dataset_id = $1',
        [dataset.body.id],
      );
      expect(Number(count.rows[0]?.n)).toBe(ROWS);
    } finally {
      await client.end();
    }
  }, 120_000);

  it('adds only the new events of an export that overlaps what the dataset holds', async () => {
    const csv = (from: number, to: number): string => {
      const lines = ['case,activity,time,note\n'];
      for (let i = from; i < to; i += 1) lines.push(row(i));
      return lines.join('');
    };
    const dataset = await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
      name: 'overlap',
    });
    const url = `${suite.api.url}/api/v1/datasets/${dataset.body.id}/uploads`;
    const first = await uploadCsv<UploadDto>(
      url,
      { name: 'a.csv', content: csv(0, 150_000) },
      MAPPING,
    );
    expect(first.body).toMatchObject({ rowsAccepted: 150_000, rowsDuplicate: 0 });
    // Rows 100,000 … 249,999: 50,000 already stored, 100,000 new, over two batches.
    const second = await uploadCsv<UploadDto>(
      url,
      { name: 'b.csv', content: csv(100_000, 250_000) },
      MAPPING,
    );
    expect(second.body).toMatchObject({
      status: 'completed',
      rowsRead: 150_000,
      rowsAccepted: 100_000,
      rowsDuplicate: 50_000,
    });
    const client = new Client({ connectionString: suite.db.url });
    await client.connect();
    try {
      const count = await client.query<{ n: string; distinct: string; lines: string }>(
        `SELECT count(*) AS n, count(DISTINCT (case_id, activity)) AS distinct,
           count(*) FILTER (WHERE upload_id = $2) AS lines
         FROM event WHERE dataset_id = $1`,
        [dataset.body.id, second.body.id],
      );
      expect(count.rows[0]).toEqual({ n: '250000', distinct: '250000', lines: '100000' });
    } finally {
      await client.end();
    }
  }, 120_000);
});
