import { shardCondition, shardCount, shardRange } from './shards';

describe('splitting a run into shards', () => {
  const limits = { shardEvents: 1000, maxShards: 4 };

  it('keeps a dataset up to one shard’s events in one shard', () => {
    expect(shardCount(0, limits)).toBe(1);
    expect(shardCount(1000, limits)).toBe(1);
  });

  it('adds a shard per started SHARD_EVENTS, up to MAX_SHARDS', () => {
    expect(shardCount(1001, limits)).toBe(2);
    expect(shardCount(3000, limits)).toBe(3);
    expect(shardCount(3001, limits)).toBe(4);
    expect(shardCount(1_000_000, limits)).toBe(4);
  });

  it('covers the whole int4 hash space with adjacent ranges', () => {
    expect(shardRange(0, 1)).toEqual([-2147483648, 2147483648]);
    expect(shardRange(0, 4)).toEqual([-2147483648, -1073741824]);
    expect(shardRange(1, 4)).toEqual([-1073741824, 0]);
    expect(shardRange(2, 4)).toEqual([0, 1073741824]);
    expect(shardRange(3, 4)).toEqual([1073741824, 2147483648]);
    for (let k = 1; k < 7; k += 1) expect(shardRange(k, 7)[0]).toBe(shardRange(k - 1, 7)[1]);
  });

  it('refuses a shard outside the run', () => {
    expect(() => shardRange(4, 4)).toThrow('shard 4 of 4');
    expect(() => shardRange(0, 0)).toThrow('shard count 0');
  });

  it('hashes the case id for case journeys, the citizen key otherwise; keyless events go to shard 0', () => {
    expect(shardCondition('case', 0, 1)).toBe('TRUE');
    expect(shardCondition('case', 1, 4)).toBe(
      'hashtext(case_id) >= -1073741824 AND hashtext(case_id) < 0',
    );
    expect(shardCondition('citizen', 0, 2)).toBe(
      '(citizen_key IS NULL OR hashtext(citizen_key) < 0)',
    );
    expect(shardCondition('citizen+service', 1, 2)).toBe('hashtext(citizen_key) >= 0');
  });
});
