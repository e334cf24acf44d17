import fc from 'fast-check';
import { eventIdentity, identityFieldsMaxBytes, writeIdentityFields } from './identity';
import type { NormalizedEvent } from './types';

/** What PostgreSQL can store of a JS string: NUL dropped, lone surrogates as U+FFFD. */
const wellFormed = (s: string): string =>
  Buffer.from(s.replace(/\0/g, ''), 'utf8').toString('utf8');

/** Reads the fields back as a binary COPY reader would: [length][bytes] each, -1 for null. */
function readFields(buf: Buffer, end: number): (Buffer | null)[] {
  const fields: (Buffer | null)[] = [];
  for (let p = 0; p < end;) {
    const n = buf.readInt32BE(p);
    p += 4;
    fields.push(n < 0 ? null : buf.subarray(p, p + n));
    p += Math.max(n, 0);
  }
  return fields;
}

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
// Any UTF-16 (lone surrogates included), control characters, quotes, backslashes, CJK, emoji,
// and for attributes NUL too (readers never give NUL in a field, see writeText; an attribute
// value goes through JSON escaping, which drops it).
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      '\\',
      '\n',
      '\t',
      '\0',
      '\u0001',
      '\u001f',
      '受',
      '😀',
      '\ud800',
      '\udc00',
      'a',
    ),
    maxLength: 10,
  }),
);
const text = anyText.map((s) => s.replace(/\0/g, ''));
const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null });
const instant = fc.integer({ min: -2_208_988_800_000, max: 4_102_444_800_000 });
const event: fc.Arbitrary<NormalizedEvent> = fc.record({
  caseId: text,
  activity: text,
  timestamp: instant,
  startTimestamp: maybe(instant),
  lifecycle: maybe(text),
  resource: maybe(text),
  citizen: maybe(text),
  service: maybe(text),
  channel: maybe(text),
  location: maybe(text),
  department: maybe(text),
  sourceSystem: maybe(text),
  attributes: fc.dictionary(anyText, anyText, { maxKeys: 5 }),
});

describe('the identity fields (binary COPY of the event columns)', () => {
  it('read back as the event: text as UTF-8, instants as µs since 2000, attributes as sorted JSON', () => {
    fc.assert(
      fc.property(event, (e) => {
        const buf = Buffer.alloc(identityFieldsMaxBytes(e));
        const end = writeIdentityFields(buf, 0, e);
        expect(end).toBeLessThanOrEqual(buf.length);
        const f = readFields(buf, end);
        expect(f).toHaveLength(13);
        const str = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));
        const us = (b: Buffer | null): number | null =>
          b === null ? null : Number(b.readBigInt64BE(0)) / 1000 + PG_EPOCH_MS;
        expect([str(f[0]), str(f[1]), us(f[2]), us(f[3])]).toEqual([
          wellFormed(e.caseId),
          wellFormed(e.activity),
          e.timestamp,
          e.startTimestamp ?? null,
        ]);
        const optional = [e.lifecycle, e.resource, e.citizen, e.service, e.channel, e.location];
        optional.push(e.department, e.sourceSystem);
        expect(f.slice(4, 12).map(str)).toEqual(
          optional.map((v) => (v == null ? null : wellFormed(v))),
        );
        const json = f[12]!;
        expect(json[0]).toBe(1); // jsonb version byte
        const text = json.subarray(1).toString('utf8');
        const keys = Object.keys(e.attributes).sort();
        // In sorted key order, as written: keys that differ only by NUL end up one (the last).
        const expected = Object.fromEntries(
          keys.map((k) => [wellFormed(k), wellFormed(e.attributes[k])]),
        );
        expect(JSON.parse(text)).toEqual(expected);
        expect(text).toBe(
          `{${keys.map((k) => `${JSON.stringify(wellFormed(k))}:${JSON.stringify(wellFormed(e.attributes[k]))}`).join(',')}}`,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('hash apart events that differ in one field, or in where a value ends', () => {
    const base: NormalizedEvent = { caseId: 'AB', activity: 'C', timestamp: 0, attributes: {} };
    const variants: NormalizedEvent[] = [
      base,
      { ...base, caseId: 'A', activity: 'BC' },
      { ...base, timestamp: 1 },
      { ...base, startTimestamp: 0 },
      { ...base, lifecycle: '' },
      { ...base, resource: 'C' },
      { ...base, attributes: { k: 'v' } },
      { ...base, attributes: { kv: '' } },
      { ...base, attributes: { k: '' } },
    ];
    expect(new Set(variants.map(eventIdentity)).size).toBe(variants.length);
  });
});
