import { OPTIONAL_FIELDS, eventIdentity, type NormalizedEvent } from '@onetrip/ingest';
import fc from 'fast-check';
import {
  BatchEncoder,
  COPY_BINARY_HEADER,
  COPY_BINARY_TRAILER,
  IdentityFilter,
  type SealedBatch,
} from './event-copy';

const DATASET = '5b0c1f2e-8d1a-4c39-9a52-0d6f0f7c2a11';
const UPLOAD = '0d6f0f7c-2a11-4c39-9a52-5b0c1f2e8d1a';

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null });

const event: fc.Arbitrary<NormalizedEvent> = fc.record({
  caseId: text,
  activity: text,
  timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  startTimestamp: maybe(fc.integer({ min: 0, max: 4_102_444_800_000 })),
  lifecycle: maybe(text),
  resource: maybe(text),
  citizen: maybe(fc.stringMatching(/^[0-9a-f]{64}$/)),
  service: maybe(text),
  channel: maybe(text),
  location: maybe(text),
  department: maybe(text),
  sourceSystem: maybe(text),
  attributes: fc.dictionary(text, text, { maxKeys: 5 }),
});

function encode(events: readonly NormalizedEvent[], initialBytes?: number): SealedBatch {
  const encoder = new BatchEncoder(DATASET, UPLOAD, initialBytes);
  events.forEach((e, i) => encoder.add({ event: e, line: i + 2 }));
  return encoder.seal();
}

const hex = (b: SealedBatch, i: number): string => b.identity(i).toString('hex');

describe('the rows an upload COPYs into the event table', () => {
  it('carry the first 16 bytes of ingest’s eventIdentity, for any event', () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(hex(encode([e]), 0)).toBe(eventIdentity(e).slice(0, 32));
      }),
      { numRuns: 500 },
    );
  });

  it('hash the optional fields in ingest’s order', () => {
    expect(OPTIONAL_FIELDS).toEqual([
      'startTimestamp',
      'lifecycle',
      'resource',
      'citizen',
      'service',
      'channel',
      'location',
      'department',
      'sourceSystem',
    ]);
  });

  it('do not depend on the order of attributes', () => {
    const base = { caseId: 'C1', activity: '受理', timestamp: 1_709_255_100_000 };
    const b = encode([
      { ...base, attributes: { 窗口: '2号', amount: '12.5' } },
      { ...base, attributes: { amount: '12.5', 窗口: '2号' } },
    ]);
    expect(b.rows).toBe(1);
    expect(b.repeats).toBe(1);
    expect(hex(b, 0)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('come in identity order, each identity once, whatever the batch (buffer growth included)', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 40 }), fc.nat(30), (events, dup) => {
        // Repeat some events so that repeats within a batch are exercised.
        const all = [...events, ...events.slice(0, dup)];
        const b = encode(all, 64);
        const expected = [...new Set(all.map((e) => eventIdentity(e).slice(0, 32)))].sort();
        const got = Array.from({ length: b.rows }, (_, i) => hex(b, i));
        expect(got).toEqual(expected);
        expect(b.repeats).toBe(all.length - expected.length);
      }),
      { numRuns: 200 },
    );
  });

  it('keep the first of repeated events (its line) and skip what is asked', () => {
    const e: NormalizedEvent = { caseId: 'A', activity: 'x', timestamp: 0, attributes: {} };
    const f: NormalizedEvent = { ...e, activity: 'y' };
    const b = encode([e, f, e, e]);
    expect(b.rows).toBe(2);
    const stream = Buffer.concat([...b.copyData()]);
    expect(stream.subarray(0, COPY_BINARY_HEADER.length)).toEqual(COPY_BINARY_HEADER);
    expect(stream.subarray(-2)).toEqual(COPY_BINARY_TRAILER);
    // Each row: field count 17, then dataset (4+16), upload (4+16), line (4+4).
    const lines: number[] = [];
    for (let at = COPY_BINARY_HEADER.length; at < stream.length - 2;) {
      expect(stream.readInt16BE(at)).toBe(17);
      lines.push(stream.readInt32BE(at + 46));
      let p = at + 2;
      for (let field = 0; field < 17; field++) {
        const n = stream.readInt32BE(p);
        p += 4 + Math.max(n, 0);
      }
      at = p;
    }
    // Rows are in identity order; e was first at line 2, f at line 3.
    const lineOf = new Map([
      [eventIdentity(e).slice(0, 32), 2],
      [eventIdentity(f).slice(0, 32), 3],
    ]);
    expect(lines).toEqual([lineOf.get(hex(b, 0)), lineOf.get(hex(b, 1))]);
    const skipped = Buffer.concat([...b.copyData(Uint8Array.of(1, 0))]);
    expect(skipped.length).toBe(
      stream.length - (stream.length - COPY_BINARY_HEADER.length - 2) / 2,
    );
  });

  it('a sealed batch keeps its rows when the encoder goes on', () => {
    const encoder = new BatchEncoder(DATASET, UPLOAD, 64);
    const e: NormalizedEvent = { caseId: 'A', activity: 'x', timestamp: 0, attributes: {} };
    encoder.add({ event: e, line: 2 });
    const first = encoder.seal();
    const before = hex(first, 0);
    encoder.add({ event: { ...e, caseId: 'B' }, line: 3 });
    encoder.seal();
    expect(hex(first, 0)).toBe(before);
    expect(encoder.rows).toBe(0);
  });
});

describe('IdentityFilter', () => {
  it('never forgets an identity it was given, and rarely claims one it was not', () => {
    const events = Array.from({ length: 20_000 }, (_, i) => ({
      caseId: `C${i}`,
      activity: 'a',
      timestamp: i,
      attributes: {},
    }));
    const added = encode(events.slice(0, 10_000));
    const fresh = encode(events.slice(10_000));
    const filter = new IdentityFilter();
    for (let i = 0; i < added.rows; i++) filter.check(added, i, true);
    for (let i = 0; i < added.rows; i++) expect(filter.check(added, i, false)).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < fresh.rows; i++) if (filter.check(fresh, i, false)) falsePositives++;
    // 10,000 identities in 2^26 bits with four probes: about 1e-11 per lookup.
    expect(falsePositives).toBe(0);
  });
});
