import { statSync } from 'node:fs';
import { formatFromName, readEventBatches, readEvents } from './read-events';
import { fixture, streamOf } from './testing';
import type { IngestProgress } from './types';

describe('reading reports progress, works on streams and stops cleanly', () => {
  it('reports bytes read and rows produced, ending with the file size and the record count', async () => {
    const file = fixture('not-ok', 'missing-case-id.csv');
    const seen: IngestProgress[] = [];
    let records = 0;
    for await (const _ of readEvents(file, { file: 'm.csv', onProgress: (p) => seen.push(p) }))
      records++;
    expect(records).toBe(7);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1]).toEqual({ bytes: statSync(file).size, rows: 7 });
  });

  it('counts compressed bytes for a gzip stream', async () => {
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(Buffer.from('case_id,activity,timestamp\nA,a,2024-03-01\n'));
    const seen: IngestProgress[] = [];
    for await (const _ of readEvents(streamOf(gz), {
      file: 'g.csv.gz',
      onProgress: (p) => seen.push(p),
    })) {
      // consume
    }
    expect(seen[seen.length - 1]).toEqual({ bytes: gz.length, rows: 1 });
  });

  it('yields whole chunks of records from readEventBatches', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `C${i},a,2024-03-01`).join('\n');
    let total = 0;
    let batches = 0;
    for await (const batch of readEventBatches(
      streamOf('case_id,activity,timestamp\n', rows.slice(0, 40000), rows.slice(40000)),
      { file: 'b.csv' },
    )) {
      total += batch.length;
      batches++;
    }
    expect(total).toBe(5000);
    expect(batches).toBeGreaterThanOrEqual(2);
  });

  it('stops reading when the consumer breaks out of the loop', async () => {
    let pulled = 0;
    function* endless(): Generator<Buffer> {
      yield Buffer.from('case_id,activity,timestamp\n');
      for (;;) {
        pulled++;
        yield Buffer.from('A,a,2024-03-01\n'.repeat(100));
      }
    }
    let n = 0;
    const { Readable } = await import('node:stream');
    for await (const _ of readEvents(Readable.from(endless()), { file: 'endless.csv' })) {
      if (++n === 150) break;
    }
    expect(n).toBe(150);
    // The stream is endless; the reader took the 64 KiB it looks at to detect the encoding
    // (44 chunks of 1500 bytes) and hardly more.
    expect(pulled).toBeLessThan(60);
  });

  it('takes the format from the name, with or without .gz', () => {
    expect(
      ['a.csv', 'a.CSV.gz', 'b.tsv', 'c.ndjson', 'c.jsonl.gz', 'd.xes', 'd.xes.gz', 'e.bin'].map(
        formatFromName,
      ),
    ).toEqual(['csv', 'csv', 'csv', 'ndjson', 'ndjson', 'xes', 'xes', null]);
  });

  it('sniffs the format of a stream whose name says nothing', async () => {
    const kinds: string[] = [];
    for (const text of [
      'case_id,activity,timestamp\nA,a,2024-03-01\n',
      '{"case_id":"A","activity":"a","timestamp":"2024-03-01"}\n',
    ]) {
      for await (const r of readEvents(streamOf(text), { file: 'upload' }))
        kinds.push(`${r.kind}:${r.line}`);
    }
    expect(kinds).toEqual(['event:2', 'event:1']);
  });
});
