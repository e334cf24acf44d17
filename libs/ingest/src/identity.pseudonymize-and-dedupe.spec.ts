import { eventIdentity, pseudonymize } from './identity';
import { collect, event, streamOf } from './testing';

describe('citizen identifiers are pseudonymized; events have a stable identity', () => {
  it('pseudonymize is HMAC-SHA256 in hex (RFC 4231, test case 2)', () => {
    expect(pseudonymize('what do ya want for nothing?', 'Jefe')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('gives different pseudonyms under a different key and refuses an empty key', () => {
    expect(pseudonymize('110105199001011234', 'k1')).not.toBe(
      pseudonymize('110105199001011234', 'k2'),
    );
    expect(() => pseudonymize('x', '')).toThrow(RangeError);
  });

  it('replaces the citizen while reading, so the raw identifier never leaves the reader', async () => {
    const csv =
      'case_id,activity,timestamp,id_no\nA,a,2024-03-01,110105199001011234\nB,b,2024-03-01,\n';
    const records = await collect(streamOf(csv), {
      file: 'p.csv',
      mapping: { citizen: 'id_no' },
      pseudonymizeKey: 'Jefe',
    });
    expect(records.map((r) => (r.kind === 'event' ? r.event.citizen : null))).toEqual([
      pseudonymize('110105199001011234', 'Jefe'),
      null,
    ]);
    expect(JSON.stringify(records)).not.toContain('110105199001011234');
  });

  it('eventIdentity ignores attribute order and timestamp spelling, and sees every field', () => {
    const a = event({
      caseId: 'C',
      activity: 'x',
      timestamp: 1000,
      attributes: { p: '1', q: '2' },
    });
    const same = event({
      caseId: 'C',
      activity: 'x',
      timestamp: 1000,
      attributes: { q: '2', p: '1' },
    });
    expect(eventIdentity(a)).toBe(eventIdentity(same));
    expect(eventIdentity(a)).toMatch(/^[0-9a-f]{64}$/);
    const variants = [
      { ...a, caseId: 'D' },
      { ...a, activity: 'y' },
      { ...a, timestamp: 1001 },
      { ...a, resource: 'r' },
      { ...a, sourceSystem: 's' },
      { ...a, attributes: { p: '1' } },
      { ...a, attributes: { p: '1', q: '3' } },
    ];
    const ids = new Set([eventIdentity(a), ...variants.map(eventIdentity)]);
    expect(ids.size).toBe(variants.length + 1);
  });

  it('does not confuse field boundaries (["ab","c"] vs ["a","bc"])', () => {
    const x = event({ caseId: 'ab', activity: 'c', timestamp: 0 });
    const y = event({ caseId: 'a', activity: 'bc', timestamp: 0 });
    expect(eventIdentity(x)).not.toBe(eventIdentity(y));
  });
});
