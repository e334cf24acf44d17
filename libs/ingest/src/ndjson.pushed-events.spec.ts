import { collect, event, fixture, readError, streamOf } from './testing';

describe('NDJSON, the format systems push events in', () => {
  it('reads one object per line, turning values into strings and rejecting bad lines', async () => {
    const records = await collect(fixture('ok', 'events.ndjson'), { file: 'events.ndjson' });
    expect(records).toEqual([
      {
        kind: 'event',
        line: 1,
        event: event({
          caseId: 'N1',
          activity: 'Submit',
          timestamp: Date.UTC(2024, 2, 1, 9),
          attributes: { channel: 'online', amount: '12.5', tags: '["a","b"]' },
        }),
      },
      // Line 2 is blank. A number timestamp is read like its text: epoch milliseconds here.
      {
        kind: 'event',
        line: 3,
        event: event({ caseId: 'N1', activity: 'Approve', timestamp: Date.UTC(2024, 2, 1, 11) }),
      },
      {
        kind: 'rejected',
        line: 4,
        column: null,
        reason: 'invalid JSON: Unexpected token \'o\', "not json at all" is not valid JSON',
        code: 'invalid-json',
        params: { detail: 'Unexpected token \'o\', "not json at all" is not valid JSON' },
        raw: 'not json at all',
      },
      {
        kind: 'rejected',
        line: 5,
        column: 'case_id',
        reason: 'missing case id',
        code: 'missing-case-id',
        params: {},
        raw: expect.any(String) as string,
      },
      {
        kind: 'rejected',
        line: 6,
        column: null,
        reason: 'a line must hold one JSON object',
        code: 'not-an-object',
        params: {},
        raw: expect.any(String) as string,
      },
      {
        kind: 'rejected',
        line: 7,
        column: 'timestamp',
        reason: 'unparseable timestamp "yesterday"',
        code: 'unparseable-timestamp',
        params: { value: '"yesterday"' },
        raw: '{"case_id":"N2","activity":"Submit","timestamp":"yesterday"}',
      },
    ]);
  });

  it('maps fields by key, including XES-style keys when the defaults are absent', async () => {
    const text =
      '{"case:concept:name":"X1","concept:name":"a","time:timestamp":"2024-03-01T00:00:00Z"}\n' +
      '{"id":"X2","step":"b","at":"2024-03-02","hall":"East"}\n';
    const xesStyle = await collect(streamOf(text.split('\n')[0]), { file: 'x.jsonl' });
    expect(xesStyle).toEqual([
      {
        kind: 'event',
        line: 1,
        event: event({ caseId: 'X1', activity: 'a', timestamp: Date.UTC(2024, 2, 1) }),
      },
    ]);
    const mapped = await collect(streamOf(text.split('\n')[1]), {
      file: 'y.ndjson',
      mapping: { caseId: 'id', activity: 'step', timestamp: 'at', location: 'hall' },
    });
    expect(mapped).toEqual([
      {
        kind: 'event',
        line: 1,
        event: event({
          caseId: 'X2',
          activity: 'b',
          timestamp: Date.UTC(2024, 2, 2),
          location: 'East',
        }),
      },
    ]);
  });

  it('gives the same records when the text arrives one byte at a time', async () => {
    const { readFileSync } = await import('node:fs');
    const path = fixture('ok', 'events.ndjson');
    const whole = await collect(path, { file: 'e.ndjson' });
    const bytes = [...readFileSync(path)].map((b) => Buffer.from([b]));
    expect(await collect(streamOf(...bytes), { file: 'e.ndjson', encoding: 'utf-8' })).toEqual(
      whole,
    );
  });

  it('fails on a file without a single record', async () => {
    await expect(readError(streamOf('\n\n'), { file: 'e.ndjson' })).resolves.toMatchObject({
      code: 'empty-file',
    });
  });

  it('fails on a line longer than the limit', async () => {
    const err = await readError(streamOf(`{"case_id":"${'z'.repeat(3000)}"}\n`), {
      file: 'l.ndjson',
      limits: { maxFieldLength: 1000 },
    });
    expect(err).toMatchObject({ code: 'field-too-long', line: 1 });
  });
});
