import '../charts/testing/jsdom-polyfills';
import type { MiningResult } from '@onetrip/contracts';
import { buildingPermit } from '../charts/fixtures/building-permit';
import { demoResult } from '../charts/fixtures/demo';
import type { MapLayout } from '../charts/process-map';
import { createTranslator, type Locale } from '../i18n/i18n';
import { remainingShare, renderBottlenecks } from './bottlenecks-view';
import {
  AUTO_MAP_ACTIVITIES,
  autoActivitiesPct,
  renderMapView,
  sliceMap,
  waitInFront,
} from './map-view';
import { renderOverview } from './overview-view';
import { EMPTY_ROUTE, type Route } from './route';
import { renderTrips } from './trips-view';
import { renderVariants } from './variants-view';
import type { ViewContext } from './view-context';
import { renderWaits } from './waits-view';

function context(result: MiningResult, route: Partial<Route> = {}, locale: Locale = 'en') {
  const navigations: [Partial<Route>, boolean | undefined][] = [];
  const ctx: ViewContext = {
    tr: createTranslator(locale),
    result,
    route: { ...EMPTY_ROUTE, dataset: 'd1', ...route },
    navigate: (patch, replace) => navigations.push([patch, replace]),
    timeZone: 'Asia/Shanghai',
    layouts: new Map<string, MapLayout>(),
    datasetId: 'd1',
  };
  return { ctx, navigations };
}

describe('the overview', () => {
  it('shows every KPI of a demo result with a monthly trend', () => {
    const view = renderOverview(context(demoResult).ctx);
    const kpis = [...view.querySelectorAll('.kpi-card')];
    expect(kpis).toHaveLength(8);
    expect(view.querySelector('[data-kpi="journeys"] .kpi-value')?.textContent).toBe(
      String(demoResult.insights?.kpis.journeys),
    );
    expect(view.querySelectorAll('.kpi-missing')).toHaveLength(0);
    expect(view.querySelectorAll('.kpi-trend svg').length).toBe(8);
  });

  it('says which figures a log without channels cannot give', () => {
    const view = renderOverview(context(buildingPermit).ctx);
    expect(view.querySelector('[data-kpi="at-most-one"] .kpi-value')?.textContent).toBe('–');
    expect(view.querySelector('[data-kpi="queue"] .kpi-note')?.textContent).toBe(
      'no queue tickets',
    );
  });
});

describe('the journey map view', () => {
  it('slices by the sliders, most frequent first, keeping every kept activity connected', () => {
    const sliced = sliceMap(demoResult, 50, 10);
    expect(sliced.activities).toHaveLength(Math.round(demoResult.activities.length / 2));
    const kept = new Set(sliced.activities.map((a) => a.activity));
    const top = [...demoResult.activities].sort((a, b) => b.count - a.count)[0].activity;
    expect(kept.has(top)).toBe(true);
    for (const edge of sliced.dfg)
      expect([kept.has(edge.from), kept.has(edge.to)]).toEqual([true, true]);
    const linked = new Set(sliced.dfg.flatMap((e) => [e.from, e.to]));
    const starts = new Set(sliced.startActivities.map((s) => s.activity));
    for (const activity of kept) expect(linked.has(activity) || starts.has(activity)).toBe(true);
  });

  it('switches overlays: counts, then waiting times with nodes coloured by wait', () => {
    const labels = (v: HTMLElement): string[] =>
      [...v.querySelectorAll('.pm-edge-label')].map((l) => l.textContent ?? '');
    const { ctx, navigations } = context(demoResult);
    const view = renderMapView(ctx);
    expect(labels(view).every((l) => /^[\d,]+$/.test(l))).toBe(true);
    view.querySelector<HTMLButtonElement>('#overlay-time')?.click();
    expect(navigations).toEqual([[{ map: { ...EMPTY_ROUTE.map, overlay: 'time' } }, true]]);
    const timed = renderMapView(
      context(demoResult, { map: { ...EMPTY_ROUTE.map, overlay: 'time' } }).ctx,
    );
    expect(labels(timed).some((l) => /\d+ (d|h|min|s)/.test(l))).toBe(true);
    expect(timed.querySelector('.legend-heat')).not.toBeNull();
    const waits = waitInFront(demoResult);
    expect(Math.max(...waits.values())).toBeGreaterThan(0);
  });

  it('shows case coverage as the share of journeys passing at least once', () => {
    const insights = demoResult.insights;
    if (!insights) throw new Error('the demo fixture has insights');
    // An activity some journeys repeat: its instances outnumber the journeys that have it.
    const repeated = insights.activities.find(
      (a) =>
        a.journeys < (demoResult.activities.find((s) => s.activity === a.activity)?.count ?? 0),
    );
    if (!repeated) throw new Error('the demo fixture has a repeated activity');
    const view = renderMapView(
      context(demoResult, { map: { ...EMPTY_ROUTE.map, frequency: 'coverage' } }).ctx,
    );
    const node = view.querySelector(`.pm-node-activity[data-activity="${repeated.activity}"]`);
    const expected = Math.round((100 * repeated.journeys) / insights.kpis.journeys);
    expect(node?.querySelector('.pm-node-count')?.textContent).toBe(`${expected}%`);
  });

  it('opens a large map at its 25 most frequent activities, a small one whole', () => {
    const small = renderMapView(context(demoResult).ctx);
    expect(demoResult.activities.length).toBeLessThanOrEqual(AUTO_MAP_ACTIVITIES);
    expect(small.querySelectorAll('.pm-node-activity')).toHaveLength(demoResult.activities.length);

    const [a0] = demoResult.activities;
    const [e0] = demoResult.dfg;
    const names = Array.from({ length: 120 }, (_, i) => `step ${String(i).padStart(3, '0')}`);
    const large: MiningResult = {
      ...demoResult,
      insights: undefined,
      activities: names.map((activity, i) => ({ ...a0, activity, count: 1_000 - i })),
      dfg: names.slice(1).map((to, i) => ({ ...e0, from: names[i], to, count: 900 - i })),
      startActivities: [{ activity: names[0], count: 1_000 }],
      endActivities: [{ activity: names[119], count: 1_000 }],
    };
    expect(autoActivitiesPct(120)).toBe(20);
    const { ctx, navigations } = context(large);
    const view = renderMapView(ctx);
    const shown = [...view.querySelectorAll('.pm-node-activity')].map((n) =>
      n.getAttribute('data-activity'),
    );
    // The most frequent first: step 000 … step 023 (20% of 120).
    expect(shown.sort()).toEqual(names.slice(0, 24));
    expect(view.textContent).toContain('the 24 most frequent activities are shown');
    expect(small.textContent).not.toContain('most frequent activities are shown');
    const input = view.querySelector<HTMLInputElement>('#map-activities');
    expect(input?.value).toBe('20');
    if (!input) throw new Error('no activities slider');
    input.value = '100';
    input.dispatchEvent(new Event('change'));
    expect(navigations).toEqual([[{ map: { ...EMPTY_ROUTE.map, activities: 100 } }, true]]);
    const all = renderMapView(context(large, { map: { ...EMPTY_ROUTE.map, activities: 100 } }).ctx);
    expect(all.querySelectorAll('.pm-node-activity')).toHaveLength(120);
  });

  it('keeps nodes where they were when a filter changes the result', () => {
    const { ctx } = context(demoResult);
    const position = (view: HTMLElement, activity: string): string | null | undefined =>
      view
        .querySelector(`.pm-node-activity[data-activity="${activity}"]`)
        ?.getAttribute('transform');
    const before = renderMapView(ctx);
    const fewer: MiningResult = {
      ...demoResult,
      dfg: demoResult.dfg.filter((_, i) => i % 2 === 0),
    };
    const after = renderMapView({ ...ctx, result: fewer });
    const activity = demoResult.activities[0].activity;
    expect(position(after, activity)).toBe(position(before, activity));
  });

  it('opens the side panel of a clicked edge with its histograms and sample journeys', () => {
    const edge = demoResult.insights?.edges[0];
    if (!edge) throw new Error('the demo fixture has no edge insights');
    const { ctx, navigations } = context(demoResult, {
      selected: { kind: 'edge', from: edge.from, to: edge.to },
    });
    const view = renderMapView(ctx);
    const panel = view.querySelector('[data-testid="side-panel"]');
    expect(panel?.querySelector('h3')?.textContent).toBe(`${edge.from} → ${edge.to}`);
    expect(panel?.querySelectorAll('.panel-chart svg')).toHaveLength(2);
    expect(view.querySelectorAll('.pm-edge.pm-highlight')).toHaveLength(1);
    panel?.querySelector<HTMLButtonElement>('.sample-journey')?.click();
    expect(navigations.at(-1)?.[0]).toEqual({
      view: 'timeline',
      journey: { key: edge.samples[0].key, service: edge.samples[0].service ?? null },
    });
  });

  it('clicking an arrow asks for its panel', () => {
    const { ctx, navigations } = context(demoResult);
    const view = renderMapView(ctx);
    const edge = view.querySelector('.pm-edge:not(.pm-edge-terminal)');
    edge?.querySelector('.pm-edge-line')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(navigations).toEqual([
      [
        {
          selected: {
            kind: 'edge',
            from: edge?.getAttribute('data-from'),
            to: edge?.getAttribute('data-to'),
          },
        },
        true,
      ],
    ]);
  });
});

describe('the other views', () => {
  it('ranks bottlenecks and links each to the map, highlighted', () => {
    const { ctx, navigations } = context(demoResult);
    const view = renderBottlenecks(ctx);
    const rows = view.querySelectorAll('[data-testid="bottlenecks-government-table"] tbody tr');
    const government = demoResult.insights?.bottlenecks.government ?? [];
    const edges = government.filter((b) => b.kind === 'edge');
    expect(rows.length).toBe(Math.min(20, edges.length));
    // One ranking: hand-offs only; the same waits by step are a folded view beside it.
    for (const row of rows) expect(row.querySelector('td')?.textContent).toContain(' → ');
    const bySteps = view.querySelectorAll(
      '[data-testid="bottlenecks-government-by-step-table"] tbody tr',
    );
    expect(bySteps.length).toBeGreaterThan(0);
    for (const row of bySteps) expect(row.querySelector('td')?.textContent).not.toContain(' → ');
    rows[0].querySelector<HTMLButtonElement>('.show-on-map')?.click();
    expect(navigations[0][0].view).toBe('map');
    expect(navigations[0][0].selected).not.toBeNull();
  });

  it('makes each bottleneck table add up to its side of all waiting, the rest in one row', () => {
    const sides = demoResult.insights?.bottlenecks;
    if (!sides?.shares) throw new Error('demo result without side shares');
    expect(sides.shares.government + sides.shares.citizen).toBeCloseTo(1, 9);
    const edges = sides.government.filter((b) => b.kind === 'edge');
    const shown = edges.slice(0, 20);
    const rest = remainingShare(sides.shares.government, shown);
    expect(shown.reduce((s, b) => s + b.share, 0) + rest).toBeCloseTo(sides.shares.government, 9);
    const view = renderBottlenecks(context(demoResult).ctx);
    const restRow = view.querySelector('[data-testid="bottlenecks-government-table-rest"]');
    expect(restRow === null).toBe(rest === 0);
    expect(remainingShare(0.5, [{ ...edges[0], share: 0.5 }])).toBe(0);
  });

  it('shows trips, rates, return causes and purposes and channel sequences; or says why not', () => {
    const view = renderTrips(context(demoResult, {}, 'zh-CN').ctx);
    for (const card of [
      'trips-distribution',
      'trips-by-service',
      'trips-by-department',
      'trips-by-hall',
      'trips-caused-by-department',
      'return-causes',
      'return-purposes',
      'channel-sequences',
    ]) {
      expect([card, view.querySelectorAll(`[data-card="${card}"] svg`).length]).toEqual([card, 1]);
    }
    expect(view.querySelector('[data-card="channel-sequences"]')?.textContent).toContain('大厅');
    expect(
      renderTrips(context(buildingPermit).ctx).querySelector('[data-testid="trips-unavailable"]'),
    ).not.toBeNull();
  });

  it('shows queue waits by hall and hour, department waits and who is waited on', () => {
    const view = renderWaits(context(demoResult).ctx);
    expect(view.querySelectorAll('.heat-cell:not(.heat-empty)').length).toBeGreaterThan(5);
    expect(view.querySelectorAll('[data-card="queue-by-hall"] .bar-row').length).toBeGreaterThan(0);
    expect(view.querySelectorAll('[data-card="wait-attribution"] .bar-row')).toHaveLength(2);
    // The demo: 226 tickets, 6 closed by the end-of-day event, at three halls.
    const abandoned = view.querySelector('[data-card="queue-abandoned"]');
    expect(abandoned?.querySelectorAll('.bar-row')).toHaveLength(3);
    expect(abandoned?.textContent).toContain(
      '6 of 226 tickets (3%) were not called in their visit (6 closed',
    );
    expect(renderWaits(context(buildingPermit).ctx).textContent).toContain(
      'mined without the dashboard',
    );
    // Back-office waits name their clock: the demo (Asia/Shanghai) adds working time.
    const departments = view.querySelector('[data-card="waits-by-department"]');
    expect(departments?.textContent).toContain('mainland Chinese working days');
    expect(departments?.textContent).toContain('working time ');
    const berlin = {
      ...demoResult,
      insights: { ...demoResult.insights!, workingCalendar: null },
    } as MiningResult;
    expect(
      renderWaits(context(berlin).ctx).querySelector('[data-card="waits-by-department"]')
        ?.textContent,
    ).toContain('no working calendar is known');
  });

  it('lists variants with cumulative coverage; selected variants become the filter', () => {
    const { ctx, navigations } = context(demoResult);
    const view = renderVariants(ctx);
    const rows = [...view.querySelectorAll('[data-testid="variants-table"] tbody tr')];
    expect(rows.length).toBe(Math.min(30, demoResult.variants.length));
    const cumulative = rows.map((r) => r.querySelector('.cumulative')?.textContent);
    expect(cumulative[0]).toBe(rows[0].children[4].textContent);
    const box = rows[1].querySelector<HTMLInputElement>('.variant-select');
    box!.checked = true;
    box!.dispatchEvent(new Event('change'));
    view.querySelector<HTMLButtonElement>('#variants-apply')?.click();
    expect(navigations[0][0].filter?.variants).toEqual([demoResult.variants[1].activities]);
  });
});
