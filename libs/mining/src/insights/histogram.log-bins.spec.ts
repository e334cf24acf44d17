import { binOf, HISTOGRAM_BINS, toHistogram } from './histogram';

describe('log-spaced histogram bins', () => {
  it('put each duration in its √2-wide bin, edges included in the upper bin', () => {
    expect(binOf(0)).toBe(0);
    expect(binOf(999)).toBe(0);
    expect(binOf(1000)).toBe(1); // [1 s, 1.414 s)
    expect(binOf(1414)).toBe(1);
    expect(binOf(1415)).toBe(2); // [1.414 s, 2 s)
    expect(binOf(2000)).toBe(3); // [2 s, 2.83 s)
    expect(binOf(3_600_000)).toBe(24); // 1 h: 2^11.5 = 2896 s ≤ 3600 s < 2^12 = 4096 s
    expect(binOf(1e15)).toBe(HISTOGRAM_BINS - 1);
  });

  it('report the non-empty range with its edges', () => {
    const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
    bins[1] = 2;
    bins[3] = 1;
    expect(toHistogram(bins)).toEqual({
      edgesSeconds: [1, 1.414, 2, 2.828],
      counts: [2, 0, 1],
    });
  });
});
