/**
 * Issue 12, part 1: a city's GB/T 39046 platform exports uploaded as they are, each table with its
 * preset, into one dataset: the case (办件), process (办理环节) and special-procedure (特别程序)
 * tables and the hall queue export (one row per ticket), all joined by 办件编号. The files are the
 * examples shipped in docs/examples/gbt (made by `onetrip simulate --gbt-tables`).
 *
 * Expected figures are counted from the files' lines here (split on commas: the files have no
 * quoted fields), not by the ingest: every row of a table gives its events (a case row one per
 * non-blank 申请 / 受理 / 办结 time; a step one, and one more when 业务动作 is 退回; a special
 * procedure its start and, when it has one, its end; a ticket its 取号, and its 叫号 and 窗口办理
 * when those times are there). Journeys by case id: one per 办件编号 of the case table. Trips:
 * one per ticket day and hall of a case (the simulator never brings a citizen to the same hall
 * twice a day, and every counter application follows a ticket).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatasetDto, UploadDto, UploadPreviewDto } from '@onetrip/contracts';
import { writeXlsx } from '@onetrip/ingest';
import { postJson } from '../support/http';
import { ROOT, apiWorkerSuite, mineDataset } from '../support/services';

const DIR = path.join(ROOT, 'docs', 'examples', 'gbt');

/** A table's rows as objects keyed by its header (no quoted fields in these files). */
function table(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(DIR, name), 'utf8').trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => {
    const values = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? '']));
  });
}
const filled = (rows: Record<string, string>[], column: string): number =>
  rows.filter((r) => r[column] !== '').length;

describe('GB/T platform tables uploaded with their presets into one dataset', () => {
  const suite = apiWorkerSuite('gbt_tables_join');

  async function send(
    datasetId: string,
    name: string,
    fields: Record<string, string>,
    what: 'preview' | 'upload',
  ): Promise<Response> {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    body.append('file', new Blob([readFileSync(path.join(DIR, name))]), name);
    const url = `${suite.api.url}/api/v1/datasets/${datasetId}/uploads${what === 'preview' ? '/preview' : ''}`;
    return fetch(url, { method: 'POST', body });
  }

  it('previews each table as its preset, and its uploads become one journey per 办件编号', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
        name: '政务服务平台',
        timezone: 'Asia/Shanghai',
      })
    ).body;

    const layouts: Record<string, string> = {};
    const previews: Record<string, UploadPreviewDto> = {};
    for (const name of ['cases.csv', 'process.csv', 'special-procedures.csv', 'queue.csv']) {
      const res = await send(ds.id, name, {}, 'preview');
      expect(res.status).toBe(200);
      previews[name] = (await res.json()) as UploadPreviewDto;
      layouts[name] = previews[name].suggestedLayout;
    }
    expect(layouts).toEqual({
      'cases.csv': 'gbt-case',
      'process.csv': 'gbt-process',
      'special-procedures.csv': 'gbt-special-procedure',
      'queue.csv': 'ticket-rows',
    });
    // 申报来源 is the channel, its GB/T codes with their roles (1 counter; 2 PC, 3 mobile: online).
    const cases = previews['cases.csv'];
    expect(cases.suggestedMapping).toMatchObject({ caseId: '办件编号', channel: '申报来源' });
    expect(cases.suggestedChannelRoles['申报来源']).toEqual({
      '1': 'in-person',
      '2': 'online',
      '3': 'online',
    });

    const caseRows = table('cases.csv');
    const steps = table('process.csv');
    const special = table('special-procedures.csv');
    const tickets = table('queue.csv');
    const expected: Record<string, number> = {
      'cases.csv': caseRows.length + filled(caseRows, '受理时间') + filled(caseRows, '办结时间'),
      'process.csv': steps.length + steps.filter((r) => r['业务动作'] === '退回').length,
      'special-procedures.csv': special.length + filled(special, '特别程序结束时间'),
      'queue.csv': tickets.length + filled(tickets, '叫号时间') + filled(tickets, '完成时间'),
    };
    const uploads: [string, Record<string, string>][] = [
      [
        'cases.csv',
        {
          layout: 'gbt-case',
          channelRoles: JSON.stringify(cases.suggestedChannelRoles['申报来源']),
        },
      ],
      ['process.csv', { layout: 'gbt-process' }],
      ['special-procedures.csv', { layout: 'gbt-special-procedure' }],
      [
        'queue.csv',
        {
          layout: 'ticket-rows',
          mapping: JSON.stringify({ caseId: '办件编号', location: '大厅' }),
        },
      ],
    ];
    for (const [name, fields] of uploads) {
      const res = await send(ds.id, name, fields, 'upload');
      const report = (await res.json()) as UploadDto;
      expect([name, res.status, report.rowsRejected, report.rowsAccepted]).toEqual([
        name,
        201,
        0,
        expected[name],
      ]);
    }
    const saved = (await (
      await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}`)
    ).json()) as DatasetDto;
    // The queue's `hall` joined the case table's roles; the presets saved no mapping.
    expect(saved.channelRoles).toEqual({
      '1': 'in-person',
      '2': 'online',
      '3': 'online',
      hall: 'in-person',
    });
    expect(saved.mapping).toEqual({ caseId: '办件编号', location: '大厅' });

    const { result } = await mineDataset(suite.api.url, ds.id, { params: { journey: 'case' } });
    const caseIds = new Set(caseRows.map((r) => r['办件编号']));
    expect(result.summary.journeys).toBe(caseIds.size);
    expect(caseIds.size).toBe(40);
    const visits = new Set(
      tickets.map((r) => `${r['办件编号']}|${r['大厅']}|${r['取号时间'].slice(0, 10)}`),
    );
    expect(result.trips?.total).toBe(visits.size);
  }, 120_000);

  it('rejects a bad row of a preset with its line and column, and refuses a preset on NDJSON', async () => {
    const ds = (await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, { name: 'bad' }))
      .body;
    const body = new FormData();
    body.append('layout', 'gbt-process');
    body.append('maxRejectedRatio', '1');
    body.append(
      'file',
      new Blob([
        '办件编号,环节名称,业务动作,环节开始时间,环节结束时间\n' +
          'A1,审查,通过,2025-09-01 09:00:00,2025-09-01 10:00:00\n' +
          'A1,审批,通过,2025-09-01 11:00:00,2025-09-01 10:30:00\n',
      ]),
      'p.csv',
    );
    const res = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      method: 'POST',
      body,
    });
    const report = (await res.json()) as UploadDto;
    expect([res.status, report.rowsAccepted, report.rowsRejected]).toEqual([201, 1, 1]);
    expect(report.rejected.map((r) => [r.line, r.column, r.code])).toEqual([
      [3, '环节结束时间', 'times-out-of-order'],
    ]);

    const nd = new FormData();
    nd.append('layout', 'gbt-case');
    nd.append('file', new Blob(['{"办件编号":"A1"}\n']), 'c.ndjson');
    const refused = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      method: 'POST',
      body: nd,
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      'gbt-case preset reads CSV and .xlsx only',
    );
  });

  it('previews and uploads an .xlsx work-order table by its preset', async () => {
    const ds = (
      await postJson<DatasetDto>(`${suite.api.url}/api/v1/datasets`, {
        name: '12345',
        timezone: 'Asia/Shanghai',
      })
    ).body;
    // Two orders: W1 answered at once (受理, 办结, 回访), W2 dispatched (受理, 派遣, 办结): 6 events.
    const book = writeXlsx([
      {
        name: '工单',
        rows: [
          ['工单编号', '工单类型', '受理时间', '派遣时间', '办结时间', '回访时间', '主办单位'],
          [
            'W1',
            '咨询',
            '2025-09-01 09:00:00',
            null,
            '2025-09-01 09:05:00',
            '2025-09-02 09:05:00',
            '热线',
          ],
          [
            'W2',
            '投诉',
            '2025-09-01 10:00:00',
            '2025-09-01 10:10:00',
            '2025-09-03 16:00:00',
            null,
            '市场监督管理局',
          ],
        ],
      },
    ]);
    const form = (fields: Record<string, string>): FormData => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      body.append('file', new Blob([new Uint8Array(book)]), '工单.xlsx');
      return body;
    };
    const previewed = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads/preview`, {
      method: 'POST',
      body: form({}),
    });
    expect(((await previewed.json()) as UploadPreviewDto).suggestedLayout).toBe('work-order-12345');
    const uploaded = await fetch(`${suite.api.url}/api/v1/datasets/${ds.id}/uploads`, {
      method: 'POST',
      body: form({ layout: 'work-order-12345' }),
    });
    const report = (await uploaded.json()) as UploadDto;
    expect([uploaded.status, report.rowsAccepted, report.rowsRejected]).toEqual([201, 6, 0]);
    const { result } = await mineDataset(suite.api.url, ds.id, { params: { journey: 'case' } });
    expect(result.summary.journeys).toBe(2);
    expect(result.activities.map((a) => [a.activity, a.count]).sort()).toEqual([
      ['12345办结', 2],
      ['12345受理', 2],
      ['12345回访', 1],
      ['12345派遣', 1],
    ]);
  });
});
