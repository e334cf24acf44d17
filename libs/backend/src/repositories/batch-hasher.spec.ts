import type { NormalizedEvent } from '@onetrip/ingest';
import { BatchHasher } from './batch-hasher';
import { BatchEncoder, type SealedBatch } from './event-copy';

const DATASET = '5b0c1f2e-8d1a-4c39-9a52-0d6f0f7c2a11';
const UPLOAD = '0d6f0f7c-2a11-4c39-9a52-5b0c1f2e8d1a';

/** n events; from the 4,000th on they repeat the first ones (repeats within a batch). */
function events(n: number): NormalizedEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i % 4_000;
    const attributes: Record<string, string> = {};
    if (k % 2 === 0) attributes['窗口'] = `${k % 4}号`;
    return {
      caseId: `C${k % 997}`,
      activity: ['受理', '审核', 'Approve'][k % 3],
      timestamp: 1_709_255_100_000 + k * 1000,
      resource: k % 5 === 0 ? null : `R${k % 11}`,
      attributes,
    };
  });
}

function fill(encoder: BatchEncoder, list: readonly NormalizedEvent[]): void {
  list.forEach((event, i) => encoder.add({ event, line: i + 2 }));
}

function rowsOf(batch: SealedBatch): string[] {
  return [...batch.copyData()].map((b) => b.toString('hex'));
}

describe('the hashing thread', () => {
  it('seals batches exactly as the main thread does, in order, and hands their memory back', async () => {
    const hasher = new BatchHasher();
    try {
      const inline = new BatchEncoder(DATASET, UPLOAD, 1024);
      const threaded = new BatchEncoder(DATASET, UPLOAD, 1024);
      const batches = [events(5_000), events(1), events(3_000).reverse()];
      const sent: Promise<SealedBatch>[] = [];
      const expected: SealedBatch[] = [];
      for (const list of batches) {
        fill(inline, list);
        expected.push(inline.seal());
        fill(threaded, list);
        sent.push(hasher.seal(threaded.take()));
      }
      const got = await Promise.all(sent);
      for (let b = 0; b < batches.length; b++) {
        expect(got[b].rows).toBe(expected[b].rows);
        expect(got[b].repeats).toBe(expected[b].repeats);
        expect(rowsOf(got[b])).toEqual(rowsOf(expected[b]));
      }
      expect(got[0].repeats).toBeGreaterThan(0);
      // The buffer came back whole and can be written into again.
      threaded.recycle(got[0]);
      fill(threaded, events(10));
      expect(threaded.seal().rows).toBe(10);
    } finally {
      await hasher.close();
    }
  });
});
