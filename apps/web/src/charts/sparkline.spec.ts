import path from 'node:path';
import { SPARKLINE_FIXTURES } from './fixtures/dashboard';
import { sparkline, sparklineDomain } from './sparkline';
import { expectSvgSnapshot } from './testing/svg-snapshot';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');
const percent = (v: number): string => `${Math.round(v * 100)}%`;
const fixture = (name: string) => SPARKLINE_FIXTURES.find((f) => f.name === name)?.data ?? [];

describe('sparkline', () => {
  it.each(SPARKLINE_FIXTURES.map((f) => f.name))('renders the %s fixture as committed', (name) => {
    const svg = sparkline(fixture(name), { domain: [0, 1], formatValue: percent });
    expect(() => expectSvgSnapshot(SNAPSHOTS, `sparkline.${name}`, svg)).not.toThrow();
  });

  it('leaves a gap for a missing month and marks the latest value beside its dot', () => {
    const svg = sparkline(fixture('rising'), { domain: [0, 1], formatValue: percent });
    const d = svg.querySelector('.sparkline-line')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2); // two segments around the gap
    const dot = svg.querySelector('.sparkline-last');
    // 79% on a 0–100% scale between y = 50 (0%) and y = 6 (100%): 50 − 0.79 × 44
    expect(Number(dot?.getAttribute('cy'))).toBeCloseTo(15.24, 5);
    const label = svg.querySelector('.sparkline-last-value');
    expect(label?.textContent).toBe('79%');
    expect(Number(label?.getAttribute('x'))).toBeCloseTo(Number(dot?.getAttribute('cx')) + 5, 5);
  });

  it('makes room for long labels instead of cutting them', () => {
    const long = (v: number): string => `${Math.round(v)} d 16 h`;
    const svg = sparkline(
      [
        { label: '2025-01', value: 10 },
        { label: '2025-02', value: 1000 },
      ],
      { domain: [0, 1000], formatValue: long },
    );
    // "1000 d 16 h" is 11 characters: at 10px at least ~50px; its right edge is at x = left − 4.
    const max = svg.querySelector('.sparkline-max');
    expect(Number(max?.getAttribute('x'))).toBeGreaterThan(50);
    const label = svg.querySelector('.sparkline-last-value');
    // the last value starts left of the right edge by at least its own ~50px
    expect(Number(label?.getAttribute('x'))).toBeLessThan(220 - 50);
  });

  it('labels the scale ends and the first and last period', () => {
    const svg = sparkline(fixture('rising'), { domain: [0, 1], formatValue: percent });
    expect(svg.querySelector('.sparkline-min')?.textContent).toBe('0%');
    expect(svg.querySelector('.sparkline-max')?.textContent).toBe('100%');
    expect(svg.querySelector('.sparkline-first-period')?.textContent).toBe('2025-01');
    expect(svg.querySelector('.sparkline-last-period')?.textContent).toBe('2025-08');
    expect(Number(svg.getAttribute('font-size'))).toBeGreaterThanOrEqual(10);
  });

  it('gives every period a tooltip with its value, a dash for a missing one', () => {
    const svg = sparkline(fixture('rising'), { domain: [0, 1], formatValue: percent });
    const titles = [...svg.querySelectorAll('.sparkline-hit title')].map((t) => t.textContent);
    expect(titles).toEqual([
      '2025-01: 52%',
      '2025-02: 55%',
      '2025-03: 54%',
      '2025-04: –',
      '2025-05: 63%',
      '2025-06: 70%',
      '2025-07: 74%',
      '2025-08: 79%',
    ]);
  });

  it('keeps 82% → 83% a small step on the fixed scale (it does not rescale to the values)', () => {
    const svg = sparkline(fixture('small-step'), { domain: [0, 1], formatValue: percent });
    const d = svg.querySelector('.sparkline-line')?.getAttribute('d') ?? '';
    const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
    // 50 − 0.82 × 44 = 13.92 and 50 − 0.83 × 44 = 13.48: under half a pixel apart
    expect(ys[0]).toBeCloseTo(13.92, 5);
    expect(ys[2]).toBeCloseTo(13.48, 5);
  });

  it('without a domain scales from 0 to the highest value', () => {
    expect(sparklineDomain([82, 83])).toEqual([0, 83]);
    expect(sparklineDomain([-2, 5])).toEqual([-2, 5]);
    expect(sparklineDomain([0, 0])).toEqual([0, 1]);
  });

  it('draws a dashed rule instead of a line with fewer than two values', () => {
    const svg = sparkline(fixture('single'));
    expect(svg.querySelector('.sparkline-none')).not.toBeNull();
    expect(svg.querySelector('.sparkline-line')).toBeNull();
  });
});
