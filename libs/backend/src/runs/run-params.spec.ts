import { canonicalRunParams, runParamsHash, toMiningOptions } from './run-params';

describe('run params', () => {
  it('hash the same whatever the key order or channel order, so identical runs hit the cache', () => {
    expect(runParamsHash({ journey: 'case', inPerson: ['hall', 'window'] })).toBe(
      runParamsHash({ inPerson: ['window', 'hall', 'hall'], journey: 'case' }),
    );
    expect(runParamsHash({})).not.toBe(runParamsHash({ journey: 'citizen' }));
    expect(canonicalRunParams({ tripGapSeconds: 60, lifecycle: 'none' })).toEqual({
      lifecycle: 'none',
      tripGapSeconds: 60,
    });
  });

  it('convert seconds to the miner’s milliseconds and pass only what was set', () => {
    expect(toMiningOptions({ journeyGapSeconds: 86400, tripGapSeconds: 3600 })).toEqual({
      journeyGapMs: 86_400_000,
      tripGapMs: 3_600_000,
    });
    expect(toMiningOptions({})).toEqual({});
  });
});
