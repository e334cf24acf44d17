import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { inspectFile } from './inspect';
import { collect, event, eventsOf, readError } from './testing';
import { writeXlsx as xlsxOf, xlsxParts, zipOf } from './xlsx-writer';
import { columnLetters, serialToText } from './xlsx';

const dir = mkdtempSync(path.join(tmpdir(), 'onetrip-xlsx-spec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, bytes: Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

// 2024-03-01 09:30 is Excel serial 45352.395833… in the 1900 system, 43890.395833… in 1904.
const MARCH_1_0930 = 45352 + 9.5 / 24;

const header = ['case_id', 'activity', 'timestamp', 'resource'];

describe('an .xlsx workbook is read like a CSV, sheet by sheet', () => {
  it('reads the first non-empty sheet: shared and inline strings, serial dates in both forms, text dates, empty cells', async () => {
    const p = file(
      'hall.xlsx',
      xlsxOf([
        { name: 'Empty', rows: [] },
        {
          name: 'Events',
          rows: [
            header,
            ['C1', { inline: '受理' }, { serial: MARCH_1_0930 }, 'r1'],
            ['C1', 'Approve', '2024/03/01 10:00', null],
            ['C2', 'Submit', { serial: 45353, builtin: true }, { inline: '窗口 3' }],
          ],
        },
      ]),
    );
    const records = await collect(p, { file: 'hall.xlsx', timezone: 'Asia/Shanghai' });
    expect(records).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({
          caseId: 'C1',
          activity: '受理',
          timestamp: Date.UTC(2024, 2, 1, 1, 30),
          attributes: { resource: 'r1' },
        }),
      },
      {
        kind: 'event',
        line: 3,
        event: event({ caseId: 'C1', activity: 'Approve', timestamp: Date.UTC(2024, 2, 1, 2) }),
      },
      {
        kind: 'event',
        line: 4,
        event: event({
          caseId: 'C2',
          activity: 'Submit',
          timestamp: Date.UTC(2024, 2, 1, 16),
          attributes: { resource: '窗口 3' },
        }),
      },
    ]);
  });

  it('reads the 1904 date system, and a workbook sent as a stream', async () => {
    const bytes = xlsxOf(
      [{ name: 'Mac', rows: [header, ['C1', 'Submit', { serial: MARCH_1_0930 - 1462 }, 'r1']] }],
      { date1904: true },
    );
    const spools = (): string[] =>
      readdirSync(tmpdir()).filter((n) => /^onetrip-xlsx-(?!spec-)/.test(n));
    const before = spools();
    const records = await collect(Readable.from([bytes]), { file: 'mac.xlsx' });
    // The stream was spooled to a temporary file, removed once the read ended.
    await new Promise((r) => setTimeout(r, 50));
    expect(spools()).toEqual(before);
    expect(eventsOf(records)).toEqual([
      event({
        caseId: 'C1',
        activity: 'Submit',
        timestamp: Date.UTC(2024, 2, 1, 9, 30),
        attributes: { resource: 'r1' },
      }),
    ]);
  });

  it('reads the sheet asked for, by name or by number, and names the sheets when it is not there', async () => {
    const p = file(
      'two.xlsx',
      xlsxOf([
        { name: 'A', rows: [header, ['C1', 'First', '2024-03-01 09:00', 'r']] },
        { name: 'B', rows: [header, ['C9', 'Second', '2024-03-01 09:00', 'r']] },
      ]),
    );
    const byName = eventsOf(await collect(p, { file: 'two.xlsx', sheet: 'B' }));
    const byNumber = eventsOf(await collect(p, { file: 'two.xlsx', sheet: '2' }));
    expect(byName.map((e) => e.activity)).toEqual(['Second']);
    expect(byNumber.map((e) => e.activity)).toEqual(['Second']);
    const err = await readError(p, { file: 'two.xlsx', sheet: 'C' });
    expect(err.code).toBe('sheet-not-found');
    expect(err.message).toBe('two.xlsx: the workbook has no sheet "C"; its sheets are "A", "B"');
  });

  it('names file, sheet, row and cell in a row problem, and reads on', async () => {
    const p = file(
      'bad.xlsx',
      xlsxOf([
        {
          name: '办件',
          rows: [
            header,
            ['C1', 'Submit', 'yesterday', 'r1'],
            ['C1', null, '2024-03-01 10:00', 'r1'],
            ['C2', 'Submit', '2024-03-01 10:00', 'r1', 'extra'],
            ['C3', 'Submit', '2024-03-01 11:00', 'r1'],
          ],
        },
      ]),
    );
    const records = await collect(p, { file: 'bad.xlsx' });
    expect(records.filter((r) => r.kind === 'rejected')).toEqual([
      {
        kind: 'rejected',
        line: 2,
        column: 'timestamp',
        reason: 'sheet "办件", cell C2: unparseable timestamp "yesterday"',
        code: 'unparseable-timestamp',
        params: { value: '"yesterday"', sheet: '办件', cell: 'C2' },
        raw: 'C1\tSubmit\tyesterday\tr1',
      },
      {
        kind: 'rejected',
        line: 3,
        column: 'activity',
        reason: 'sheet "办件", cell B3: missing activity',
        code: 'missing-activity',
        params: { sheet: '办件', cell: 'B3' },
        raw: 'C1\t\t2024-03-01 10:00\tr1',
      },
      {
        kind: 'rejected',
        line: 4,
        column: null,
        reason: 'sheet "办件", row 4: expected 4 fields but found 5',
        code: 'field-count',
        params: { expected: 4, found: 5, sheet: '办件', cell: '' },
        raw: 'C2\tSubmit\t2024-03-01 10:00\tr1\textra',
      },
    ]);
    expect(eventsOf(records).map((e) => e.caseId)).toEqual(['C3']);
  });

  it('names the sheet when a mapped column is missing', async () => {
    const p = file(
      'nocol.xlsx',
      xlsxOf([
        {
          name: 'S',
          rows: [
            ['case_id', 'activity'],
            ['C1', 'A'],
          ],
        },
      ]),
    );
    const err = await readError(p, { file: 'nocol.xlsx' });
    expect(err.code).toBe('missing-column');
    expect(err.message).toMatch(/^nocol\.xlsx \(sheet "S"\):1 \(column "timestamp"\): /);
  });

  it('refuses a zip bomb, an oversized shared-strings table, a DOCTYPE, a non-zip and .xls', async () => {
    const huge = xlsxParts([{ name: 'S', rows: [header] }]);
    huge['xl/worksheets/sheet1.xml'] =
      `<worksheet><sheetData>${'<row/>'.repeat(2_000_000)}</sheetData></worksheet>`;
    const bomb = file('bomb.xlsx', zipOf(huge));
    const ratio = await readError(bomb, {
      file: 'bomb.xlsx',
      limits: { decompressionRatioFreeBytes: 1024 * 1024, maxDecompressionRatio: 100 },
    });
    expect(ratio.code).toBe('decompression-ratio');
    expect(ratio.message).toMatch(
      /^bomb\.xlsx: xl\/worksheets\/sheet1\.xml expands more than 100 times/,
    );
    const size = await readError(bomb, {
      file: 'bomb.xlsx',
      limits: { maxDecompressedBytes: 4096 },
    });
    expect(size.code).toBe('decompressed-too-large');

    const strings = file(
      'strings.xlsx',
      xlsxOf([{ name: 'S', rows: [header, ['C1', 'x'.repeat(5000), '2024-03-01', 'r']] }]),
    );
    const sst = await readError(strings, {
      file: 'strings.xlsx',
      limits: { maxSharedStringChars: 1000 },
    });
    expect(sst.code).toBe('field-too-long');
    expect(sst.message).toBe(
      'strings.xlsx: the shared strings of the workbook exceed the limit of 1000 characters',
    );

    const parts = xlsxParts([{ name: 'S', rows: [header] }]);
    parts['xl/sharedStrings.xml'] =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaa">]><sst><si><t>&a;</t></si></sst>';
    const xxe = await readError(file('xxe.xlsx', zipOf(parts)), { file: 'xxe.xlsx' });
    expect(xxe.code).toBe('entity-expansion');

    const notZip = await readError(file('fake.xlsx', Buffer.from('case_id,activity\n')), {
      file: 'fake.xlsx',
    });
    expect(notZip.code).toBe('xlsx-malformed');

    const xls = await readError(file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0])), {
      file: 'old.xls',
    });
    expect(xls.code).toBe('unsupported-format');
    expect(xls.message).toMatch(/save it as \.xlsx$/);
  });

  it('previews the sheets and the chosen sheet for the mapping dialog', async () => {
    const p = file(
      'preview.xlsx',
      xlsxOf([
        { name: 'Notes', rows: [] },
        {
          name: '事项',
          rows: [
            ['办件编号', '环节', '时间'],
            ['B1', '受理', { serial: 45352 }],
          ],
        },
        { name: 'Other', rows: [['x'], ['1']] },
      ]),
    );
    const info = await inspectFile(p, { file: 'preview.xlsx' });
    expect(info).toMatchObject({
      format: 'xlsx',
      sheets: ['Notes', '事项', 'Other'],
      sheet: '事项',
      columns: ['办件编号', '环节', '时间'],
      sample: [['B1', '受理', '2024-03-01 00:00:00']],
      suggested: { caseId: '办件编号', activity: '环节', timestamp: '时间' },
    });
    const other = await inspectFile(p, { file: 'preview.xlsx', sheet: 'Other' });
    expect(other).toMatchObject({ sheet: 'Other', columns: ['x'], sample: [['1']] });
  });
});

describe('Excel serial days and cell references', () => {
  it('turns serials into local wall time, with Excel’s 1900 leap-year bug below serial 61', () => {
    expect(serialToText(1, false)).toBe('1900-01-01 00:00:00');
    expect(serialToText(59, false)).toBe('1900-02-28 00:00:00');
    expect(serialToText(61, false)).toBe('1900-03-01 00:00:00');
    expect(serialToText(MARCH_1_0930, false)).toBe('2024-03-01 09:30:00');
    expect(serialToText(0, true)).toBe('1904-01-01 00:00:00');
    expect(serialToText(45352.5 + 0.25 / 86400, false)).toBe('2024-03-01 12:00:00.250');
  });

  it('spells columns as Excel does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('a hall queue export as a workbook, one row per ticket', () => {
  it('becomes ticket, call and service events as from a CSV', async () => {
    const p = file(
      'queue.xlsx',
      xlsxOf([
        {
          name: '取号记录',
          rows: [
            ['票号', '取号时间', '叫号时间', '开始服务时间', '完成时间', '窗口'],
            [
              'A001',
              '2024-03-04 09:00',
              '2024-03-04 09:20',
              '2024-03-04 09:22',
              '2024-03-04 09:40',
              'W03',
            ],
            ['A002', '2024-03-04 09:05', null, null, null, null],
          ],
        },
      ]),
    );
    const records = await collect(p, {
      file: 'queue.xlsx',
      timezone: 'Asia/Shanghai',
      ticketRows: true,
    });
    const at = (h: number, m: number) => Date.UTC(2024, 2, 4, h - 8, m);
    expect(eventsOf(records).map((e) => [e.caseId, e.activity, e.timestamp])).toEqual([
      ['A001', '取号', at(9, 0)],
      ['A001', '叫号', at(9, 20)],
      ['A001', '窗口办理', at(9, 40)],
      ['A002', '取号', at(9, 5)],
    ]);
  });
});
