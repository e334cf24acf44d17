/**
 * Files that are small but wrong in ways that used to cost the whole server (a row of millions of
 * delimiters) or silently lose data (a quote left open, two columns of one name). Each is either
 * refused with a stable code or turned into rejected rows that account for every line.
 */
import { Readable } from 'node:stream';
import { DEFAULT_LIMITS } from './types';
import { collect, eventsOf, readError, streamOf } from './testing';

const HEADER = 'case_id,activity,timestamp\n';

function rows(from: number, to: number): string {
  let s = '';
  for (let k = from; k <= to; k++) s += `C${k},a,2024-03-01 09:00:00\n`;
  return s;
}

describe('a row with more fields than any log has is refused as soon as it is read', () => {
  it('stops a data row of a million commas (fast path) with too-many-fields and its line', async () => {
    const err = await readError(streamOf(HEADER, 'A,b,2024-03-01\n', ','.repeat(1_000_000)), {
      file: 'commas.csv',
    });
    expect(err).toMatchObject({ code: 'too-many-fields', line: 3, file: 'commas.csv' });
    expect(err.reason).toBe(
      `the row has more than ${DEFAULT_LIMITS.maxFieldsPerRow} fields (${DEFAULT_LIMITS.maxFieldsPerRow + 1} read so far)`,
    );
  });

  it('stops a complete row of commas that has a quote in it (the tokenizer)', async () => {
    const err = await readError(streamOf(HEADER, '"A",' + ','.repeat(20_000) + '\n'), {
      file: 'quoted.csv',
    });
    expect(err).toMatchObject({ code: 'too-many-fields', line: 2 });
  });

  it('stops a header of 50 MB of commas, fed in 64 KiB pieces, long before the end', async () => {
    const chunk = ','.repeat(64 * 1024);
    let sent = 0;
    function* commas(): Generator<Buffer> {
      for (; sent < 800; sent++) yield Buffer.from(chunk);
    }
    const err = await readError(Readable.from(commas()), { file: 'header.csv' });
    expect(err).toMatchObject({ code: 'too-many-fields', line: 1 });
    expect(sent).toBeLessThan(100);
  });

  it('takes the limit from the options', async () => {
    const err = await readError(streamOf(HEADER + 'A,b,2024-03-01,x,y\n'), {
      file: 'five.csv',
      limits: { maxFieldsPerRow: 4 },
    });
    expect(err).toMatchObject({ code: 'too-many-fields', line: 2 });
  });
});

describe('a quote left open rejects its own line and nothing else', () => {
  it('accounts for all 101 rows when row 50 opens a quote that never closes', async () => {
    const text = HEADER + rows(1, 49) + 'C50,"a,2024-03-01 09:00:00\n' + rows(51, 101);
    const records = await collect(streamOf(text), { file: 'open.csv' });
    expect(records).toHaveLength(101);
    expect(eventsOf(records)).toHaveLength(100);
    expect(records.filter((r) => r.kind === 'rejected')).toEqual([
      {
        kind: 'rejected',
        line: 51,
        column: 'activity',
        reason:
          'a quoted field opened at character 5 of this line is not closed before the end of the file (reading went on with the next line)',
        code: 'unterminated-quote',
        params: { at: 5 },
        raw: 'C50,"a,2024-03-01 09:00:00',
      },
    ]);
    expect(records.map((r) => r.line)).toEqual(Array.from({ length: 101 }, (_, k) => k + 2));
  });

  it('gives up on a quote spanning more lines than the limit before the file ends, fed in small pieces', async () => {
    const text = HEADER + 'C0,"a\n' + rows(1, 300);
    const pieces: string[] = [];
    for (let k = 0; k < text.length; k += 500) pieces.push(text.slice(k, k + 500));
    const records = await collect(streamOf(...pieces), { file: 'lines.csv' });
    expect(records[0]).toMatchObject({
      kind: 'rejected',
      line: 2,
      column: 'activity',
      code: 'quoted-field-too-long',
      reason: expect.stringContaining(
        `is not closed within ${DEFAULT_LIMITS.maxQuotedFieldLines} lines`,
      ) as unknown,
    });
    // The quote opened on line 2; line 3 onwards are read as the rows they are.
    expect(records.slice(1).map((r) => r.kind)).toEqual(new Array(300).fill('event'));
  });

  it('gives up on a multi-line quoted field longer than maxQuotedFieldChars', async () => {
    const text = HEADER + 'C0,"a\n' + 'x'.repeat(200) + '\n' + rows(1, 3);
    const records = await collect(streamOf(text), {
      file: 'chars.csv',
      limits: { maxQuotedFieldChars: 100 },
    });
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['rejected', 2],
      ['rejected', 3], // the 200 x: one field where three are expected
      ['event', 4],
      ['event', 5],
      ['event', 6],
    ]);
  });

  it('still reads quoted fields that span a few lines, and long one-line quoted fields', async () => {
    const note = 'line one\nline two\nline three';
    const long = 'y'.repeat(200_000);
    const text =
      'case_id,activity,timestamp,note\n' + `A,b,2024-03-01,"${note}"\nA,c,2024-03-02,"${long}"\n`;
    const events = eventsOf(await collect(streamOf(text), { file: 'notes.csv' }));
    expect(events.map((e) => e.attributes.note)).toEqual([note, long]);
  });

  it('refuses a header whose quote never closes', async () => {
    const err = await readError(streamOf('case_id,"activity,timestamp\nA,b,2024-03-01\n'), {
      file: 'h.csv',
    });
    expect(err).toMatchObject({ code: 'unterminated-quote', line: 1 });
  });
});

describe('a header naming one column twice is refused instead of losing the first values', () => {
  it('names the duplicate and both positions', async () => {
    const err = await readError(
      streamOf('case_id,activity,timestamp,note,note\nA,b,2024-03-01,first,second\n'),
      { file: 'dup.csv' },
    );
    expect(err).toMatchObject({ code: 'duplicate-header', line: 1, column: 'note' });
    expect(err.reason).toBe(
      'the header names "note" twice (columns 4 and 5); rename one so that neither column\'s values are lost',
    );
  });

  it('compares names as trimmed, and leaves unnamed columns (trailing delimiters) alone', async () => {
    const dup = await readError(streamOf('case_id,activity,timestamp,a, a\nA,b,2024-03-01,1,2\n'), {
      file: 'trim.csv',
    });
    expect(dup).toMatchObject({ code: 'duplicate-header', column: 'a' });
    const records = await collect(streamOf('case_id,activity,timestamp,,\nA,b,2024-03-01,,\n'), {
      file: 'trailing.csv',
    });
    expect(records.map((r) => r.kind)).toEqual(['event']);
  });
});

describe('a flood of blank lines stops early', () => {
  it('fails with empty-line-flood after maxBlankLines blank lines in a row', async () => {
    const err = await readError(streamOf(HEADER + 'A,b,2024-03-01\n' + '\n'.repeat(50_000)), {
      file: 'blank.csv',
    });
    expect(err).toMatchObject({ code: 'empty-line-flood', line: 3 + DEFAULT_LIMITS.maxBlankLines });
  });

  it('counts blank lines before the header, and in NDJSON', async () => {
    const before = await readError(streamOf('\r\n'.repeat(20) + HEADER), {
      file: 'before.csv',
      limits: { maxBlankLines: 10 },
    });
    expect(before).toMatchObject({ code: 'empty-line-flood', line: 11 });
    const ndjson = await readError(streamOf('\n'.repeat(20)), {
      file: 'blank.ndjson',
      limits: { maxBlankLines: 10 },
    });
    expect(ndjson).toMatchObject({ code: 'empty-line-flood', line: 11 });
  });

  it('lets blank lines between rows through when each run is under the limit', async () => {
    const text = HEADER + ('A,b,2024-03-01\n' + '\n'.repeat(9)).repeat(5);
    const records = await collect(streamOf(text), {
      file: 'gaps.csv',
      limits: { maxBlankLines: 10 },
    });
    expect(records.map((r) => r.kind)).toEqual(new Array(5).fill('event'));
  });
});
