import path from 'node:path';
import { createTranslator } from '../i18n/i18n';
import { variantsOptions } from '../views/chart-options';
import { FIXTURES } from './fixtures';
import { buildingPermit } from './fixtures/building-permit';
import { expectSvgSnapshot } from './testing/svg-snapshot';
import { variantsChart } from './variants';

const SNAPSHOTS = path.join(__dirname, '__snapshots__');

function render(name: string, maxVariants?: number): SVGSVGElement {
  const fixture = FIXTURES.find((f) => f.name === name);
  if (!fixture) throw new Error(`no fixture ${name}`);
  const data = { variants: fixture.result.variants, total: fixture.result.summary.cases };
  return variantsChart(data, {
    ...variantsOptions(createTranslator(fixture.locale)),
    ...(maxVariants ? { maxVariants } : {}),
  });
}

describe('variantsChart snapshots', () => {
  it.each(FIXTURES.map((f) => f.name))('renders the %s fixture as committed', (name) => {
    expect(() => expectSvgSnapshot(SNAPSHOTS, `variants.${name}`, render(name))).not.toThrow();
  });
});

describe('variantsChart', () => {
  it('lists variants most frequent first with count and share of all cases', () => {
    const svg = render('building-permit');
    const rows = [...svg.querySelectorAll('.variant')].map((row) => [
      row.querySelector('.variant-rank')?.textContent,
      row.querySelector('.variant-figures')?.textContent,
    ]);
    expect(rows).toEqual([
      ['#1', '47 · 39%'],
      ['#2', '38 · 32%'],
      ['#3', '15 · 13%'],
      ['#4', '10 · 8%'],
      ['#5', '5 · 4%'],
      ['#6', '5 · 4%'],
    ]);
    expect(svg.querySelector('.variant-sequence')?.textContent).toBe(
      'Submit application → Check completeness → Review plans → Site inspection → Approve → Issue permit',
    );
  });

  it('scales bars to the most frequent variant', () => {
    const bars = [...render('building-permit').querySelectorAll('.variant-bar')];
    const widths = bars.map((b) => Number(b.getAttribute('width')));
    expect(widths[0]).toBeCloseTo(widths[3] * (47 / 10), 5); // #1: 47 cases, #4: 10
  });

  it('shows at most maxVariants and cuts long sequences with an ellipsis', () => {
    const svg = render('property-registration', 2);
    expect(svg.querySelectorAll('.variant')).toHaveLength(2);
    expect(svg.getAttribute('aria-label')).toBe('最常见的 2 条路径变体（共 7 条）');
    const third = variantsChart(
      { variants: buildingPermit.variants, total: 120 },
      { width: 300 },
    ).querySelectorAll('.variant-sequence')[2];
    expect(third.textContent?.endsWith('…')).toBe(true);
  });

  it('says so when there are no variants', () => {
    expect(render('empty').textContent).toBe('No variants to show.');
  });

  it('rejects a limit below one', () => {
    expect(() => variantsChart({ variants: [], total: 0 }, { maxVariants: 0 })).toThrow(
      'variantsChart: maxVariants must be ≥ 1, got 0',
    );
  });
});
