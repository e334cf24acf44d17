import {
  canonicalRunFilter,
  runKeyHash,
  splitStoredParams,
  storedRunParams,
  toJourneyFilter,
} from './run-filter';

describe('run filters', () => {
  it('have one canonical form: sorted lists, UTC instants, variant folded into variants', () => {
    expect(
      canonicalRunFilter({
        service: ['b', 'a', 'b'],
        from: '2026-01-01T00:00:00+08:00',
        variant: ['x', 'y'],
        channel: [],
      }),
    ).toEqual({ service: ['a', 'b'], from: '2025-12-31T16:00:00.000Z', variants: [['x', 'y']] });
  });

  it('key the run cache: equal filters hit, different filters miss, no filter as before', () => {
    const a = runKeyHash(storedRunParams({ journey: 'case' }, { location: ['H2', 'H1'] }));
    const b = runKeyHash(storedRunParams({ journey: 'case' }, { location: ['H1', 'H2'] }));
    const c = runKeyHash(storedRunParams({ journey: 'case' }, { location: ['H1'] }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(runKeyHash(storedRunParams({ journey: 'case' }, {}))).toBe(
      runKeyHash(storedRunParams({ journey: 'case' })),
    );
  });

  it('travel inside the stored params and come back out', () => {
    const stored = storedRunParams({ tripGapSeconds: 60 }, { channel: ['hall'] });
    expect(stored).toEqual({ tripGapSeconds: 60, filter: { channel: ['hall'] } });
    expect(splitStoredParams(stored)).toEqual({
      params: { tripGapSeconds: 60 },
      filter: { channel: ['hall'] },
    });
  });

  it('become the miner’s journey filter in epoch milliseconds', () => {
    expect(
      toJourneyFilter({ from: '2026-01-01T00:00:00.000Z', department: ['D1'], variants: [['a']] }),
    ).toEqual({ from: Date.UTC(2026, 0, 1), departments: ['D1'], variants: [['a']] });
    expect(toJourneyFilter({})).toBeUndefined();
  });
});
