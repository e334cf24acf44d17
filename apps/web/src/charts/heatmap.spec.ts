import path from 'node:path';
import { createTranslator } from '../i18n/i18n';
import { heatmapOptions } from '../views/chart-options';
import { HEATMAP_FIXTURES } from './fixtures/dashboard';
import { heatmap } from './heatmap';
import { expectSvgSnapshot } from './testing/svg-snapshot';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');

function render(name: string): SVGSVGElement {
  const fixture = HEATMAP_FIXTURES.find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  return heatmap(fixture.data, heatmapOptions(createTranslator(fixture.locale)));
}

describe('heatmap', () => {
  it.each(HEATMAP_FIXTURES.map((f) => f.name))('renders the %s fixture as committed', (name) => {
    expect(() => expectSvgSnapshot(SNAPSHOTS, `heatmap.${name}`, render(name))).not.toThrow();
  });

  it('trims closed hours, keeps all weekdays and marks cells without tickets', () => {
    const svg = render('queue');
    // hours 8–17 → 10 columns × 7 weekdays
    expect(svg.querySelectorAll('.heat-cell')).toHaveLength(70);
    expect(svg.querySelectorAll('.heat-empty')).toHaveLength(10 + 5);
    expect(svg.textContent).toContain('周日');
    const titles = [...svg.querySelectorAll('title')].map((t) => t.textContent);
    expect(titles).toContain('周一 9:00 · 39 分钟 36 秒 · 29 次等待');
  });

  it('explains an empty grid, and rejects cells outside it', () => {
    expect(render('empty').textContent).toContain('No hall queue tickets');
    expect(() => heatmap([{ row: 7, column: 0, value: 1, count: 1 }])).toThrow(
      'heatmap: cell (7, 0) is outside the 7×24 grid',
    );
  });
});
