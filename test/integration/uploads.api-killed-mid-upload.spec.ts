/**
 * The api process is killed (SIGKILL, no chance to clean up) in the middle of a large upload,
 * after it has already merged a batch of the new events inside the upload's transaction. The
 * dataset keeps exactly its earlier events and version, the interrupted upload is marked failed
 * when the api starts again, no COPYed data is left, and sending the file again succeeds.
 * Needs the built server: `node tools/build.mjs server`.
 */
import type { DatasetDto, UploadDto } from '@onetrip/contracts';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { getJson, postJson, uploadCsv } from '../support/http';
import {
  RunningProcess,
  TestDatabase,
  cleanQueue,
  createTestDatabase,
  freePort,
  spawnApi,
  testEnv,
} from '../support/services';
import { slowUpload } from '../support/slow-upload';

const HEADER = 'case_id,activity,timestamp\n';
const PIECES = 10;
const ROWS_PER_PIECE = 20_000;

/** 10 × 20,000 distinct rows, about 0.7 MB a piece. */
function piece(p: number): string {
  const rows: string[] = [];
  for (let i = 0; i < ROWS_PER_PIECE; i += 1) {
    const n = p * ROWS_PER_PIECE + i;
    rows.push(
      `K${n},受理,2024-03-01 ${String(8 + (n % 10)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`,
    );
  }
  return (p === 0 ? HEADER : '') + rows.join('\n') + '\n';
}

describe('an api killed in the middle of an upload', () => {
  let db: TestDatabase;
  let api: RunningProcess | undefined;
  let url: string;
  let port: number;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase('api_killed');
    await cleanQueue(db.name);
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = await spawnApi(testEnv(db), port);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await sql?.end();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  });

  it('leaves the dataset as it was, and the upload can be sent again', async () => {
    const dataset = (await postJson<DatasetDto>(`${url}/api/v1/datasets`, { name: 'kill' })).body;
    const first = await uploadCsv<UploadDto>(`${url}/api/v1/datasets/${dataset.id}/uploads`, {
      name: 'first.csv',
      content:
        HEADER + 'A,受理,2024-03-01 09:00\nA,审核,2024-03-01 10:00\nA,办结,2024-03-01 11:00\n',
    });
    expect(first.body).toMatchObject({ status: 'completed', rowsAccepted: 3 });

    const uploadId = randomUUID();
    const pieces = Array.from({ length: PIECES }, (_, p) => piece(p));
    const upload = slowUpload(`${url}/api/v1/datasets/${dataset.id}/uploads?uploadId=${uploadId}`, {
      fileName: 'large.csv',
      pieces,
      pauseMs: 600,
    });
    // Wait until more than two 50,000-row batches have been read: the second waits for the first
    // batch's merge, so the transaction already holds new events. Then kill without warning.
    for (;;) {
      const r = await getJson<UploadDto>(`${url}/api/v1/uploads/${uploadId}`);
      if (r.status === 200 && r.body.rowsRead > 110_000) break;
      // 404 until the upload row exists (the first bytes are still on their way).
      if (r.status === 200) expect(r.body.status).toBe('receiving');
      await new Promise((res) => setTimeout(res, 100));
    }
    api?.child.kill('SIGKILL');
    await api?.stop();
    api = undefined;
    upload.destroy();
    await expect(upload.response).rejects.toThrow();

    // PostgreSQL ends the dead api's sessions, rolling back the upload's transaction.
    for (let i = 0; ; i += 1) {
      const open = await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [db.name],
      );
      if (open.rows[0]?.n === '0') break;
      if (i > 100) throw new Error('the killed api’s sessions did not end');
      await new Promise((res) => setTimeout(res, 100));
    }
    const events = await sql.query<{ n: string }>(
      'SELECT count(*) AS n FROM event WHERE dataset_id = $1',
      [dataset.id],
    );
    expect(events.rows[0]?.n).toBe('3');
    const row = await sql.query<{ version: number; event_count: string }>(
      'SELECT version, event_count FROM dataset WHERE id = $1',
      [dataset.id],
    );
    expect(row.rows[0]).toEqual({ version: 1, event_count: '3' });
    // Temporary tables (the identity lookups') die with their session.
    const temp = await sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class WHERE relpersistence = 't'`,
    );
    expect(temp.rows[0]?.n).toBe('0');

    // The restarted api marks the interrupted upload failed.
    api = await spawnApi(testEnv(db), port);
    const interrupted = await getJson<UploadDto>(`${url}/api/v1/uploads/${uploadId}`);
    expect(interrupted.body).toMatchObject({
      status: 'failed',
      errorCode: 'upload.interrupted',
      rowsAccepted: 0,
    });
    expect(interrupted.body.rowsRead).toBeGreaterThan(110_000);

    // Sending the whole file again works.
    const retry = await uploadCsv<UploadDto>(`${url}/api/v1/datasets/${dataset.id}/uploads`, {
      name: 'large.csv',
      content: pieces.join(''),
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({
      status: 'completed',
      rowsRead: PIECES * ROWS_PER_PIECE,
      rowsAccepted: PIECES * ROWS_PER_PIECE,
      rowsDuplicate: 0,
    });
    const after = (await getJson<DatasetDto>(`${url}/api/v1/datasets/${dataset.id}`)).body;
    expect(after).toMatchObject({ version: 2, eventCount: 3 + PIECES * ROWS_PER_PIECE });
  }, 120_000);
});
