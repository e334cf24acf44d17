/**
 * PostgreSQL goes away in the middle of an upload, at the moment the api COPYs its first batch
 * of events. The api does not crash (every pg connection has an 'error' listener): the upload
 * answers 503 `upload.interrupted`, data endpoints answer 503 `database.unavailable` with
 * Retry-After while the database is down, and once it is back the upload is listed as failed, the
 * dataset is as it was, and the file can be sent again.
 *
 * The outage is a TCP proxy between the api and the shared PostgreSQL (test/support/tcp-proxy.ts):
 * it destroys every connection (ECONNRESET / "Connection terminated") and refuses new ones
 * (ECONNREFUSED), then accepts again. The shared server itself is never stopped.
 * Needs the built server: `node tools/build.mjs server`.
 */
import type { DatasetDto, HealthDto, ProblemDetails, UploadSummaryDto } from '@onetrip/contracts';
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
import { TcpProxy, startTcpProxy } from '../support/tcp-proxy';

const HEADER = 'case_id,activity,timestamp\n';
const PIECES = 8;
const ROWS_PER_PIECE = 20_000;

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

describe('PostgreSQL lost in the middle of an upload', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let api: RunningProcess | undefined;
  let url: string;
  let sql: Client;

  beforeAll(async () => {
    db = await createTestDatabase('pg_outage_upload');
    await cleanQueue(db.name);
    const target = new URL(db.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = await spawnApi({ ...testEnv(db), DATABASE_URL: proxy.via(db.url) }, port);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await proxy?.close();
    await sql?.end();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  }, 30_000);

  it('answers 503 upload.interrupted, stays up, and recovers when the database is back', async () => {
    const dataset = (await postJson<DatasetDto>(`${url}/api/v1/datasets`, { name: 'outage' })).body;
    const first = await uploadCsv(`${url}/api/v1/datasets/${dataset.id}/uploads`, {
      name: 'first.csv',
      content: HEADER + 'A,受理,2024-03-01 09:00\nA,办结,2024-03-01 11:00\n',
    });
    expect(first.status).toBe(201);

    // Sever when the first 100,000-row batch is COPYed into the upload's transaction.
    const severed = proxy.downOn('COPY event');
    const uploadId = randomUUID();
    const pieces = Array.from({ length: PIECES }, (_, p) => piece(p));
    const upload = slowUpload(`${url}/api/v1/datasets/${dataset.id}/uploads?uploadId=${uploadId}`, {
      fileName: 'large.csv',
      pieces,
      pauseMs: 50,
    });
    await severed;
    const answer = await upload.response;
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      code: 'upload.interrupted',
      instance: `/api/v1/uploads/${uploadId}`,
    });

    // Down: the api is alive and says why it cannot answer.
    expect(api?.child.exitCode).toBeNull();
    const datasets = await fetch(`${url}/api/v1/datasets`);
    expect(datasets.status).toBe(503);
    expect(datasets.headers.get('retry-after')).toBe('10');
    expect(((await datasets.json()) as ProblemDetails).code).toBe('database.unavailable');
    const health = await getJson<HealthDto>(`${url}/api/health`);
    expect(health.status).toBe(503);
    expect(health.body.checks.postgres).toBe('down');

    // Back: the interrupted upload is listed as failed, the dataset kept its two events.
    await proxy.up();
    let listed: UploadSummaryDto[] = [];
    for (let i = 0; i < 50; i += 1) {
      const res = await getJson<UploadSummaryDto[]>(`${url}/api/v1/datasets/${dataset.id}/uploads`);
      if (res.status === 200) {
        listed = res.body;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(listed.find((u) => u.id === uploadId)).toMatchObject({
      status: 'failed',
      errorCode: 'upload.interrupted',
      rowsAccepted: 0,
    });
    const stored = await sql.query<{ n: string }>(
      'SELECT count(*) AS n FROM event WHERE dataset_id = $1',
      [dataset.id],
    );
    expect(stored.rows[0]?.n).toBe('2');

    const again = await uploadCsv(`${url}/api/v1/datasets/${dataset.id}/uploads`, {
      name: 'large.csv',
      content: pieces.join(''),
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      status: 'completed',
      rowsAccepted: PIECES * ROWS_PER_PIECE,
    });
    expect(api?.output()).not.toMatch(/Unhandled 'error' event/);
    expect(api?.child.exitCode).toBeNull();
  }, 90_000);
});
