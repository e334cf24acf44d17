import '../charts/testing/jsdom-polyfills';
import { miningResult } from '../charts/fixtures/build';
import { buildingPermit } from '../charts/fixtures/building-permit';
import { createTranslator } from '../i18n/i18n';
import { renderProcessMapView } from './process-map-view';

/** A dense log: 30 activities, every ordered pair i→j (i ≠ j, j − i ≤ 7 mod 30) observed. */
function denseResult() {
  const names = Array.from({ length: 30 }, (_, i) => `Step ${String(i + 1).padStart(2, '0')}`);
  const edges: [string, string, number, number][] = [];
  names.forEach((from, i) => {
    for (let k = 1; k <= 7; k++) edges.push([from, names[(i + k) % 30], 100 - 10 * k + i, 3600]);
  });
  return miningResult({
    cases: 100,
    activities: names.map((n): [string, number] => [n, 500]),
    edges,
    start: [[names[0], 100]],
    end: [[names[29], 100]],
    variants: [],
    leadTimeMedianSeconds: 86400,
  });
}

describe('the process map view', () => {
  it('shows a small map whole, without a notice', () => {
    const view = renderProcessMapView(buildingPermit, createTranslator('en'));
    expect(view.querySelectorAll('.pm-edge:not(.pm-edge-terminal)')).toHaveLength(12);
    expect(view.querySelector('.notice')).toBeNull();
  });

  it('draws only the most frequent transitions of a dense log, and says so', () => {
    const dense = denseResult();
    expect(dense.dfg).toHaveLength(210);
    const view = renderProcessMapView(dense, createTranslator('zh-CN'));
    // 1.5 per activity
    expect(view.querySelectorAll('.pm-edge:not(.pm-edge-terminal)')).toHaveLength(45);
    expect(view.querySelectorAll('.pm-node-activity')).toHaveLength(30);
    expect(view.querySelector('.notice')?.textContent).toBe(
      '仅显示最常见的 45 条流转（共 210 条）；下方表格列出全部。',
    );
    // The tables still list every transition.
    expect(view.querySelectorAll('.map-tables tbody tr')).toHaveLength(30 + 210);
  });

  it('says so when there is nothing to draw', () => {
    const empty = miningResult({
      cases: 0,
      activities: [],
      edges: [],
      start: [],
      end: [],
      variants: [],
      leadTimeMedianSeconds: 0,
    });
    const view = renderProcessMapView(empty, createTranslator('en'));
    expect(view.querySelector('[data-testid="process-map-empty"]')?.textContent).toBe(
      'No activities to show.',
    );
  });
});
