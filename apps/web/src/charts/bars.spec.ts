import path from 'node:path';
import { createTranslator } from '../i18n/i18n';
import { barsChart } from './bars';
import { BAR_FIXTURES } from './fixtures/dashboard';
import { expectSvgSnapshot } from './testing/svg-snapshot';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');

function render(name: string): SVGSVGElement {
  const fixture = BAR_FIXTURES.find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  const tr = createTranslator(fixture.locale);
  return barsChart(fixture.data, {
    formatValue: name === 'rates' ? (v) => tr.percent(v) : (v) => tr.duration(v * 3600),
    max: name === 'rates' ? 1 : null,
    emptyLabel: tr.t('bottlenecks.empty'),
  });
}

describe('barsChart snapshots', () => {
  it.each(BAR_FIXTURES.map((f) => f.name))('renders the %s fixture as committed', (name) => {
    expect(() => expectSvgSnapshot(SNAPSHOTS, `bars.${name}`, render(name))).not.toThrow();
  });
});

describe('barsChart', () => {
  it('keeps the given order, keys every row and scales bars to the largest value', () => {
    const svg = render('bottlenecks');
    const rows = [...svg.querySelectorAll('.bar-row')];
    expect(rows.map((r) => r.getAttribute('data-key'))).toEqual(
      BAR_FIXTURES[0].data.map((d) => d.key),
    );
    const widths = rows.map((r) => Number(r.querySelector('.bar')?.getAttribute('width')));
    expect(widths[0]).toBeCloseTo((widths[2] * 7365) / 5610, 5);
    expect(rows[1].classList.contains('bar-highlight')).toBe(true);
    expect(rows[0].querySelector('.bar-figure')?.textContent).toBe('306 d 21 h · 31%');
  });

  it('draws rates against a fixed maximum and cuts long labels', () => {
    const svg = barsChart(
      [{ key: 'x', label: 'A very long hall name that cannot fit', value: 0.5 }],
      {
        max: 1,
        labelWidth: 80,
      },
    );
    expect(svg.querySelector('.bar-label')?.textContent?.endsWith('…')).toBe(true);
    expect(Number(svg.querySelector('.bar')?.getAttribute('width'))).toBeCloseTo(
      (640 - 92 - 150) / 2,
      5,
    );
  });

  it('says so when empty, and rejects negative values by name', () => {
    expect(render('empty').textContent).toBe('No waiting found in these journeys.');
    expect(() => barsChart([{ key: 'k', label: 'Hall A', value: -1 }])).toThrow(
      'barsChart: Hall A has value -1; expected a finite number ≥ 0',
    );
  });
});
