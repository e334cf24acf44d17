import { eventIdentity } from './identity';
import { collect, event, eventsOf, fixture, streamOf } from './testing';

describe('row problems in a CSV are rejected records with line and column, not failures', () => {
  it('rejects rows without a case id, activity or timestamp, or with the wrong number of fields', async () => {
    const records = await collect(fixture('not-ok', 'missing-case-id.csv'), {
      file: 'missing-case-id.csv',
    });
    expect(records).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({
          caseId: 'C1',
          activity: 'Submit',
          timestamp: Date.UTC(2024, 2, 1, 9),
          attributes: { resource: 'r1' },
        }),
      },
      {
        kind: 'rejected',
        line: 3,
        column: 'case_id',
        reason: 'missing case id',
        code: 'missing-case-id',
        params: {},
        raw: expect.any(String) as string,
      },
      {
        kind: 'rejected',
        line: 4,
        column: 'case_id',
        reason: 'missing case id',
        code: 'missing-case-id',
        params: {},
        raw: expect.any(String) as string,
      },
      {
        kind: 'rejected',
        line: 5,
        column: null,
        reason: 'expected 4 fields but found 3',
        code: 'field-count',
        params: { expected: 4, found: 3 },
        raw: expect.any(String) as string,
      },
      {
        kind: 'rejected',
        line: 6,
        column: 'activity',
        reason: 'missing activity',
        code: 'missing-activity',
        params: {},
        raw: expect.any(String) as string,
      },
      {
        kind: 'rejected',
        line: 7,
        column: 'timestamp',
        reason: 'missing timestamp',
        code: 'missing-timestamp',
        params: {},
        raw: expect.any(String) as string,
      },
      {
        kind: 'event',
        line: 8,
        event: event({
          caseId: 'C1',
          activity: 'Close',
          timestamp: Date.UTC(2024, 2, 1, 13),
          attributes: { resource: 'r3' },
        }),
      },
    ]);
  });

  it('reads each row of a column mixing timestamp formats on its own, rejecting only the bad ones', async () => {
    const records = await collect(fixture('not-ok', 'mixed-timestamp-formats.csv'), {
      file: 'mixed.csv',
      timezone: 'Asia/Shanghai',
    });
    // 2024-03-01 09:00 in Shanghai = 01:00 UTC; epoch values are instants (1709283600 = 09:00 UTC).
    const nineShanghai = Date.UTC(2024, 2, 1, 1);
    const nineUtc = Date.UTC(2024, 2, 1, 9);
    expect(records).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({ caseId: 'M1', activity: 'a', timestamp: nineShanghai }),
      },
      {
        kind: 'event',
        line: 3,
        event: event({ caseId: 'M1', activity: 'b', timestamp: nineShanghai }),
      },
      {
        kind: 'event',
        line: 4,
        event: event({ caseId: 'M1', activity: 'c', timestamp: nineShanghai }),
      },
      {
        kind: 'event',
        line: 5,
        event: event({ caseId: 'M1', activity: 'd', timestamp: nineShanghai }),
      },
      { kind: 'event', line: 6, event: event({ caseId: 'M1', activity: 'e', timestamp: nineUtc }) },
      { kind: 'event', line: 7, event: event({ caseId: 'M1', activity: 'f', timestamp: nineUtc }) },
      // Excel serial 45352.375 = 2024-03-01 09:00 wall clock (45352 days after 1899-12-30, + 9 h).
      {
        kind: 'event',
        line: 8,
        event: event({ caseId: 'M1', activity: 'g', timestamp: nineShanghai }),
      },
      {
        kind: 'rejected',
        line: 9,
        column: 'timestamp',
        reason: 'unparseable timestamp "01/03/2024 09:00"',
        code: 'unparseable-timestamp',
        params: { value: '"01/03/2024 09:00"' },
        raw: 'M1,h,01/03/2024 09:00',
      },
      {
        kind: 'rejected',
        line: 10,
        column: 'timestamp',
        reason: 'unparseable timestamp "2024-02-30 09:00:00"',
        code: 'unparseable-timestamp',
        params: { value: '"2024-02-30 09:00:00"' },
        raw: 'M1,i,2024-02-30 09:00:00',
      },
    ]);
  });

  it('yields duplicate rows as they are; their identities tell them apart from near-duplicates', async () => {
    const events = eventsOf(
      await collect(fixture('not-ok', 'duplicate-rows.csv'), { file: 'dup.csv' }),
    );
    expect(events).toHaveLength(5);
    const ids = events.map(eventIdentity);
    // Line 4 repeats line 2; line 5 repeats line 3 with the same instant written another way;
    // line 6 differs from line 3 only in its resource.
    expect(ids[2]).toBe(ids[0]);
    expect(ids[3]).toBe(ids[1]);
    expect(ids[4]).not.toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
  });

  it('rejects a row with bytes that are not valid in the encoding, naming the column', async () => {
    const bad = Buffer.concat([
      Buffer.from('case_id,activity,timestamp\nE1,ok,2024-03-01\nE1,', 'utf8'),
      Buffer.from([0xc3, 0x28]), // an invalid UTF-8 sequence
      Buffer.from(',2024-03-02\nE1,fine,2024-03-03\n', 'utf8'),
    ]);
    const records = await collect(streamOf(bad), { file: 'e.csv', encoding: 'utf-8' });
    expect(
      records.map((r) =>
        r.kind === 'event' ? r.event.activity : `${r.line}:${r.column}:${r.reason}`,
      ),
    ).toEqual(['ok', '3:activity:encoding error: bytes that are not valid utf-8', 'fine']);
  });

  it('rejects an unparseable start timestamp and keeps an empty one as null', async () => {
    const records = await collect(
      streamOf(
        'case_id,activity,timestamp,start\nS,a,2024-03-01 10:00,2024-03-01 09:30\nS,b,2024-03-01 11:00,\nS,c,2024-03-01 12:00,soon\n',
      ),
      { file: 's.csv', mapping: { startTimestamp: 'start' } },
    );
    expect(records).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({
          caseId: 'S',
          activity: 'a',
          timestamp: Date.UTC(2024, 2, 1, 10),
          startTimestamp: Date.UTC(2024, 2, 1, 9, 30),
        }),
      },
      {
        kind: 'event',
        line: 3,
        event: event({ caseId: 'S', activity: 'b', timestamp: Date.UTC(2024, 2, 1, 11) }),
      },
      {
        kind: 'rejected',
        line: 4,
        column: 'start',
        reason: 'unparseable timestamp "soon"',
        code: 'unparseable-timestamp',
        params: { value: '"soon"' },
        raw: expect.any(String) as string,
      },
    ]);
  });

  it('rejects the line of a quoted field left open at the end of the file, and reads the rest', async () => {
    const records = await collect(
      streamOf('case_id,activity,timestamp\nQ,a,2024-03-01\nQ,"b,2024-03-02\nQ,c,2024-03-03\n'),
      { file: 'q.csv' },
    );
    expect(records).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({ caseId: 'Q', activity: 'a', timestamp: Date.UTC(2024, 2, 1) }),
      },
      {
        kind: 'rejected',
        line: 3,
        column: 'activity',
        reason:
          'a quoted field opened at character 3 of this line is not closed before the end of the file (reading went on with the next line)',
        code: 'unterminated-quote',
        params: { at: 3 },
        raw: 'Q,"b,2024-03-02',
      },
      {
        kind: 'event',
        line: 4,
        event: event({ caseId: 'Q', activity: 'c', timestamp: Date.UTC(2024, 2, 3) }),
      },
    ]);
  });
});
