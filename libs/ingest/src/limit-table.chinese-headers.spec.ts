import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IngestError } from './errors';
import { readLimitTable } from './limit-table';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '../../../test/fixtures', name), 'utf8');

describe('the per-service time-limit table', () => {
  it('reads Chinese headers, units in their own column or after the amount', () => {
    expect(readLimitTable(fixture('ok/deadlines/service-limits.csv'))).toEqual([
      { service: '不动产登记', code: 'BDC001', promised: 5, legal: 30, unit: 'workdays' },
      { service: '营业执照办理', code: 'YYZZ002', promised: 2, legal: null, unit: 'hours' },
      { service: '社保卡申领', code: 'SBK003', promised: 10, legal: 20, unit: 'workdays' },
    ]);
  });

  it('reads English headers, a BOM, a code alone, and calendar days', () => {
    const text = '\uFEFFcode,promised,unit\r\nA-1,15,days\r\n';
    expect(readLimitTable(text)).toEqual([
      { service: 'A-1', code: null, promised: 15, legal: null, unit: 'days' },
    ]);
  });

  it('names the line and column of a cell that is not an amount', () => {
    const read = () => readLimitTable(fixture('not-ok/deadlines/limit-not-a-number.csv'), 'x.csv');
    expect(read).toThrow(IngestError);
    expect(read).toThrow(`x.csv:3 (column "承诺时限"): '两天' is not a number of days or hours`);
  });

  it('refuses an unknown unit, a service listed twice, and a table without a limit column', () => {
    expect(() => readLimitTable('事项名称,承诺时限,单位\nA,3,周\n')).toThrow(
      `limits.csv:2 (column "单位"): unit '周' is none of 工作日, 自然日, 小时 (workdays, days, hours)`,
    );
    expect(() => readLimitTable('事项名称,承诺时限\nA,3\nA,4\n')).toThrow(
      `limits.csv:3 (column "事项名称"): 'A' is listed twice (lines 2 and 3)`,
    );
    expect(() => readLimitTable('事项名称,备注\nA,x\n')).toThrow(
      'limits.csv:1: no 承诺时限 column (promised); the header is: 事项名称, 备注',
    );
  });
});
