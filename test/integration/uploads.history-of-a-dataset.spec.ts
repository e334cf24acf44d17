/**
 * A dataset's upload history (`GET /api/v1/datasets/:id/uploads`): newest first, every upload's
 * report without its rejected rows, failed ones included, and an upload whose api died shown as
 * interrupted once somebody asks — what the web app lists after a page reload.
 */
import type { DatasetDto, ProblemDetails, UploadSummaryDto } from '@onetrip/contracts';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { getJson, postJson, uploadCsv } from '../support/http';
import { apiSuite } from '../support/services';

const GOOD = 'case_id,activity,timestamp\nA1,受理,2024-03-01 09:00\nA1,办结,2024-03-01 10:00\n';
const ONE_BAD = 'case_id,activity,timestamp\nB1,受理,2024-03-02 09:00\nB1,办结,not a time\n';

describe('the upload history of a dataset', () => {
  const suite = apiSuite('uploads-history');

  it('lists uploads newest first, failed and interrupted ones included', async () => {
    const ds = (await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'history' }))
      .body;
    const url = `${suite.api.url}/api/v1/datasets/${ds.id}/uploads`;
    const good = await uploadCsv<UploadSummaryDto>(url, { name: 'good.csv', content: GOOD });
    expect(good.status).toBe(201);
    const form = new FormData();
    form.append('onError', 'fail');
    form.append('file', new Blob([ONE_BAD]), 'one-bad.csv');
    expect((await fetch(url, { method: 'POST', body: form })).status).toBe(422);
    const again = await uploadCsv<UploadSummaryDto>(url, { name: 'good again.csv', content: GOOD });
    expect(again.body.rowsDuplicate).toBe(2);

    // An upload whose api died: `receiving`, and nobody holds its lock.
    const lost = randomUUID();
    const sql = new Client({ connectionString: suite.db.url });
    await sql.connect();
    try {
      await sql.query(
        `INSERT INTO upload (id, dataset_id, file_name, status, created_at)
         VALUES ($1, $2, 'lost.csv', 'receiving', now() + interval '1 second')`,
        [lost, ds.id],
      );
    } finally {
      await sql.end();
    }

    const list = await getJson<UploadSummaryDto[]>(url);
    expect(list.status).toBe(200);
    expect(list.body.map((u) => [u.fileName, u.status, u.errorCode ?? null])).toEqual([
      ['lost.csv', 'failed', 'upload.interrupted'],
      ['good again.csv', 'completed', null],
      ['one-bad.csv', 'failed', 'upload.rejected-row'],
      ['good.csv', 'completed', null],
    ]);
    expect(list.body[1]).toMatchObject({ rowsRead: 2, rowsAccepted: 0, rowsDuplicate: 2 });
    expect(list.body[2]).toMatchObject({ rowsRejected: 1, onError: 'fail' });
    expect(list.body[3]).toMatchObject({ id: good.body.id, rowsAccepted: 2, datasetId: ds.id });
    expect(list.body.every((u) => !('rejected' in u))).toBe(true);

    const one = await getJson<UploadSummaryDto[]>(`${url}?limit=1`);
    expect(one.body.map((u) => u.fileName)).toEqual(['lost.csv']);
  });

  it('answers 400 for a bad limit and 404 for an unknown dataset', async () => {
    const ds = (await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'empty' }))
      .body;
    const none = await getJson<UploadSummaryDto[]>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads`,
    );
    expect(none.body).toEqual([]);
    const bad = await getJson<ProblemDetails>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads?limit=0`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('request.invalid');
    const missing = await getJson<ProblemDetails>(
      `${suite.api.url}/api/v1/datasets/${randomUUID()}/uploads`,
    );
    expect(missing.status).toBe(404);
  });
});
