import path from 'node:path';
import type { TablePreset } from '@onetrip/contracts';
import { mine } from '@onetrip/mining';
import { collect, eventsOf, repoRoot } from './testing';
import type { NormalizedEvent, ReadOptions } from './types';

// The example tables shipped in docs/examples/gbt (made by `onetrip simulate --journeys 40
// --seed 7 --lang zh-CN --days 60 --gbt-tables docs/examples/gbt`), read in Asia/Shanghai.
// The expected events below were written from the rows quoted beside them.
const example = (name: string): string => path.join(repoRoot(), 'docs', 'examples', 'gbt', name);
/** Beijing wall time → epoch ms. */
const bj = (y: number, mo: number, d: number, h: number, mi: number, s: number): number =>
  Date.UTC(y, mo - 1, d, h - 8, mi, s);

async function read(name: string, options: Partial<ReadOptions>): Promise<NormalizedEvent[]> {
  const records = await collect(example(name), {
    file: name,
    timezone: 'Asia/Shanghai',
    ...options,
  });
  expect(records.filter((r) => r.kind === 'rejected')).toEqual([]);
  return eventsOf(records);
}
const preset = (p: TablePreset): Partial<ReadOptions> => ({ preset: p });
const ofCase = (events: NormalizedEvent[], caseId: string) =>
  events.filter((e) => e.caseId === caseId);

describe('the GB/T case table preset on docs/examples/gbt/cases.csv', () => {
  it('turns a case row into 申请 / 受理 / 办结 with the channel from 申报来源 and the case attributes', async () => {
    const events = await read('cases.csv', preset('gbt-case'));
    // HPF202500000002,000136003000,住房公积金提取,承诺件,1,C00000001,住房公积金管理中心,东城区政务服务大厅,
    // 2025-08-21 14:14:59,2025-08-25 15:20:17,2025-09-01 23:59:59,2025-09-03 13:15:45,准予许可,否
    const attributes = {
      事项编码: '000136003000',
      办件类型: '承诺件',
      承诺办结时间: '2025-09-01 23:59:59',
      办结结果: '准予许可',
      是否快递: '否',
    };
    const common = {
      caseId: 'HPF202500000002',
      startTimestamp: null,
      lifecycle: null,
      resource: null,
      citizen: 'C00000001',
      service: '住房公积金提取',
      location: '东城区政务服务大厅',
      department: '住房公积金管理中心',
      sourceSystem: null,
      attributes,
    };
    expect(ofCase(events, 'HPF202500000002')).toEqual([
      { ...common, activity: '申请', timestamp: bj(2025, 8, 21, 14, 14, 59), channel: '1' },
      { ...common, activity: '受理', timestamp: bj(2025, 8, 25, 15, 20, 17), channel: null },
      { ...common, activity: '办结', timestamp: bj(2025, 9, 3, 13, 15, 45), channel: null },
    ]);
  });

  it('leaves out the events of blank times and keeps no blank attribute', async () => {
    const events = await read('cases.csv', preset('gbt-case'));
    // PSB202500000001,…,1,…,2025-08-11 09:27:19,(no 受理时间),(no 承诺办结时间),2025-08-25 11:28:40,终止办理,否
    expect(
      ofCase(events, 'PSB202500000001').map((e) => [e.activity, e.timestamp, e.channel]),
    ).toEqual([
      ['申请', bj(2025, 8, 11, 9, 27, 19), '1'],
      ['办结', bj(2025, 8, 25, 11, 28, 40), null],
    ]);
    expect(ofCase(events, 'PSB202500000001')[0].attributes).not.toHaveProperty('承诺办结时间');
    // SAMR202500000004 was applied for on a mobile (申报来源 3), so no hall.
    const mobile = ofCase(events, 'SAMR202500000004')[0];
    expect([mobile.channel, mobile.location]).toEqual(['3', null]);
    // 40 case rows, each with its 申请.
    expect(events.filter((e) => e.activity === '申请')).toHaveLength(40);
  });
});

describe('the GB/T process table preset on docs/examples/gbt/process.csv', () => {
  it('turns a step into one activity with start, end, handler and department; 退回 adds a return', async () => {
    const events = await read('process.csv', preset('gbt-process'));
    // PSB202500000001,预审,退回,2025-08-11 12:44:47,2025-08-11 13:13:49,PSB-001,公安局
    // PSB202500000001,逾期未补正终止办理,终止,2025-08-25 11:28:40,2025-08-25 11:28:40,PSB-005,公安局
    const end = bj(2025, 8, 11, 13, 13, 49);
    expect(
      ofCase(events, 'PSB202500000001').map((e) => [
        e.activity,
        e.startTimestamp,
        e.timestamp,
        e.resource,
        e.department,
        e.attributes,
      ]),
    ).toEqual([
      ['预审', bj(2025, 8, 11, 12, 44, 47), end, 'PSB-001', '公安局', { 业务动作: '退回' }],
      ['退回', null, end, 'PSB-001', '公安局', { 业务动作: '退回', 环节名称: '预审' }],
      [
        '逾期未补正终止办理',
        bj(2025, 8, 25, 11, 28, 40),
        bj(2025, 8, 25, 11, 28, 40),
        'PSB-005',
        '公安局',
        { 业务动作: '终止' },
      ],
    ]);
  });
});

describe('the special procedure preset on docs/examples/gbt/special-procedures.csv', () => {
  it('turns a procedure into a start and a complete event named by its kind', async () => {
    const events = await read('special-procedures.csv', preset('gbt-special-procedure'));
    // HPF202500000002,听证,2025-08-28 09:59:48,2025-08-30 09:59:48,住房公积金管理中心
    expect(
      ofCase(events, 'HPF202500000002').map((e) => [
        e.activity,
        e.lifecycle,
        e.timestamp,
        e.department,
        e.attributes,
      ]),
    ).toEqual([
      ['听证', 'start', bj(2025, 8, 28, 9, 59, 48), '住房公积金管理中心', { 特别程序种类: '听证' }],
      [
        '听证',
        'complete',
        bj(2025, 8, 30, 9, 59, 48),
        '住房公积金管理中心',
        { 特别程序种类: '听证' },
      ],
    ]);
    expect(events).toHaveLength(9 * 2);
  });
});

describe('the hall queue preset (ticket-rows) on docs/examples/gbt/queue.csv', () => {
  it('joins the tickets to their case by 办件编号, the 票号 kept as an attribute', async () => {
    const events = await read('queue.csv', {
      ticketRows: true,
      mapping: { caseId: '办件编号', location: '大厅', service: '事项名称' },
    });
    // H3-000000001,PSB202500000001,居住证办理,滨江区政务服务大厅,2025-08-11 09:02:40,
    // 2025-08-11 09:18:13,2025-08-11 09:19:09,2025-08-11 09:37:22,H3-W08
    const first = ofCase(events, 'PSB202500000001').filter(
      (e) => e.attributes['票号'] === 'H3-000000001',
    );
    expect(
      first.map((e) => [e.activity, e.startTimestamp, e.timestamp, e.resource, e.location]),
    ).toEqual([
      ['取号', null, bj(2025, 8, 11, 9, 2, 40), null, '滨江区政务服务大厅'],
      ['叫号', null, bj(2025, 8, 11, 9, 18, 13), 'H3-W08', '滨江区政务服务大厅'],
      [
        '窗口办理',
        bj(2025, 8, 11, 9, 19, 9),
        bj(2025, 8, 11, 9, 37, 22),
        'H3-W08',
        '滨江区政务服务大厅',
      ],
    ]);
  });
});

describe('the 12345 work order preset on docs/examples/gbt/work-orders.csv', () => {
  it('turns an order into 受理 / (派遣) / 办结 / 回访, the calls on the phone', async () => {
    const events = await read('work-orders.csv', preset('work-order-12345'));
    // 12345-000000001,咨询,,营业执照办理,12345政务服务便民热线,2025-08-15 11:46:20,,
    // 2025-08-15 11:56:56,2025-08-16 11:56:56,满意
    expect(
      ofCase(events, '12345-000000001').map((e) => [
        e.activity,
        e.timestamp,
        e.channel,
        e.department,
        e.service,
      ]),
    ).toEqual([
      ['12345受理', bj(2025, 8, 15, 11, 46, 20), '12345热线', null, '营业执照办理'],
      ['12345办结', bj(2025, 8, 15, 11, 56, 56), null, '12345政务服务便民热线', '营业执照办理'],
      ['12345回访', bj(2025, 8, 16, 11, 56, 56), '12345热线', null, '营业执照办理'],
    ]);
    expect(ofCase(events, '12345-000000001')[0].attributes).toEqual({
      工单类型: '咨询',
      回访满意度: '满意',
    });
    // 12345-000000002,查询,HPF202500000008,…,住房公积金管理中心,2025-07-21 12:42:41,2025-07-21 13:01:57,…
    const dispatched = ofCase(events, '12345-000000002')[1];
    expect([dispatched.activity, dispatched.timestamp, dispatched.department]).toEqual([
      '12345派遣',
      bj(2025, 7, 21, 13, 1, 57),
      '住房公积金管理中心',
    ]);
    expect(ofCase(events, '12345-000000002')[0].attributes['关联办件编号']).toBe('HPF202500000008');
  });
});

describe('the four tables of one platform together', () => {
  it('make one journey per 办件编号 of the case table (40 rows)', async () => {
    const events = [
      ...(await read('cases.csv', preset('gbt-case'))),
      ...(await read('process.csv', preset('gbt-process'))),
      ...(await read('special-procedures.csv', preset('gbt-special-procedure'))),
      ...(await read('queue.csv', {
        ticketRows: true,
        mapping: { caseId: '办件编号', location: '大厅' },
      })),
    ];
    const result = mine(events, { journey: 'case' });
    expect(result.summary.journeys).toBe(40);
  });
});
