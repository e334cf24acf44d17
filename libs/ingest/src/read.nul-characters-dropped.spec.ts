import { collect, event, streamOf } from './testing';

// PostgreSQL text and jsonb cannot hold NUL; exports that carry one (a padded fixed-width field, a
// C string copied whole) keep their rows, without the NULs.
describe('NUL characters', () => {
  it('are dropped from CSV text, wherever a chunk boundary falls', async () => {
    const csv = 'case_id,activity,timestamp,note\nA\0,受\0理,2024-03-01T09:00:00Z,x\0y\0\n';
    const bytes = Buffer.from(csv, 'utf8');
    const parts = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.subarray(i * 7, i * 7 + 7),
    );
    const records = await collect(streamOf(...parts), { file: 'nul.csv' });
    expect(records).toEqual([
      {
        kind: 'event',
        line: 2,
        event: event({
          caseId: 'A',
          activity: '受理',
          timestamp: Date.UTC(2024, 2, 1, 9),
          attributes: { note: 'xy' },
        }),
      },
    ]);
  });

  it('are dropped from NDJSON values written as \\u0000, and only those escapes', async () => {
    const line = String.raw`{"case_id":"A\u0000","activity":"x","timestamp":"2024-03-01T09:00:00Z","a":"p\\u0000q","b":"r\\\u0000s"}`;
    const records = await collect(streamOf(Buffer.from(`${line}\n`, 'utf8')), {
      file: 'nul.ndjson',
    });
    expect(records).toEqual([
      {
        kind: 'event',
        line: 1,
        event: event({
          caseId: 'A',
          activity: 'x',
          timestamp: Date.UTC(2024, 2, 1, 9),
          // "p\\u0000q" is a backslash then "u0000": text, kept; "r\\\u0000s" is a backslash, a NUL.
          attributes: { a: 'p\\u0000q', b: 'r\\s' },
        }),
      },
    ]);
  });
});
