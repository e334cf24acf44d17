import fc from 'fast-check';
import { WRITER_MAPPING, writeCsv } from './csv-writer';
import { collect, eventsOf, streamOf } from './testing';
import type { NormalizedEvent } from './types';

const reserved = new Set<string>(Object.values(WRITER_MAPPING));

/** Any text, including quotes, delimiters, CR, LF and non-ASCII; not U+FFFD (read as an encoding error). */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/\uFFFD/g, '?')),
  // Mostly the characters a CSV writer and reader can get wrong.
  fc.string({
    unit: fc.constantFrom('"', ',', ';', '\t', '|', '\r', '\n', ' ', 'a', '中', '\ufeff'),
    maxLength: 8,
  }),
);
const nonBlank = text.filter((s) => s.trim().length > 0);
const optionalText = fc.option(nonBlank, { nil: null });
/** Header names are trimmed on reading, so keys have no outer whitespace. */
const key = nonBlank.map((s) => s.trim()).filter((s) => s.length > 0 && !reserved.has(s));
// Years 1000-9999, which ISO 8601 writes with four digits.
const instant = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) });
/** Such times are outside the plausible range an import checks by default: lift it here. */
const ANY_TIME = { earliestTimestamp: -Infinity, latestTimestampAheadMs: Infinity };

const normalizedEvent: fc.Arbitrary<NormalizedEvent> = fc.record({
  caseId: nonBlank,
  activity: nonBlank,
  timestamp: instant,
  startTimestamp: fc.option(instant, { nil: null }),
  lifecycle: optionalText,
  resource: optionalText,
  citizen: optionalText,
  service: optionalText,
  channel: optionalText,
  location: optionalText,
  department: optionalText,
  sourceSystem: optionalText,
  attributes: fc.dictionary(key, nonBlank, { maxKeys: 4 }),
});

describe('CSV written by writeCsv re-imports to the same events', () => {
  it('holds for any events, fed in one chunk or in small pieces', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(normalizedEvent, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 64 }),
        async (events, piece) => {
          const csv = writeCsv(events);
          const bytes = Buffer.from(csv, 'utf8');
          const chunks: Buffer[] = [];
          for (let i = 0; i < bytes.length; i += piece) chunks.push(bytes.subarray(i, i + piece));
          // Whole, with the encoding detected; and in pieces that reach the parser one by one.
          const whole = await collect(streamOf(csv), {
            file: 'roundtrip.csv',
            mapping: WRITER_MAPPING,
            limits: ANY_TIME,
          });
          const records = await collect(streamOf(...chunks), {
            file: 'roundtrip.csv',
            mapping: WRITER_MAPPING,
            limits: ANY_TIME,
            encoding: 'utf-8',
          });
          expect(records.filter((r) => r.kind === 'rejected')).toEqual([]);
          expect(eventsOf(records)).toEqual(events);
          expect(whole).toEqual(records);
        },
      ),
      { numRuns: 150, seed: 20261129 },
    );
  });

  it('keeps attributes named like Object.prototype members (__proto__, valueOf) as plain data', async () => {
    const events: NormalizedEvent[] = [
      {
        caseId: 'P',
        activity: 'a',
        timestamp: Date.UTC(2024, 2, 1),
        startTimestamp: null,
        lifecycle: null,
        resource: null,
        citizen: null,
        service: null,
        channel: null,
        location: null,
        department: null,
        sourceSystem: null,
        attributes: JSON.parse('{"__proto__":"x","valueOf":"y"}') as Record<string, string>,
      },
    ];
    const read = eventsOf(
      await collect(streamOf(writeCsv(events)), { file: 'p.csv', mapping: WRITER_MAPPING }),
    );
    expect(Object.entries(read[0].attributes)).toEqual([
      ['__proto__', 'x'],
      ['valueOf', 'y'],
    ]);
    expect(Object.getPrototypeOf(read[0].attributes)).toBe(Object.prototype);
  });
});
