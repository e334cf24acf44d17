import { collect, event, fixture, streamOf } from './testing';

describe('a CSV with a BOM, CRLF line ends and quoted fields holding commas, quotes and newlines', () => {
  const file = fixture('ok', 'quoted-multiline-crlf-bom.csv');

  it('reads every record, numbering each by the physical line it starts on', async () => {
    const records = await collect(file, { file: 'quoted.csv', timezone: 'Asia/Shanghai' });
    expect(records).toEqual([
      {
        kind: 'event',
        line: 2,
        // 09:00 in Shanghai (UTC+8) is 01:00 UTC.
        event: event({
          caseId: 'A1',
          activity: 'Submit',
          timestamp: Date.UTC(2024, 2, 1, 1, 0),
          attributes: { note: 'plain' },
        }),
      },
      {
        kind: 'event',
        line: 3,
        event: event({
          caseId: 'A1',
          activity: 'Check, first pass',
          timestamp: Date.UTC(2024, 2, 1, 2, 30),
          attributes: { note: 'said "ok"' },
        }),
      },
      {
        kind: 'event',
        line: 4,
        event: event({
          caseId: 'A1',
          activity: 'Approve',
          timestamp: Date.UTC(2024, 2, 1, 3, 0),
          attributes: { note: 'line one\r\nline two\r\nline three' },
        }),
      },
      // Lines 4-6 hold one record; the next starts on line 7. Its empty note is not kept.
      {
        kind: 'event',
        line: 7,
        event: event({ caseId: 'A2', activity: 'Submit', timestamp: Date.UTC(2024, 2, 2, 0, 5) }),
      },
    ]);
  });

  it('gives the same records when every chunk boundary falls inside a quoted field or a CRLF', async () => {
    const text =
      '\ufeffcase_id,activity,timestamp,note\r\nA1,"Check, ""first""\r\npass",2024-03-01 10:30:00,x\r\nA2,b,2024-03-01 11:00:00,"y"\r\n';
    const whole = await collect(streamOf(text), { file: 'x.csv' });
    // One byte at a time: splits the BOM, every CRLF and every doubled quote.
    const bytes = Buffer.from(text, 'utf8');
    const pieces = [...bytes].map((b) => Buffer.from([b]));
    // With the encoding given, the pieces reach the parser one by one (no sniffing window).
    const split = await collect(streamOf(...pieces), { file: 'x.csv', encoding: 'utf-8' });
    expect(split).toEqual(whole);
    expect(whole).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({
          caseId: 'A1',
          activity: 'Check, "first"\r\npass',
          timestamp: Date.UTC(2024, 2, 1, 10, 30),
          attributes: { note: 'x' },
        }),
      },
      {
        kind: 'event',
        line: 4,
        event: event({
          caseId: 'A2',
          activity: 'b',
          timestamp: Date.UTC(2024, 2, 1, 11, 0),
          attributes: { note: 'y' },
        }),
      },
    ]);
  });

  it('detects a semicolon or tab delimiter from the header and accepts an explicit one', async () => {
    const semi = await collect(
      streamOf('case_id;activity;timestamp\nS1;a,b;2024-03-01 00:00:00\n'),
      { file: 's.csv' },
    );
    expect(semi).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({ caseId: 'S1', activity: 'a,b', timestamp: Date.UTC(2024, 2, 1) }),
      },
    ]);
    const tab = await collect(streamOf('case_id\tactivity\ttimestamp\nT1\ta\t2024-03-01\n'), {
      file: 't.tsv',
    });
    expect(tab).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({ caseId: 'T1', activity: 'a', timestamp: Date.UTC(2024, 2, 1) }),
      },
    ]);
    const pipe = await collect(streamOf('case_id|activity|timestamp\nP1|a;b|2024-03-01\n'), {
      file: 'p.txt',
      delimiter: '|',
    });
    expect(pipe).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({ caseId: 'P1', activity: 'a;b', timestamp: Date.UTC(2024, 2, 1) }),
      },
    ]);
  });

  it('skips blank lines but keeps counting them, and reads a last line without a line end', async () => {
    const records = await collect(
      streamOf('case_id,activity,timestamp\n\nB1,a,2024-03-01\r\n\r\nB1,b,2024-03-02'),
      { file: 'b.csv' },
    );
    expect(records.map((r) => r.line)).toEqual([3, 5]);
  });
});
