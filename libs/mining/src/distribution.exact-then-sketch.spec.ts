import { Distribution, EXACT_LIMIT } from './distribution';

describe('distributions are exact while small and a DDSketch (≤1% error) beyond', () => {
  it('gives the mean of the two middle values as the median of an even count', () => {
    const d = new Distribution();
    for (const v of [40, 10, 30, 20]) d.add(v);
    expect(d.quantile(0.5)).toBe(25);
    expect(d.mean).toBe(25);
    expect(d.sum).toBe(100);
    // p90 at position 0.9 × 3 = 2.7 between 30 and 40
    expect(d.quantile(0.9)).toBeCloseTo(37, 9);
  });

  it('is empty-safe: count 0, quantiles 0', () => {
    const d = new Distribution();
    expect([d.count, d.mean, d.quantile(0.5)]).toEqual([0, 0, 0]);
  });

  it('switches to a sketch beyond the exact limit, within 1% of the true quantiles', () => {
    const d = new Distribution();
    const n = EXACT_LIMIT * 5; // values 1..n ms: median (n+1)/2, p90 at 1 + 0.9 (n−1)
    for (let v = n; v >= 1; v -= 1) d.add(v);
    expect(d.exact).toBe(false);
    expect(d.sum).toBe((n * (n + 1)) / 2);
    const median = (n + 1) / 2;
    const p90 = 1 + 0.9 * (n - 1);
    expect(Math.abs(d.quantile(0.5) - median) / median).toBeLessThanOrEqual(0.01);
    expect(Math.abs(d.quantile(0.9) - p90) / p90).toBeLessThanOrEqual(0.01);
  });

  it('merges an exact and a sketched distribution into the same state as adding all values', () => {
    const all = new Distribution();
    const small = new Distribution();
    const large = new Distribution();
    for (let v = 0; v < 100; v += 1) {
      small.add(v * 1000);
      all.add(v * 1000);
    }
    for (let v = 0; v < EXACT_LIMIT + 10; v += 1) {
      large.add(v * 7 + 3);
      all.add(v * 7 + 3);
    }
    small.merge(large);
    expect(small.count).toBe(all.count);
    expect(small.sum).toBe(all.sum);
    for (const q of [0, 0.1, 0.5, 0.9, 1]) expect(small.quantile(q)).toBe(all.quantile(q));
  });

  it('keeps negative values (a later-started instance may complete first)', () => {
    const d = new Distribution();
    for (let v = -EXACT_LIMIT; v <= EXACT_LIMIT; v += 1) d.add(v * 10);
    expect(d.min).toBe(-EXACT_LIMIT * 10);
    expect(Math.abs(d.quantile(0.5))).toBeLessThan(1);
    const q10 = d.quantile(0.1);
    const exact10 = -0.8 * EXACT_LIMIT * 10;
    expect(Math.abs(q10 - exact10) / Math.abs(exact10)).toBeLessThanOrEqual(0.01);
  });

  it('survives a JSON round trip in both representations', () => {
    const exact = new Distribution();
    const sketched = new Distribution();
    for (let v = 1; v <= 10; v += 1) exact.add(v);
    for (let v = 1; v <= EXACT_LIMIT * 2; v += 1) sketched.add(v);
    for (const d of [exact, sketched]) {
      const back = Distribution.fromJSON(
        JSON.parse(JSON.stringify(d.toJSON())) as ReturnType<Distribution['toJSON']>,
      );
      expect([back.count, back.sum, back.min, back.max]).toEqual([d.count, d.sum, d.min, d.max]);
      expect(back.quantile(0.5)).toBe(d.quantile(0.5));
      expect(back.quantile(0.9)).toBe(d.quantile(0.9));
    }
  });
});

describe('adding zeros in bulk', () => {
  it.each([10, EXACT_LIMIT - 5, EXACT_LIMIT + 5, EXACT_LIMIT * 3])(
    'gives the same state as %i single zeros',
    (zeros) => {
      const bulk = new Distribution();
      const single = new Distribution();
      for (const d of [bulk, single]) for (let v = 1; v <= 10; v += 1) d.add(v * 1000);
      bulk.addZeros(zeros);
      for (let k = 0; k < zeros; k += 1) single.add(0);
      expect(bulk.toJSON()).toEqual(single.toJSON());
      expect(bulk.exact).toBe(10 + zeros <= EXACT_LIMIT);
    },
  );
});
