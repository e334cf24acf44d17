import path from 'node:path';
import { createTranslator } from '../i18n/i18n';
import { columnsChart } from './columns';
import { textWidth } from './text';
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

describe('columnsChart labels in Chinese', () => {
  it('thins Chinese duration labels by their measured width, so that none overlap', () => {
    const labels = Array.from({ length: 14 }, (_, i) => `${i + 1} 小时 ${(i * 7) % 60} 分`);
    const svg = columnsChart(
      labels.map((label, i) => ({ key: String(i), label, value: 10 + i })),
      { formatValue: (v) => String(v), width: 480, height: 180, emptyLabel: '无' },
    );
    const shown = [...svg.querySelectorAll('.column-label')].filter((t) => t.textContent !== '');
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThan(labels.length);
    // Whole labels, not cut to fit a gap counted for Latin letters.
    for (const t of shown) expect(t.textContent).not.toContain('…');
    const spans = shown.map((t) => {
      const x = Number(t.getAttribute('x'));
      const w = textWidth(t.textContent ?? '', 11);
      const anchor = t.getAttribute('text-anchor') ?? 'middle';
      const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
      return [left, left + w];
    });
    for (let i = 1; i < spans.length; i++)
      expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
  });
});

describe('columnsChart labels of a side-panel histogram', () => {
  it.each(['zh-CN', 'en'] as const)(
    'never overlap at the panel’s width, whatever the bins (%s)',
    (locale) => {
      const tr = createTranslator(locale);
      // Log bins from 1 s to 30 days, as the map's side panel shows them (320 px wide).
      for (const bins of [8, 12, 16, 24, 32]) {
        const edges = Array.from({ length: bins }, (_, i) =>
          Math.round(Math.pow(2_592_000, i / bins)),
        );
        const svg = columnsChart(
          edges.map((s, i) => ({ key: String(i), label: tr.duration(s), value: 1 + (i % 5) })),
          {
            formatValue: (v) => String(v),
            width: 320,
            height: 150,
            showValues: false,
            emptyLabel: '–',
          },
        );
        const spans = [...svg.querySelectorAll('.column-label')].map((t) => {
          const x = Number(t.getAttribute('x'));
          const w = textWidth(t.textContent ?? '', 11);
          return [x - w / 2, x + w / 2];
        });
        for (let i = 1; i < spans.length; i++) {
          expect([bins, i, spans[i][0] >= spans[i - 1][1]]).toEqual([bins, i, true]);
        }
      }
    },
  );
});
