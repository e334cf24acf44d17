import { Readable } from 'node:stream';
import { CopyTextDecoder, copyRows, decodeCopyField, encodeCopyRow } from './copy-text';

describe('COPY text format', () => {
  it('escapes tabs, newlines, backslashes and NULL so a row stays on one line', () => {
    expect(encodeCopyRow(['a\tb', 'line1\nline2\r', 'C:\\dir', null, 42])).toBe(
      'a\\tb\tline1\\nline2\\r\tC:\\\\dir\t\\N\t42\n',
    );
  });

  it('round-trips awkward values, Chinese text included', () => {
    const values = ['申请\t受理', '窗口\n2号', '\\N literally', '', '办结'];
    const decoder = new CopyTextDecoder();
    expect(decoder.push(encodeCopyRow(values))).toEqual([values]);
    expect(decodeCopyField('\\N')).toBeNull();
  });

  it('reassembles rows and multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from(encodeCopyRow(['受理', '1']) + encodeCopyRow(['办结', '2']), 'utf8');
    // Split inside the first character's three UTF-8 bytes and inside the second row.
    const chunks = [bytes.subarray(0, 1), bytes.subarray(1, 9), bytes.subarray(9)];
    const rows: (string | null)[][] = [];
    for await (const row of copyRows(Readable.from(chunks))) rows.push(row);
    expect(rows).toEqual([
      ['受理', '1'],
      ['办结', '2'],
    ]);
  });

  it('decodes the octal and hex escapes PostgreSQL may emit', () => {
    expect(decodeCopyField('a\\011b\\x41')).toBe('a\tbA');
  });
});
