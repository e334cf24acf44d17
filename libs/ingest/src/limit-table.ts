/**
 * The per-service time-limit table (docs/ingest.md#time-limits): a CSV with a header row naming
 * the service (事项名称 and/or 事项编码), its promised limit (承诺时限), its legal limit (法定时限)
 * and their unit (单位: 工作日, 自然日, 小时). Read whole (it is small: one row per service).
 */
import type { LimitUnit, ServiceLimit } from '@onetrip/contracts';
import type { Options } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { IngestError } from './errors';

/** Header names of each column, compared trimmed and case-insensitively. */
const HEADERS = {
  service: ['事项名称', '服务事项', '事项', '办理事项', 'service', 'service name'],
  code: ['事项编码', '事项代码', '实施编码', '事项实施编码', 'code', 'service code'],
  promised: ['承诺时限', '承诺办结时限', '承诺期限', 'promised', 'promised limit'],
  legal: ['法定时限', '法定办结时限', '法定期限', 'legal', 'legal limit'],
  unit: ['单位', '时限单位', '计时单位', 'unit'],
} as const;

type Column = keyof typeof HEADERS;

/** Rows at most (one per service). */
export const LIMIT_TABLE_MAX_ROWS = 10_000;

/** A unit cell (or an amount's suffix) as a unit; null when it is none of them. */
export function readLimitUnit(value: string): LimitUnit | null {
  const s = value.trim().toLowerCase().replace(/\s+/g, '');
  if (s === '') return null;
  if (['工作日', '个工作日', 'workday', 'workdays', 'workingday', 'workingdays'].includes(s)) {
    return 'workdays';
  }
  if (
    [
      '自然日',
      '日历日',
      '天',
      '日',
      '个自然日',
      'day',
      'days',
      'calendarday',
      'calendardays',
    ].includes(s)
  ) {
    return 'days';
  }
  if (['小时', '个小时', 'h', 'hour', 'hours'].includes(s)) return 'hours';
  return null;
}

/** Reads the table; an IngestError names the line and column of the first bad cell. */
export function readLimitTable(text: string, file = 'limits.csv'): ServiceLimit[] {
  const options: Options = { relax_column_count: true, skip_empty_lines: true };
  const rows = parse(text.replace(/^\uFEFF/, ''), options);
  if (rows.length === 0) {
    throw new IngestError({ file, line: null, reason: 'the file is empty', code: 'empty-file' });
  }
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(HEADERS) as Column[]) {
    index[column] = header.findIndex((h) =>
      (HEADERS[column] as readonly string[]).some((name) => name.toLowerCase() === h),
    );
  }
  const missing = (column: Column): IngestError =>
    new IngestError({
      file,
      line: 1,
      reason: `no ${HEADERS[column][0]} column (${column}); the header is: ${rows[0].join(', ')}`,
      code: 'missing-column',
    });
  if (index.service < 0 && index.code < 0) throw missing('service');
  if (index.promised < 0 && index.legal < 0) throw missing('promised');
  if (rows.length - 1 > LIMIT_TABLE_MAX_ROWS) {
    throw new IngestError({
      file,
      line: LIMIT_TABLE_MAX_ROWS + 2,
      reason: `more than ${LIMIT_TABLE_MAX_ROWS} rows`,
      code: 'invalid-value',
    });
  }
  const limits: ServiceLimit[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((row, r) => {
    const line = r + 2;
    const cell = (column: Column): string =>
      index[column] < 0 ? '' : (row[index[column]] ?? '').trim();
    const fail = (column: Column, reason: string): IngestError =>
      new IngestError({
        file,
        line,
        column: rows[0][index[column]],
        reason,
        code: 'invalid-value',
      });
    const service = cell('service') || cell('code');
    if (service === '') {
      throw fail(index.service >= 0 ? 'service' : 'code', 'no service name or code');
    }
    const unitCell = cell('unit');
    let unit = unitCell === '' ? null : readLimitUnit(unitCell);
    if (unitCell !== '' && unit === null) {
      throw fail(
        'unit',
        `unit '${unitCell}' is none of 工作日, 自然日, 小时 (workdays, days, hours)`,
      );
    }
    const amount = (column: 'promised' | 'legal'): number | null => {
      const value = cell(column);
      if (value === '' || value === '-' || value === '无') return null;
      const m = /^(\d+(?:\.\d+)?)\s*(.*)$/.exec(value);
      const suffix = m ? m[2].trim() : '';
      const suffixUnit = suffix === '' ? null : readLimitUnit(suffix);
      if (!m || (suffix !== '' && suffixUnit === null)) {
        throw fail(column, `'${value}' is not a number of days or hours`);
      }
      if (suffixUnit !== null) {
        if (unit !== null && unit !== suffixUnit) {
          throw fail(column, `'${value}' contradicts the unit '${unitCell}'`);
        }
        unit = suffixUnit;
      }
      return Number(m[1]);
    };
    const promised = amount('promised');
    const legal = amount('legal');
    const key = service;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw fail(
        index.service >= 0 ? 'service' : 'code',
        `'${service}' is listed twice (lines ${earlier} and ${line})`,
      );
    }
    seen.set(key, line);
    const code = cell('code');
    limits.push({
      service,
      code: code === '' || code === service ? null : code,
      promised,
      legal,
      unit: unit ?? 'workdays',
    });
  });
  return limits;
}
