import '../charts/testing/jsdom-polyfills';
import type { Insights, MiningResult } from '@onetrip/contracts';
import { demoResult } from '../charts/fixtures/demo';
import type { MapLayout } from '../charts/process-map';
import { createTranslator, type Locale } from '../i18n/i18n';
import { renderBottlenecks } from './bottlenecks-view';
import { EMPTY_ROUTE } from './route';
import { renderTrips } from './trips-view';
import type { ViewContext } from './view-context';

function context(result: MiningResult, locale: Locale = 'en'): ViewContext {
  return {
    tr: createTranslator(locale),
    result,
    route: { ...EMPTY_ROUTE, dataset: 'd1' },
    navigate: () => undefined,
    timeZone: 'Asia/Shanghai',
    layouts: new Map<string, MapLayout>(),
    datasetId: 'd1',
  };
}

const insights = demoResult.insights as Insights;
/** The demo result with hand-written return causes. */
const withCauses: MiningResult = {
  ...demoResult,
  insights: {
    ...insights,
    returnCauses: {
      causes: [
        { activity: '告知补正材料', department: '市场监管局', journeys: 7, returns: 9 },
        { activity: '审批通过', department: null, journeys: 3, returns: 3 },
      ],
      purposes: [
        { activity: '提交补正材料', journeys: 7, returns: 9 },
        { activity: null, journeys: 1, returns: 1 },
      ],
    },
  },
};

const titles = (view: HTMLElement, card: string) =>
  [...view.querySelectorAll(`[data-card="${card}"] .bar-row title`)].map((t) => t.textContent);

describe('the return-causes chart', () => {
  it('shows what preceded each return trip, with its department, by journeys', () => {
    const view = renderTrips(context(withCauses));
    expect(titles(view, 'return-causes')).toEqual([
      '告知补正材料: 7 · 市场监管局 · 9 return trips',
      '审批通过: 3 · no department · 3 return trips',
    ]);
    expect(view.querySelector('[data-card="return-reasons"]')).toBeNull();
  });

  it('shows what the citizens came back for, queue-only trips named as such', () => {
    const view = renderTrips(context(withCauses, 'zh-CN'));
    expect(titles(view, 'return-purposes')).toEqual([
      '提交补正材料: 7 · 再次跑动 9 次',
      '（仅取号排队）: 1 · 再次跑动 1 次',
    ]);
  });

  it('on the demo, no queue step is a purpose', () => {
    const view = renderTrips(context(demoResult));
    const labels = [...view.querySelectorAll('[data-card="return-purposes"] .bar-label')].map(
      (l) => l.textContent,
    );
    expect(labels.length).toBeGreaterThan(0);
    expect(labels).not.toContain('取号');
    expect(labels).not.toContain('叫号');
  });

  it('falls back to the activities of return trips for results stored before the causes', () => {
    const { returnCauses: _dropped, ...older } = insights;
    const view = renderTrips(context({ ...demoResult, insights: older as Insights }));
    expect(view.querySelector('[data-card="return-causes"]')).toBeNull();
    expect(view.querySelectorAll('[data-card="return-reasons"] .bar-row').length).toBeGreaterThan(
      0,
    );
  });
});

describe('the bottlenecks view by side', () => {
  it('ranks waiting on the government first, then waiting on the citizen', () => {
    const view = renderBottlenecks(context(demoResult));
    const cards = [...view.querySelectorAll('[data-card]')].map((c) => c.getAttribute('data-card'));
    expect(cards).toEqual(['bottlenecks-government', 'bottlenecks-citizen']);
    const first = (card: string) =>
      view.querySelector(`[data-testid="${card}-table"] tbody tr td`)?.textContent;
    // The citizen's time before taking a ticket tops the unsplit list, but not the government's.
    expect(demoResult.bottlenecks[0].activity).toBe('取号');
    expect(first('bottlenecks-government')).not.toMatch(/→ 取号$/);
    // The table ranks hand-offs: the largest citizen-side one leads into 取号.
    expect(first('bottlenecks-citizen')).toMatch(/→ 取号$/);
    expect(first('bottlenecks-citizen-by-step')).toBe('取号');
  });

  it('keeps the single ranking for results without the split', () => {
    const { bottlenecks: _dropped, ...older } = insights;
    const view = renderBottlenecks(context({ ...demoResult, insights: older as Insights }));
    const cards = [...view.querySelectorAll('[data-card]')].map((c) => c.getAttribute('data-card'));
    expect(cards).toEqual(['bottlenecks']);
  });
});
