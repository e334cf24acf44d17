import path from 'node:path';
import { createTranslator } from '../i18n/i18n';
import { icicleOptions } from '../views/chart-options';
import { ICICLE_FIXTURES } from './fixtures/dashboard';
import { icicleChart } from './icicle';
import { expectSvgSnapshot } from './testing/svg-snapshot';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');

describe('icicleChart', () => {
  it.each(ICICLE_FIXTURES.map((f) => f.name))('renders the %s fixture as committed', (name) => {
    const fixture = ICICLE_FIXTURES.find((f) => f.name === name);
    expect(fixture).toBeDefined();
    const svg = icicleChart(fixture?.data ?? [], icicleOptions(createTranslator('en')));
    expect(() => expectSvgSnapshot(SNAPSHOTS, `icicle.${name}`, svg)).not.toThrow();
  });

  it('merges shared prefixes, largest first, with heights by journeys', () => {
    const svg = icicleChart(ICICLE_FIXTURES[0].data, icicleOptions(createTranslator('en')));
    const first = [...svg.querySelectorAll('.icicle-node')].filter(
      (n) => !n.getAttribute('data-path')?.includes('>'),
    );
    expect(first.map((n) => n.getAttribute('data-path'))).toEqual([
      'Online',
      'Service hall',
      'Hotline',
    ]);
    const heights = first.map((n) => Number(n.querySelector('rect')?.getAttribute('height')) + 1);
    expect(heights[0] / heights[1]).toBeCloseTo(710 / 340, 2);
    expect(svg.querySelector('[data-path="Online"] title')?.textContent).toBe('Online: 710 (65%)');
  });

  it('says so when there are no journeys', () => {
    expect(icicleChart([], { emptyLabel: 'none' }).textContent).toBe('none');
  });
});
