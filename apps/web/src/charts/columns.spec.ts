import path from 'node:path';
import { createTranslator } from '../i18n/i18n';
import { columnsChart } from './columns';
import { COLUMN_FIXTURES } from './fixtures/dashboard';
import { expectSvgSnapshot } from './testing/svg-snapshot';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');

function render(name: string): SVGSVGElement {
  const fixture = COLUMN_FIXTURES.find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  const tr = createTranslator(fixture.locale);
  return columnsChart(fixture.data, {
    formatValue: (v) => tr.number(v),
    showValues: name !== 'months',
    width: name === 'months' ? 900 : 480,
    height: name === 'months' ? 90 : 180,
    emptyLabel: tr.t('state.noJourneys'),
  });
}

describe('columnsChart snapshots', () => {
  it.each(COLUMN_FIXTURES.map((f) => f.name))('renders the %s fixture as committed', (name) => {
    expect(() => expectSvgSnapshot(SNAPSHOTS, `columns.${name}`, render(name))).not.toThrow();
  });
});

describe('columnsChart', () => {
  it('draws one keyed column per category with its figure, tallest for the largest', () => {
    const svg = render('trips');
    const columns = [...svg.querySelectorAll('.column')];
    expect(columns.map((c) => c.getAttribute('data-key'))).toEqual(['0', '1', '2', '3', '4']);
    const heights = columns.map((c) => Number(c.querySelector('rect')?.getAttribute('height')));
    expect(Math.max(...heights)).toBe(heights[1]);
    expect(columns[1].querySelector('.column-value')?.textContent).toBe('820');
    expect(columns[4].querySelector('.column-label')?.textContent).toBe('4+');
  });

  it('thins labels when columns are narrow and exposes the plot edges for a brush', () => {
    const svg = render('months');
    expect(svg.querySelectorAll('.column')).toHaveLength(24);
    expect(svg.querySelectorAll('.column-label').length).toBeLessThan(24);
    expect(svg.querySelector('.columns-plot')?.getAttribute('data-x1')).toBe('894');
  });

  it('says so when every column is zero', () => {
    expect(render('empty').textContent).toBe('No journeys match these filters.');
  });
});
