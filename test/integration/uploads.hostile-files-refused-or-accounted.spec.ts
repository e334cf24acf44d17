/**
 * Files that are small but hostile or broken, made here by the test: each is refused with a stable
 * problem code, or read with every line accounted for as an event or a rejected row. None may take
 * the api's heap or minutes of its CPU, and none may lose rows silently.
 */
import type { DatasetDto, ProblemDetails, UploadDto } from '@onetrip/contracts';
import { gzipSync } from 'node:zlib';
import { getJson, postJson, uploadCsv } from '../support/http';
import { apiSuite } from '../support/services';

const HEADER = 'case_id,activity,timestamp\n';

function goodRows(from: number, to: number): string {
  let s = '';
  for (let k = from; k <= to; k++) s += `C${k},受理,2024-03-01 09:00:00\n`;
  return s;
}

describe('hostile and broken uploads', () => {
  const suite = apiSuite('hostile_uploads');
  let dataset: DatasetDto;
  const uploads = (query = ''): string =>
    `${suite.api.url}/api/v1/datasets/${dataset.id}/uploads${query}`;

  beforeAll(async () => {
    dataset = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'hostile files' })
    ).body;
  });

  async function expectFailedUpload(problem: ProblemDetails, code: string): Promise<void> {
    const upload = await getJson<UploadDto>(`${suite.api.url}${problem.instance ?? ''}`);
    expect(upload.body).toMatchObject({ status: 'failed', errorCode: code });
  }

  it('refuses a single 50 MB row of 50 million commas with ingest.too-many-fields', async () => {
    const res = await uploadCsv<ProblemDetails>(uploads(), {
      name: 'commas.csv',
      content: Buffer.concat([Buffer.from(HEADER), Buffer.alloc(50 * 1024 * 1024, ',')]),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'ingest.too-many-fields', file: 'commas.csv', line: 2 });
    await expectFailedUpload(res.body, 'ingest.too-many-fields');
  });

  it('rejects the line of a quote left open in row 50 of 101 and imports the other 100 rows', async () => {
    const content =
      HEADER + goodRows(1, 49) + 'C50,"受理,2024-03-01 09:00:00\n' + goodRows(51, 101);
    const res = await uploadCsv<UploadDto>(uploads(), { name: 'open-quote.csv', content });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'completed',
      rowsRead: 101,
      rowsAccepted: 100,
      rowsRejected: 1,
      rejectedStored: 1,
    });
    expect(res.body.rejected).toEqual([
      {
        line: 51,
        column: 'activity',
        reason:
          'a quoted field opened at character 5 of this line is not closed before the end of the file (reading went on with the next line)',
        code: 'unterminated-quote',
        params: { at: 5 },
        raw: 'C50,"受理,2024-03-01 09:00:00',
      },
    ]);
  });

  it('refuses a header that names a column twice with ingest.duplicate-header', async () => {
    const res = await uploadCsv<ProblemDetails>(uploads(), {
      name: 'note-note.csv',
      content: 'case_id,activity,timestamp,note,note\nA,受理,2024-03-01 09:00:00,first,second\n',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'ingest.duplicate-header',
      line: 1,
      column: 'note',
    });
    await expectFailedUpload(res.body, 'ingest.duplicate-header');
  });

  describe('times nobody recorded', () => {
    const ahead = new Date(Date.now() + 2 * 366 * 86_400_000).toISOString().slice(0, 10);
    const content =
      HEADER +
      'T1,受理,2024-03-01 09:00:00\n' +
      'T1,审核,1960-03-01 09:00:00\n' +
      `T1,办结,${ahead} 09:00:00\n` +
      'T2,受理,1\n';

    it('fails on the first under onError=fail, naming it', async () => {
      const res = await uploadCsv<ProblemDetails>(uploads('?onError=fail'), {
        name: 'times.csv',
        content,
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'upload.rejected-row',
        line: 3,
        column: 'timestamp',
      });
      expect(res.body.detail).toContain('before the plausible range starts');
    });

    it('rejects all three under onError=skip and keeps the plausible row', async () => {
      const res = await uploadCsv<UploadDto>(uploads('?onError=skip&maxRejectedRatio=1'), {
        name: 'times.csv',
        content,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ rowsRead: 4, rowsRejected: 3 });
      expect(res.body.rejected.map((r) => [r.line, r.reason.replace(/ \(.*$/, '')])).toEqual([
        [
          3,
          'timestamp "1960-03-01 09:00:00" is 1960-03-01T01:00:00.000Z, before the plausible range starts',
        ],
        [4, expect.stringMatching(/^timestamp ".+" is .+, after the plausible range ends$/)],
        [5, 'unparseable timestamp "1"'],
      ]);
    });
  });

  it('stops a gzip of 64 MB of newlines early with ingest.empty-line-flood', async () => {
    const res = await uploadCsv<ProblemDetails>(uploads(), {
      name: 'newlines.csv.gz',
      content: gzipSync(Buffer.alloc(64 * 1024 * 1024, '\n')),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'ingest.empty-line-flood', line: 10_001 });
    await expectFailedUpload(res.body, 'ingest.empty-line-flood');
  });

  it('stops a gzip expanding a thousand times with ingest.decompression-ratio', async () => {
    // Zeros: NUL characters are dropped when decoded, so only the ratio can stop this file.
    const res = await uploadCsv<ProblemDetails>(uploads(), {
      name: 'zeros.csv.gz',
      content: gzipSync(Buffer.alloc(128 * 1024 * 1024)),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'ingest.decompression-ratio', file: 'zeros.csv.gz' });
    await expectFailedUpload(res.body, 'ingest.decompression-ratio');
  });

  it('left the dataset with the rows of the uploads that completed only', async () => {
    const res = await getJson<DatasetDto>(`${suite.api.url}/api/v1/datasets/${dataset.id}`);
    expect(res.body).toMatchObject({ eventCount: 101 });
  });
});
