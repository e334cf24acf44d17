/**
 * Issue 15, part 4: a workbook exported from a hall system, with a notes sheet first and the
 * events on the second sheet, timestamps as Excel date serials (Asia/Shanghai wall time) and as
 * text. The preview lists the sheets and describes the first non-empty one (or the one asked
 * for); the upload reads the chosen sheet, names sheet and cell in its row problems, and mining
 * gives the hand-counted activities.
 */
import type {
  DatasetDto,
  RunDto,
  RunResultDto,
  UploadDto,
  UploadPreviewDto,
} from '@onetrip/contracts';
import { writeXlsx } from '@onetrip/ingest';
import { getJson, postJson } from '../support/http';
import { apiWorkerSuite, waitForRun } from '../support/services';

// 2024-03-04 09:00 is Excel serial 45355.375.
const WORKBOOK = writeXlsx([
  { name: '说明', rows: [] },
  {
    name: '办件',
    rows: [
      ['办件编号', '环节名称', '办理时间'],
      ['BJ1', '受理', { serial: 45355.375 }],
      ['BJ1', '办结', '2024-03-04 10:00:00'],
      ['BJ2', '受理', { serial: 45355.5 }],
      ['BJ2', '办结', 'soon'],
      ['BJ2', '办结', { serial: 45355.625 }],
    ],
  },
  {
    name: '其他',
    rows: [
      ['a', 'b'],
      ['1', '2'],
    ],
  },
]);

describe('an .xlsx upload through the api', () => {
  const suite = apiWorkerSuite('xlsx_upload');

  function form(fields: Record<string, string>): FormData {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([new Uint8Array(WORKBOOK)]), '办件导出.xlsx');
    return body;
  }

  it('previews the sheets, reads the chosen one with located row problems, and mines it', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
        name: 'xlsx',
        timezone: 'Asia/Shanghai',
      })
    ).body;
    const base = `${suite.api.url}/api/v1/datasets/${ds.id}/uploads`;

    const previewed = await fetch(`${base}/preview`, { method: 'POST', body: form({}) });
    expect(previewed.status).toBe(200);
    const preview = (await previewed.json()) as UploadPreviewDto;
    expect(preview).toMatchObject({
      format: 'xlsx',
      sheets: ['说明', '办件', '其他'],
      sheet: '办件',
      headers: ['办件编号', '环节名称', '办理时间'],
      suggestedMapping: { caseId: '办件编号', activity: '环节名称', timestamp: '办理时间' },
    });
    expect(preview.rows[0]).toEqual(['BJ1', '受理', '2024-03-04 09:00:00']);

    const other = await fetch(`${base}/preview`, { method: 'POST', body: form({ sheet: '其他' }) });
    expect(((await other.json()) as UploadPreviewDto).headers).toEqual(['a', 'b']);

    const missing = await fetch(`${base}/preview`, { method: 'POST', body: form({ sheet: '无' }) });
    expect(missing.status).toBe(422);

    const uploaded = await fetch(base, {
      method: 'POST',
      body: form({ mapping: JSON.stringify(preview.suggestedMapping), maxRejectedRatio: '0.5' }),
    });
    const report = (await uploaded.json()) as UploadDto;
    expect(uploaded.status).toBe(201);
    expect(report).toMatchObject({ status: 'completed', rowsAccepted: 4, rowsRejected: 1 });
    expect(report.rejected).toEqual([
      {
        line: 5,
        column: '办理时间',
        reason: 'sheet "办件", cell C5: unparseable timestamp "soon"',
        code: 'unparseable-timestamp',
        params: { value: '"soon"', sheet: '办件', cell: 'C5' },
        raw: 'BJ2\t办结\tsoon',
      },
    ]);

    const created = await postJson<RunDto>(`${suite.api.url}/api/v1/datasets/${ds.id}/runs`, {});
    const run = await waitForRun(suite.api.url, created.body.id);
    expect(run.status).toBe('completed');
    const { result } = (
      await getJson<RunResultDto>(`${suite.api.url}/api/v1/runs/${run.id}/result`)
    ).body;
    expect(Object.fromEntries(result.activities.map((a) => [a.activity, a.count]))).toEqual({
      受理: 2,
      办结: 2,
    });
    // The serial 09:00 is Shanghai wall time: 01:00 UTC.
    const timeline = await getJson<{ journeys: { events: { timestamp: string }[] }[] }>(
      `${suite.api.url}/api/v1/datasets/${ds.id}/journeys/BJ1/timeline`,
    );
    expect(JSON.stringify(timeline.body)).toContain('2024-03-04T01:00:00.000Z');
  }, 60_000);
});
