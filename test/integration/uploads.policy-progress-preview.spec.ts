/**
 * The upload options a person sees in the web app: the error policy (skip up to a share, or fail
 * on the first rejected row), live progress while a file is still arriving, and the preview that
 * suggests a column mapping from the first 64 KiB of a GBK export with Chinese headers.
 */
import type { DatasetDto, ProblemDetails, UploadDto, UploadPreviewDto } from '@onetrip/contracts';
import iconv from 'iconv-lite';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getJson, postJson, uploadCsv } from '../support/http';
import { FIXTURES, apiSuite } from '../support/services';
import { slowUpload } from '../support/slow-upload';

// Four rows, the third with a timestamp nobody can read: 1 of 4 rejected is 25%.
const ONE_BAD_OF_FOUR = [
  'case_id,activity,timestamp',
  'A1,受理,2024-03-01 09:00',
  'A1,审核,2024-03-01 10:00',
  'A1,办结,not a time',
  'A2,受理,2024-03-02 09:00',
  '',
].join('\n');

describe('upload policy, progress and preview', () => {
  const suite = apiSuite('upload_policy');

  const newDataset = async (name: string): Promise<DatasetDto> =>
    (await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name })).body;
  const dataset = async (id: string): Promise<DatasetDto> =>
    (await getJson<DatasetDto>(`${suite.api.url}/api/v1/datasets/${id}`)).body;

  it('fails a file with 25% rejected rows under the default 5% policy, keeping the rejected rows', async () => {
    const ds = await newDataset('default policy');
    const res = await uploadCsv<ProblemDetails>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads`,
      {
        name: 'one-bad.csv',
        content: ONE_BAD_OF_FOUR,
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('upload.too-many-rejected');
    expect(res.body.detail).toMatch(/^1 of 4 rows were rejected \(more than 5%\); first at line 4/);
    const upload = (await getJson<UploadDto>(`${suite.api.url}${res.body.instance ?? ''}`)).body;
    expect(upload).toMatchObject({
      status: 'failed',
      rowsRead: 4,
      rowsAccepted: 0,
      rowsRejected: 1,
      onError: 'skip',
      maxRejectedRatio: 0.05,
    });
    const csv = await (
      await fetch(`${suite.api.url}${res.body.instance ?? ''}/rejected.csv`)
    ).text();
    expect(csv.split('\n')[1]).toMatch(/^4,timestamp,/);
    expect(await dataset(ds.id)).toMatchObject({ version: 0, eventCount: 0 });
  });

  it('skips the bad row when the upload allows up to half of the rows to be rejected', async () => {
    const ds = await newDataset('lenient');
    const res = await uploadCsv<UploadDto>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads?maxRejectedRatio=0.5`,
      { name: 'one-bad.csv', content: ONE_BAD_OF_FOUR },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'completed',
      rowsRead: 4,
      rowsAccepted: 3,
      rowsRejected: 1,
      rowsDuplicate: 0,
      maxRejectedRatio: 0.5,
    });
    expect(res.body.rejected).toEqual([
      {
        line: 4,
        column: 'timestamp',
        reason: 'unparseable timestamp "not a time"',
        code: 'unparseable-timestamp',
        params: { value: '"not a time"' },
        raw: 'A1,办结,not a time',
      },
    ]);
    expect(await dataset(ds.id)).toMatchObject({ version: 1, eventCount: 3 });
  });

  it('fails on the first rejected row with onError=fail, whatever the share', async () => {
    const ds = await newDataset('strict');
    const form = new FormData();
    form.append('onError', 'fail');
    form.append('maxRejectedRatio', '1');
    form.append('file', new Blob([ONE_BAD_OF_FOUR]), 'one-bad.csv');
    const res = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      method: 'POST',
      body: form,
    });
    const body = (await res.json()) as ProblemDetails;
    expect(res.status).toBe(422);
    expect(body).toMatchObject({ code: 'upload.rejected-row', line: 4, column: 'timestamp' });
    expect(await dataset(ds.id)).toMatchObject({ version: 0, eventCount: 0 });
  });

  it('answers 400 for an unknown policy', async () => {
    const ds = await newDataset('bad option');
    const res = await uploadCsv<ProblemDetails>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads?onError=maybe`,
      { name: 'one-bad.csv', content: ONE_BAD_OF_FOUR },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('upload.options-invalid');
  });

  it('shows live byte and row counts while the file is still arriving', async () => {
    const ds = await newDataset('progress');
    const uploadId = randomUUID();
    // 4 pieces of 2,000 distinct valid rows, 1.2 s apart: the row is updated every second.
    const pieces = [0, 1, 2, 3].map((p) => {
      const rows: string[] = [];
      for (let i = 0; i < 2000; i += 1) {
        const n = p * 2000 + i;
        rows.push(`C${n},受理,2024-03-01 09:${String(n % 60).padStart(2, '0')}`);
      }
      return (p === 0 ? 'case_id,activity,timestamp\n' : '') + rows.join('\n') + '\n';
    });
    const upload = slowUpload(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads?uploadId=${uploadId}`,
      {
        fileName: 'slow.csv',
        pieces,
        pauseMs: 1200,
      },
    );
    const seen: UploadDto[] = [];
    while (!seen.some((u) => u.status === 'receiving' && u.rowsRead > 0)) {
      const res = await getJson<UploadDto>(`${suite.api.url}/api/v1/uploads/${uploadId}`);
      if (res.status === 200) seen.push(res.body);
      if (seen.some((u) => u.status !== 'receiving')) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    const live = seen.find((u) => u.status === 'receiving' && u.rowsRead > 0);
    expect(live?.bytes).toBeGreaterThan(0);
    expect(live?.rowsRead).toBeLessThan(8000);
    const done = await upload.response;
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ id: uploadId, status: 'completed', rowsAccepted: 8000 });
    // The same id again is a conflict, not a second upload.
    const again = await uploadCsv<ProblemDetails>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads?uploadId=${uploadId}`,
      { name: 'again.csv', content: 'case_id,activity,timestamp\nX,受理,2024-03-01 09:00\n' },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('upload.exists');
  }, 30_000);

  it('previews the first 64 KiB of a GBK export with Chinese headers and suggests its mapping', async () => {
    const ds = await newDataset('preview');
    const lines = ['办件编号,事项名称,环节名称,办理时间,证件号码'];
    for (let i = 0; i < 2000; i += 1) {
      lines.push(
        `BJ${1000 + i},不动产登记,受理,2024-03-01 09:${String(i % 60).padStart(2, '0')},11010519900101${String(1000 + i)}`,
      );
    }
    const form = new FormData();
    form.append('file', new Blob([iconv.encode(lines.join('\r\n') + '\r\n', 'gbk')]), '导出.csv');
    const res = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads/preview`, {
      method: 'POST',
      body: form,
    });
    const body = (await res.json()) as UploadPreviewDto;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      format: 'csv',
      gzip: false,
      encoding: 'gb18030',
      delimiter: ',',
      headers: ['办件编号', '事项名称', '环节名称', '办理时间', '证件号码'],
      savedMapping: null,
    });
    // 2,000 rows are about 120 KB: only the first 64 KiB are read.
    expect(body.bytesRead).toBe(65_536);
    expect(body.rows).toHaveLength(50);
    expect(body.rows[0]).toEqual([
      'BJ1000',
      '不动产登记',
      '受理',
      '2024-03-01 09:00',
      '110105199001011000',
    ]);
    expect(body.suggestedMapping).toMatchObject({
      caseId: '办件编号',
      service: '事项名称',
      activity: '环节名称',
      timestamp: '办理时间',
      citizen: '证件号码',
    });
    // Nothing was stored.
    expect(await dataset(ds.id)).toMatchObject({ version: 0, eventCount: 0 });
  });

  it('saves a partial mapping as given, so a later XES upload without one keeps the XES defaults', async () => {
    const ds = await newDataset('xes mapping');
    const url = `${suite.api.url}/api/v1/datasets/${ds.id}/uploads`;
    // The fixture: 2 traces; case-1 (trace attribute channel=hall) has Submit start + complete,
    // case-2 has one event: 3 events.
    const xes = readFileSync(path.join(FIXTURES, 'ok', 'ingest', 'trace-attributes.xes'));
    const first = await uploadCsv<UploadDto>(
      url,
      { name: 'trace-attributes.xes', content: xes },
      { channel: 'case:channel' },
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rowsAccepted: 3, rowsRejected: 0 });
    expect((await dataset(ds.id)).mapping).toEqual({ channel: 'case:channel' });
    // The same file again, no mapping: the saved one applies (channel from the trace, case ids
    // from the traces' concept:name), so every event is already there.
    const again = await uploadCsv<UploadDto>(url, { name: 'trace-attributes.xes', content: xes });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ rowsAccepted: 0, rowsDuplicate: 3, rowsRejected: 0 });
  });

  it('returns the mapping saved by a successful upload with the next preview', async () => {
    const ds = await newDataset('saved mapping');
    const mapping = { caseId: 'no', activity: 'step', timestamp: 'at' };
    const csv = 'no,step,at\nN1,受理,2024-03-01 09:00\n';
    const up = await uploadCsv<UploadDto>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/uploads`,
      { name: 'x.csv', content: csv },
      mapping,
    );
    expect(up.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([csv]), 'x.csv');
    const res = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads/preview`, {
      method: 'POST',
      body: form,
    });
    const body = (await res.json()) as UploadPreviewDto;
    expect(body.savedMapping).toEqual(mapping);
    expect(body.rows).toEqual([['N1', '受理', '2024-03-01 09:00']]);
  });
});
