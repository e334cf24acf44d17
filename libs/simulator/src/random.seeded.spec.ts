import { Random } from './random';

describe('the seeded generator', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 50 }, () => a.uint32());
    const sb = Array.from({ length: 50 }, () => b.uint32());
    const sc = Array.from({ length: 50 }, () => c.uint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('treats a numeric seed and its string form alike', () => {
    expect(new Random(7).uint32()).toBe(new Random('7').uint32());
  });

  it('draws uniformly: 100,000 draws have a mean near 1/2 and fill ten bins evenly', () => {
    const r = new Random('uniform');
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100000; i++) {
      const x = r.next();
      if (x < 0 || x >= 1) outside++;
      sum += x;
      bins[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    expect(sum / 100000).toBeGreaterThan(0.495);
    expect(sum / 100000).toBeLessThan(0.505);
    for (const n of bins) {
      expect(n).toBeGreaterThan(9600);
      expect(n).toBeLessThan(10400);
    }
  });

  it('keeps int() within both bounds and reaches each', () => {
    const r = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(r.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});
