/**
 * An event log of a government service has no events before 1970 or years ahead, and a bare `1`
 * in the time column is a misread count, not 1899-12-31: such rows are rejected with a code, and
 * the upload policy decides what that costs.
 */
import { parseTimestamp } from './timestamp';
import { collect, eventsOf, streamOf } from './testing';

const YEAR = 366 * 24 * 60 * 60 * 1000;

describe('bare small numbers are not Excel dates', () => {
  it.each([['1'], ['2'], ['60'], ['25568'], ['1.5']])('%s is no timestamp', (v) => {
    expect(parseTimestamp(v, 'UTC')).toBeNull();
  });

  it('reads serials from 1970-01-01 (25569) on', () => {
    expect(parseTimestamp('25569', 'UTC')).toBe(0);
    expect(parseTimestamp('45352', 'UTC')).toBe(Date.UTC(2024, 2, 1));
  });
});

describe('times outside the plausible range are rejected rows', () => {
  const future = new Date(Date.now() + 2 * YEAR).toISOString().slice(0, 10);
  const text =
    'case_id,activity,timestamp,start\n' +
    'A,ok,2024-03-01 09:00:00,\n' +
    'A,old,1960-05-01 09:00:00,\n' +
    `A,ahead,${future} 09:00:00,\n` +
    'A,count,1,\n' +
    'A,start,2024-03-01 10:00:00,1969-12-31 23:59:59\n';

  it('names the column, the value, the instant read and the bound', async () => {
    const records = await collect(streamOf(text), {
      file: 'times.csv',
      mapping: { startTimestamp: 'start' },
    });
    expect(eventsOf(records).map((e) => e.activity)).toEqual(['ok']);
    const rejected = records.filter((r) => r.kind === 'rejected');
    expect(rejected.map((r) => [r.line, r.column, r.kind === 'rejected' ? r.code : null])).toEqual([
      [3, 'timestamp', 'timestamp-too-early'],
      [4, 'timestamp', 'timestamp-too-late'],
      [5, 'timestamp', 'unparseable-timestamp'],
      [6, 'start', 'timestamp-too-early'],
    ]);
    expect(rejected[0]).toMatchObject({
      reason:
        'timestamp "1960-05-01 09:00:00" is 1960-05-01T09:00:00.000Z, before the plausible range starts (1970-01-01T00:00:00.000Z)',
    });
    expect(rejected[1]).toMatchObject({
      reason: expect.stringMatching(/, after the plausible range ends \(\d{4}-/) as unknown,
    });
    expect(rejected[2]).toMatchObject({ reason: 'unparseable timestamp "1"' });
  });

  it('applies to NDJSON and takes the range from the options', async () => {
    const ndjson =
      '{"case_id":"A","activity":"a","timestamp":"1960-05-01T00:00:00Z"}\n' +
      '{"case_id":"A","activity":"b","timestamp":"1999-05-01T00:00:00Z"}\n';
    const strict = await collect(streamOf(ndjson), {
      file: 'e.ndjson',
      limits: { earliestTimestamp: Date.UTC(2000, 0, 1) },
    });
    expect(strict.map((r) => (r.kind === 'rejected' ? r.code : r.kind))).toEqual([
      'timestamp-too-early',
      'timestamp-too-early',
    ]);
    const open = await collect(streamOf(ndjson), {
      file: 'e.ndjson',
      limits: { earliestTimestamp: -Infinity },
    });
    expect(open.map((r) => r.kind)).toEqual(['event', 'event']);
  });

  it('applies to XES', async () => {
    const xes =
      '<?xml version="1.0"?><log><trace><string key="concept:name" value="T"/>' +
      '<event><string key="concept:name" value="a"/><date key="time:timestamp" value="1950-01-01T00:00:00Z"/></event>' +
      '</trace></log>';
    const records = await collect(streamOf(xes), { file: 'old.xes' });
    expect(records).toMatchObject([
      { kind: 'rejected', column: 'time:timestamp', code: 'timestamp-too-early' },
    ]);
  });
});
