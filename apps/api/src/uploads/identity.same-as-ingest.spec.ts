import { OPTIONAL_FIELDS, eventIdentity, type NormalizedEvent } from '@onetrip/ingest';
import fc from 'fast-check';
import { storedIdentity } from './identity';

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

describe('the identity an upload stores', () => {
  it('is the first 32 hex characters of ingest’s eventIdentity, for any event', () => {
    fc.assert(
      fc.property(event, (e) => {
        expect(storedIdentity(e)).toBe(eventIdentity(e).slice(0, 32));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes the optional fields in ingest’s order', () => {
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

  it('does not depend on the order of attributes', () => {
    const base = { caseId: 'C1', activity: '受理', timestamp: 1_709_255_100_000 };
    const a = storedIdentity({ ...base, attributes: { 窗口: '2号', amount: '12.5' } });
    const b = storedIdentity({ ...base, attributes: { amount: '12.5', 窗口: '2号' } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });
});
