import { canonicalRunParams, runParamsHash, toMiningOptions, toQueueOptions } from './run-params';

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

  it('pass the queue activities to the insights, sorted and deduplicated in the cache key', () => {
    const params = {
      queueStartActivities: ['kiosk', '取号', 'kiosk'],
      queueAbandonActivities: ['过号'],
    };
    expect(canonicalRunParams(params)).toEqual({
      queueAbandonActivities: ['过号'],
      queueStartActivities: ['kiosk', '取号'],
    });
    expect(runParamsHash(params)).toBe(
      runParamsHash({ queueAbandonActivities: ['过号'], queueStartActivities: ['取号', 'kiosk'] }),
    );
    expect(runParamsHash(params)).not.toBe(runParamsHash({}));
    expect(toQueueOptions({ queueEndActivities: ['window'], tripGapSeconds: 60 })).toEqual({
      queueEndActivities: ['window'],
    });
    expect(toMiningOptions(params)).toEqual({});
  });
});
