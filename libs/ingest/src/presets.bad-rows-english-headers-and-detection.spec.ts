import { writeXlsx } from './xlsx-writer';
import { detectLayout, presetMapping } from './presets';
import { collect, eventsOf, readError, streamOf } from './testing';
import type { IngestRecord, ReadOptions } from './types';

const bj = (d: number, h: number, mi: number): number => Date.UTC(2025, 8, d, h - 8, mi);

async function records(text: string, options: Partial<ReadOptions>): Promise<IngestRecord[]> {
  return collect(streamOf(text), { file: 't.csv', timezone: 'Asia/Shanghai', ...options });
}
const rejections = (rs: IngestRecord[]) =>
  rs.flatMap((r) => (r.kind === 'rejected' ? [[r.line, r.column, r.code]] : []));

describe('bad rows of each preset are rejected with their line and column', () => {
  it('case table: missing 办件编号, an unparseable 受理时间, 办结 before 受理, a bad 承诺办结时间', async () => {
    const rs = await records(
      [
        '办件编号,申报来源,申请时间,受理时间,承诺办结时间,办结时间',
        'A1,1,2025-09-01 09:00,2025-09-01 10:00,2025-09-08 23:59:59,2025-09-03 10:00',
        ',1,2025-09-01 09:00,,,',
        'A3,2,2025-09-01 09:00,yesterday,,',
        'A4,2,2025-09-01 09:00,2025-09-02 09:00,,2025-09-01 12:00',
        'A5,2,2025-09-01 09:00,,next week,',
        'A6,2,,2025-09-02 09:00,,',
      ].join('\n'),
      { preset: 'gbt-case' },
    );
    expect(rejections(rs)).toEqual([
      [3, '办件编号', 'missing-case-id'],
      [4, '受理时间', 'unparseable-timestamp'],
      [5, '办结时间', 'times-out-of-order'],
      [6, '承诺办结时间', 'unparseable-timestamp'],
      [7, '申请时间', 'missing-timestamp'],
    ]);
    const bad = rs.find((r) => r.kind === 'rejected' && r.line === 5);
    expect(bad?.kind === 'rejected' && bad.reason).toBe(
      '办结时间 "2025-09-01 12:00" is before 受理时间',
    );
    expect(eventsOf(rs).map((e) => [e.caseId, e.activity])).toEqual([
      ['A1', '申请'],
      ['A1', '受理'],
      ['A1', '办结'],
    ]);
  });

  it('process table: no 环节名称, no 环节结束时间, start after end', async () => {
    const rs = await records(
      [
        '办件编号,环节名称,业务动作,环节开始时间,环节结束时间,处理人,处理部门',
        'A1,,通过,2025-09-01 09:00,2025-09-01 10:00,p1,d1',
        'A1,审查,通过,2025-09-01 09:00,,p1,d1',
        'A1,审查,通过,2025-09-01 11:00,2025-09-01 10:00,p1,d1',
      ].join('\n'),
      { preset: 'gbt-process' },
    );
    expect(rejections(rs)).toEqual([
      [2, '环节名称', 'missing-activity'],
      [3, '环节结束时间', 'missing-timestamp'],
      [4, '环节结束时间', 'times-out-of-order'],
    ]);
  });

  it('special procedures: no kind, no start, end before start', async () => {
    const rs = await records(
      [
        '办件编号,特别程序种类,特别程序开始时间,特别程序结束时间',
        'A1,,2025-09-01 09:00,2025-09-02 09:00',
        'A1,听证,,2025-09-02 09:00',
        'A1,听证,2025-09-03 09:00,2025-09-02 09:00',
        'A1,听证,2025-09-03 09:00,',
      ].join('\n'),
      { preset: 'gbt-special-procedure' },
    );
    expect(rejections(rs)).toEqual([
      [2, '特别程序种类', 'missing-activity'],
      [3, '特别程序开始时间', 'missing-timestamp'],
      [4, '特别程序结束时间', 'times-out-of-order'],
    ]);
    // A procedure still running: its start only.
    expect(eventsOf(rs).map((e) => [e.activity, e.lifecycle])).toEqual([['听证', 'start']]);
  });

  it('work orders: no 工单编号, 回访 before 办结', async () => {
    const rs = await records(
      [
        '工单编号,受理时间,派遣时间,办结时间,回访时间',
        ',2025-09-01 09:00,,,',
        'W2,2025-09-01 09:00,2025-09-01 09:10,2025-09-01 12:00,2025-09-01 11:00',
      ].join('\n'),
      { preset: 'work-order-12345' },
    );
    expect(rejections(rs)).toEqual([
      [2, '工单编号', 'missing-case-id'],
      [3, '回访时间', 'times-out-of-order'],
    ]);
  });

  it('a file without a required column fails before any row, naming the preset and the names', async () => {
    const error = await readError(streamOf('办件编号,环节名称\nA1,审查\n'), {
      file: 'p.csv',
      preset: 'gbt-process',
    });
    expect(error.code).toBe('missing-column');
    expect(error.reason).toContain('gbt-process');
    expect(error.reason).toContain('环节结束时间');
  });

  it('is refused on an XES or NDJSON file', async () => {
    const error = await readError(streamOf('{"a":1}\n'), {
      file: 'p.ndjson',
      preset: 'gbt-case',
    });
    expect(error.code).toBe('invalid-option');
  });
});

describe('English headers', () => {
  it('read as the Chinese ones, with English activity names', async () => {
    const rs = await records(
      [
        'case_id,service,channel,applied_at,accepted_at,completed_at,promised_at',
        'A1,Business licence,counter,2025-09-01 09:00,2025-09-01 10:00,2025-09-03 10:00,2025-09-05',
      ].join('\n'),
      { preset: 'gbt-case' },
    );
    expect(eventsOf(rs).map((e) => [e.activity, e.timestamp, e.channel, e.service])).toEqual([
      ['Apply', bj(1, 9, 0), 'counter', 'Business licence'],
      ['Accept', bj(1, 10, 0), null, 'Business licence'],
      ['Complete', bj(3, 10, 0), null, 'Business licence'],
    ]);
    expect(eventsOf(rs)[0].attributes).toEqual({ promised_at: '2025-09-05' });
    const steps = await records(
      [
        'case id,step,action,step start,step end,handler',
        'A1,Review,returned,2025-09-01 09:00,2025-09-01 10:00,p1',
      ].join('\n'),
      { preset: 'gbt-process' },
    );
    expect(eventsOf(steps).map((e) => [e.activity, e.resource])).toEqual([
      ['Review', 'p1'],
      ['Returned', 'p1'],
    ]);
  });

  it('the mapping names a column of another name', async () => {
    const rs = await records(
      ['编号,环节名称,业务动作,环节结束时间', 'A1,审查,通过,2025-09-01 10:00'].join('\n'),
      { preset: 'gbt-process', mapping: { caseId: '编号' } },
    );
    expect(eventsOf(rs).map((e) => [e.caseId, e.activity])).toEqual([['A1', '审查']]);
  });
});

describe('an .xlsx case table', () => {
  it('reads like the CSV, date cells included', async () => {
    const book = writeXlsx([
      {
        name: '办件',
        rows: [
          ['办件编号', '申报来源', '申请时间', '办结时间'],
          // 45901 = 2025-09-01; .375 = 09:00 (wall time, read in the dataset's zone).
          ['A1', '3', { serial: 45901.375 }, '2025-09-02 10:00:00'],
        ],
      },
    ]);
    const rs = await collect(streamOf(book), {
      file: 'cases.xlsx',
      timezone: 'Asia/Shanghai',
      preset: 'gbt-case',
    });
    expect(eventsOf(rs).map((e) => [e.activity, e.timestamp, e.channel])).toEqual([
      ['申请', bj(1, 9, 0), '3'],
      ['办结', bj(2, 10, 0), null],
    ]);
  });
});

describe('detectLayout (what the preview suggests)', () => {
  it.each([
    [['办件编号', '事项名称', '申报来源', '申请时间', '受理时间', '办结时间'], 'gbt-case'],
    [['case_id', 'applied_at', 'completed_at'], 'gbt-case'],
    [['办件编号', '环节名称', '业务动作', '环节开始时间', '环节结束时间', '处理人'], 'gbt-process'],
    [['case id', 'step', 'action', 'step end'], 'gbt-process'],
    [['办件编号', '特别程序种类', '特别程序开始时间', '特别程序结束时间'], 'gbt-special-procedure'],
    [['工单编号', '工单类型', '受理时间', '派遣时间', '办结时间', '回访时间'], 'work-order-12345'],
    [['票号', '办件编号', '取号时间', '叫号时间', '完成时间', '窗口'], 'ticket-rows'],
    [['办件编号', '环节名称', '办理时间'], 'events'],
    [['case_id', 'activity', 'timestamp'], 'events'],
  ])('%j → %s', (header, layout) => {
    expect(detectLayout(header)).toBe(layout);
  });

  it('suggests 申报来源 as the channel of a case table', () => {
    expect(
      presetMapping('gbt-case', ['办件编号', '事项名称', '申报来源', '申请时间', '受理部门']),
    ).toEqual({
      caseId: '办件编号',
      service: '事项名称',
      channel: '申报来源',
      department: '受理部门',
    });
  });
});
