import path from 'node:path';
import { SPARKLINE_FIXTURES } from './fixtures/dashboard';
import { sparkline } from './sparkline';
import { expectSvgSnapshot } from './testing/svg-snapshot';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');

describe('sparkline', () => {
  it.each(SPARKLINE_FIXTURES.map((f) => f.name))('renders the %s fixture as committed', (name) => {
    const fixture = SPARKLINE_FIXTURES.find((f) => f.name === name);
    expect(fixture).toBeDefined();
    const svg = sparkline(fixture?.data ?? []);
    expect(() => expectSvgSnapshot(SNAPSHOTS, `sparkline.${name}`, svg)).not.toThrow();
  });

  it('leaves a gap for a missing month and marks the latest value', () => {
    const svg = sparkline(SPARKLINE_FIXTURES[0].data);
    const d = svg.querySelector('.sparkline-line')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2); // two segments around the gap
    const dot = svg.querySelector('circle');
    expect(Number(dot?.getAttribute('cx'))).toBeCloseTo(157, 5);
    expect(Number(dot?.getAttribute('cy'))).toBeCloseTo(3, 5); // the highest value, at the top
  });

  it('draws a dashed rule instead of a line with fewer than two values', () => {
    const svg = sparkline(SPARKLINE_FIXTURES[1].data);
    expect(svg.querySelector('.sparkline-none')).not.toBeNull();
    expect(svg.querySelector('.sparkline-line')).toBeNull();
  });
});
