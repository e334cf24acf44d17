/**
 * A clerk uploads files that are wrong in the ways exports usually are. Each answer is a problem
 * document with a stable code (and, for file errors, the line and column), and the dataset is left
 * exactly as it was.
 */
import type { DatasetDto, ProblemDetails, RunDto, UploadDto } from '@onetrip/contracts';
import { getJson, postJson, uploadCsv } from '../support/http';
import {
  RunningApi,
  TestDatabase,
  cleanQueue,
  createTestDatabase,
  startApi,
  testConfig,
} from '../support/services';

const HEADER = 'case_id,activity,timestamp\n';

describe('bad uploads answer with problem details and change nothing', () => {
  let db: TestDatabase;
  let api: RunningApi;
  let dataset: DatasetDto;
  const uploads = (): string => `${api.url}/api/v1/datasets/${dataset.id}/uploads`;

  beforeAll(async () => {
    db = await createTestDatabase('bad_uploads');
    // A small limit so that the size check can be exercised with a small file.
    api = await startApi(testConfig(db, { MAX_UPLOAD_BYTES: '2000' }));
    dataset = (await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'bad files' }))
      .body;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    if (db) {
      await cleanQueue(db.name);
      await db.drop();
    }
  });

  async function expectDatasetUntouched(): Promise<void> {
    const res = await getJson<DatasetDto>(`${api.url}/api/v1/datasets/${dataset.id}`);
    expect(res.body).toMatchObject({ version: 0, eventCount: 0 });
  }

  it('names the missing column and its line when the header lacks the timestamp', async () => {
    const res = await uploadCsv<ProblemDetails>(uploads(), {
      name: 'no-time.csv',
      content: 'case_id,activity\nA1,受理\n',
    });
    expect(res.status).toBe(422);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 422,
      code: 'ingest.missing-column',
      file: 'no-time.csv',
      line: 1,
      column: 'timestamp',
    });
    const upload = await getJson<UploadDto>(`${api.url}${res.body.instance ?? ''}`);
    expect(upload.body).toMatchObject({ status: 'failed', errorCode: 'ingest.missing-column' });
    await expectDatasetUntouched();
  });

  it('fails the whole upload when more than 5% of the rows are unreadable, pointing at the first', async () => {
    const rows = ['A1,受理,2024-03-01 09:00:00', 'A1,审核,yesterday', 'A2,受理,not a time'];
    const res = await uploadCsv<ProblemDetails>(uploads(), {
      name: 'bad-times.csv',
      content: HEADER + rows.join('\n') + '\n',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'upload.too-many-rejected',
      file: 'bad-times.csv',
      line: 3,
      column: 'timestamp',
    });
    const upload = await getJson<UploadDto>(`${api.url}${res.body.instance ?? ''}`);
    expect(upload.body).toMatchObject({
      status: 'failed',
      rowsRead: 3,
      rowsAccepted: 0,
      rowsRejected: 2,
    });
    expect(upload.body.rejected.map((r) => [r.line, r.column])).toEqual([
      [3, 'timestamp'],
      [4, 'timestamp'],
    ]);
    const csv = await fetch(`${api.url}${res.body.instance ?? ''}/rejected.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    // UTF-8 with a byte-order mark, so that Excel reads the Chinese text right.
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Line, column, code, reason and the row as it was in the file, CRLF as spreadsheets write.
    expect(bytes.toString('utf8')).toBe(
      '\uFEFFline,column,code,reason,original row\r\n' +
        '3,timestamp,unparseable-timestamp,"unparseable timestamp ""yesterday""","A1,审核,yesterday"\r\n' +
        '4,timestamp,unparseable-timestamp,"unparseable timestamp ""not a time""","A2,受理,not a time"\r\n',
    );
    // In Chinese for a Chinese user: headers and reasons; the original row as it was.
    const zh = await (
      await fetch(`${api.url}${res.body.instance ?? ''}/rejected.csv?lang=zh-CN`)
    ).text();
    expect(zh.split('\r\n').slice(0, 2)).toEqual([
      '行号,列,原因代码,原因,原始行', // (text() drops the BOM)
      '3,timestamp,unparseable-timestamp,"无法识别的时间 ""yesterday""","A1,审核,yesterday"',
    ]);
    const byHeader = await (
      await fetch(`${api.url}${res.body.instance ?? ''}/rejected.csv`, {
        headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' },
      })
    ).text();
    expect(byHeader).toBe(zh);
    // The report carries the code, its parameters and the row, for the web app to translate.
    expect(upload.body.rejected[0]).toEqual({
      line: 3,
      column: 'timestamp',
      reason: 'unparseable timestamp "yesterday"',
      code: 'unparseable-timestamp',
      params: { value: '"yesterday"' },
      raw: 'A1,审核,yesterday',
    });
    await expectDatasetUntouched();
  });

  it('writes the rejected rows of a column named like a formula as text, not a formula', async () => {
    // A dataset of its own: this upload stores a row, and the others check nothing was stored.
    const own = (await postJson<DatasetDto>(`${api.url}/api/v1/datasets`, { name: 'formula' }))
      .body;
    const res = await uploadCsv<UploadDto>(
      `${api.url}/api/v1/datasets/${own.id}/uploads?maxRejectedRatio=1`,
      {
        name: 'formula.csv',
        content: 'case_id,activity,=HYPERLINK("x")\nA1,受理,2024-03-01 09:00:00\nA1,审核,nie\n',
      },
      { timestamp: '=HYPERLINK("x")' },
    );
    expect(res.body).toMatchObject({ rowsAccepted: 1, rowsRejected: 1 });
    const csv = await (await fetch(`${api.url}/api/v1/uploads/${res.body.id}/rejected.csv`)).text();
    expect(csv.split('\n')[1]).toMatch(/^3,"'=HYPERLINK\(""x""\)",/);
  });

  it('refuses a file over MAX_UPLOAD_BYTES with 413', async () => {
    const row = 'A1,受理,2024-03-01 09:00:00\n';
    const res = await uploadCsv<ProblemDetails>(uploads(), {
      name: 'big.csv',
      content: HEADER + row.repeat(200),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'upload.too-large' });
    await expectDatasetUntouched();
  });

  it('cuts off a chunked upload without a length once it passes the limit, with 413', async () => {
    const boundary = 'onetrip-test-boundary';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n${HEADER}${'A1,受理,2024-03-01 09:00:00\n'.repeat(200)}\r\n` +
        `--${boundary}--\r\n`,
    );
    // A streamed body is sent chunked: the server learns the size only while reading.
    const chunks = [body.subarray(0, 1000), body.subarray(1000, 3000), body.subarray(3000)];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
        controller.close();
      },
    });
    const res = await fetch(uploads(), {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: 'half',
    });
    expect(res.status).toBe(413);
    const problem = (await res.json()) as ProblemDetails;
    expect(problem).toMatchObject({ code: 'upload.too-large' });
    const upload = await getJson<UploadDto>(`${api.url}${problem.instance ?? ''}`);
    expect(upload.body).toMatchObject({ status: 'failed', errorCode: 'upload.too-large' });
    await expectDatasetUntouched();
  });

  it('rejects a mapping that is not JSON, and a request that is not multipart', async () => {
    const form = new FormData();
    form.append('mapping', '{caseId:');
    form.append('file', new Blob(['x']), 'x.csv');
    const badMapping = await fetch(uploads(), { method: 'POST', body: form });
    expect(badMapping.status).toBe(400);
    expect(await badMapping.json()).toMatchObject({ code: 'upload.mapping-invalid' });

    const notMultipart = await postJson<ProblemDetails>(uploads(), { file: 'x' });
    expect(notMultipart.status).toBe(415);
    expect(notMultipart.body).toMatchObject({ code: 'upload.not-multipart' });
    await expectDatasetUntouched();
  });

  it('rejects a mapping sent after the file, since the file was already being read', async () => {
    const form = new FormData();
    form.append('file', new Blob([HEADER + 'A1,受理,2024-03-01 09:00:00\n']), 'late.csv');
    form.append('mapping', JSON.stringify({ caseId: 'case_id' }));
    const res = await fetch(uploads(), { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'upload.field-after-file' });
    await expectDatasetUntouched();
  });

  it('validates JSON bodies: malformed JSON, unknown run options, missing dataset names', async () => {
    const malformed = await fetch(`${api.url}/api/v1/datasets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await malformed.json()).toMatchObject({ code: 'request.invalid' });

    const noName = await postJson<ProblemDetails>(`${api.url}/api/v1/datasets`, {
      timezone: 'Mars/Olympus',
    });
    expect(noName.status).toBe(400);
    expect(noName.body.code).toBe('request.invalid');
    expect(noName.body.errors?.map((e) => e.field).sort()).toEqual(['name', 'timezone']);

    const badRun = await postJson<ProblemDetails>(`${api.url}/api/v1/datasets/${dataset.id}/runs`, {
      params: { journey: 'household' },
    });
    expect(badRun.status).toBe(400);
    expect(badRun.body).toMatchObject({ code: 'request.invalid' });
    const runs = await getJson<RunDto[]>(`${api.url}/api/v1/datasets/${dataset.id}/runs`);
    expect(runs.body).toEqual([]);
  });

  it('answers unknown routes with a problem too', async () => {
    const res = await getJson<ProblemDetails>(`${api.url}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'route.not-found' });
  });
});
