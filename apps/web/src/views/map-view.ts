import { figureText } from './small-counts';
import type { ActivityInsight, ActivityStats, DfgEdge, MiningResult } from '@onetrip/contracts';
import { columnsChart } from '../charts/columns';
import {
  edgeKey,
  layoutProcessMap,
  type MapElement,
  type MapLayout,
  type MapLanes,
  type ProcessMapData,
} from '../charts/process-map';
import type { MessageKey, Translator } from '../i18n/i18n';
import { channelName, processMapOptions } from './chart-options';
import { el } from './dom';
import { chartExport } from './export';
import { renderProcessMapView } from './process-map-view';
import type { MapSettings } from './route';
import { histogramColumns, type DashboardView, type ViewContext } from './view-context';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The map's data at the sliders' settings: the `activities` % most frequent activities, and of
 * the transitions between them the `paths` % most frequent (at least each kept activity's
 * strongest way in and out, so that nothing floats). Pure.
 */
export function sliceMap(
  result: ProcessMapData,
  activitiesPct: number,
  pathsPct: number,
  /** At most this many transitions beyond each kept activity's strongest way in and out. */
  maxPaths = Number.POSITIVE_INFINITY,
): ProcessMapData {
  const activities = [...result.activities].sort(
    (a, b) => b.count - a.count || compareText(a.activity, b.activity),
  );
  const keepCount = Math.max(1, Math.round((activities.length * activitiesPct) / 100));
  const kept = new Set(activities.slice(0, keepCount).map((a) => a.activity));
  const inside = result.dfg
    .filter((e) => kept.has(e.from) && kept.has(e.to))
    .sort((a, b) => b.count - a.count || compareText(a.from, b.from) || compareText(a.to, b.to));
  const want = Math.min(Math.round((inside.length * pathsPct) / 100), maxPaths);
  const keep = new Set<DfgEdge>();
  const hasIn = new Set<string>();
  const hasOut = new Set<string>();
  for (const edge of inside) {
    if (edge.from === edge.to) continue;
    if (!hasOut.has(edge.from) || !hasIn.has(edge.to)) keep.add(edge);
    hasOut.add(edge.from);
    hasIn.add(edge.to);
  }
  for (const edge of inside) {
    if (keep.size >= want) break;
    keep.add(edge);
  }
  return {
    activities: result.activities.filter((a) => kept.has(a.activity)),
    dfg: result.dfg.filter((e) => keep.has(e)),
    startActivities: result.startActivities.filter((a) => kept.has(a.activity)),
    endActivities: result.endActivities.filter((a) => kept.has(a.activity)),
  };
}

/** Most activities a map shows until someone moves the activities slider. */
export const AUTO_MAP_ACTIVITIES = 25;

/**
 * Most transitions a large map (more than AUTO_MAP_ACTIVITIES activities) shows until someone
 * moves a slider: on a dense real log (BPIC15_1) the paths slider's 30% of the transitions between
 * 25 activities is still spaghetti. The strongest way in and out of each activity is always kept.
 */
export const AUTO_MAP_PATHS = 50;

/**
 * The activities slider's share for `auto`: 100% of a map of up to AUTO_MAP_ACTIVITIES
 * activities, else the share that keeps about the AUTO_MAP_ACTIVITIES most frequent (at least
 * 1%). Pure.
 */
export function autoActivitiesPct(activityCount: number): number {
  if (activityCount <= AUTO_MAP_ACTIVITIES) return 100;
  return Math.max(1, Math.floor((AUTO_MAP_ACTIVITIES / activityCount) * 100));
}

/** Mean wait in front of each activity (over every transition into it), seconds. */
export function waitInFront(result: Pick<MiningResult, 'dfg'>): Map<string, number> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const e of result.dfg) {
    const s = sums.get(e.to) ?? { total: 0, count: 0 };
    s.total += e.waitSeconds.total;
    s.count += e.count;
    sums.set(e.to, s);
  }
  return new Map([...sums].map(([a, s]) => [a, s.count > 0 ? s.total / s.count : 0]));
}

function lanesOf(result: MiningResult, by: MapSettings['lanes'], tr: Translator): MapLanes | null {
  if (by === 'none') return null;
  // Each activity's dominant channel / source system (absent when the log has none, and then
  // the map says swimlanes are unavailable).
  const source: readonly ActivityInsight[] = result.insights?.activities ?? [];
  const of = new Map<string, string>();
  for (const a of source) {
    const lane = by === 'channel' ? a.channel : a.sourceSystem;
    if (lane) of.set(a.activity, lane);
  }
  if (of.size === 0) return null;
  const order = [...new Set(of.values())].sort(compareText);
  const labels = by === 'channel' ? new Map(order.map((c) => [c, channelName(tr, c)])) : undefined;
  return { order, of, labels };
}

function segmented<T extends string>(
  name: string,
  label: string,
  value: T,
  options: readonly [T, string][],
  onChange: (value: T) => void,
): HTMLElement {
  return el(
    'div',
    { class: 'segmented', role: 'radiogroup', 'aria-label': label },
    options.map(([v, text]) =>
      el(
        'button',
        {
          type: 'button',
          role: 'radio',
          'aria-checked': v === value ? 'true' : 'false',
          class: v === value ? 'segment active' : 'segment',
          'data-focus': `${name}-${v}`,
          'data-value': v,
          id: `${name}-${v}`,
          onclick: () => onChange(v),
        },
        text,
      ),
    ),
  );
}

function selectControl<T extends string>(
  id: string,
  label: string,
  value: T,
  options: readonly [T, string][],
  onChange: (value: T) => void,
): HTMLElement {
  return el(
    'label',
    { class: 'control', for: id },
    el('span', { class: 'control-label' }, label),
    el(
      'select',
      {
        id,
        'data-focus': id,
        onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value as T),
      },
      options.map(([v, text]) => el('option', { value: v, selected: v === value }, text)),
    ),
  );
}

function slider(
  id: string,
  label: string,
  value: number,
  onChange: (value: number) => void,
): HTMLElement {
  const output = el('output', { for: id }, `${value}%`);
  const input = el('input', {
    type: 'range',
    id,
    min: 1,
    max: 100,
    step: 1,
    value,
    'data-focus': id,
    'aria-valuetext': `${value}%`,
    oninput: (e: Event) => {
      output.textContent = `${(e.target as HTMLInputElement).value}%`;
    },
    onchange: (e: Event) => onChange(Number((e.target as HTMLInputElement).value)),
  });
  return el(
    'label',
    { class: 'control slider', for: id },
    el('span', { class: 'control-label' }, label),
    input,
    output,
  );
}

/** Journeys passing each activity and each edge (`from NUL to`) at least once, from the insights. */
function journeysPassing(result: MiningResult): {
  activities: Map<string, number>;
  edges: Map<string, number>;
} {
  const insights = result.insights;
  return {
    activities: new Map(insights?.activities.map((a) => [a.activity, a.journeys]) ?? []),
    edges: new Map(insights?.edges.map((e) => [`${e.from}\u0000${e.to}`, e.journeys]) ?? []),
  };
}

/** The journey map with overlays, sliders, swimlanes and the side panel of a clicked element. */
export function renderMapView(ctx: ViewContext): HTMLElement {
  const { tr, result, route } = ctx;
  const m = route.map;
  const set = (patch: Partial<MapSettings>): void =>
    ctx.navigate({ map: { ...m, ...patch } }, true);
  const activitiesPct =
    m.activities === 'auto' ? autoActivitiesPct(result.activities.length) : m.activities;
  const autoLarge = m.activities === 'auto' && result.activities.length > AUTO_MAP_ACTIVITIES;
  const maxPaths = autoLarge ? AUTO_MAP_PATHS : Number.POSITIVE_INFINITY;
  const data = sliceMap(result, activitiesPct, m.paths, maxPaths);
  // One layout per dataset and slider setting, kept across filters: a filtered map keeps its
  // nodes where they were (only a node the layout lacks makes a new one).
  const layoutKey = `${ctx.datasetId}|${activitiesPct}|${m.paths}|${maxPaths}`;
  let layout = ctx.layouts.get(layoutKey) ?? null;
  if (!layout || !data.activities.every((a) => layout?.nodes.has(`a:${a.activity}`))) {
    layout = layoutProcessMap(data, processMapOptions(tr));
    ctx.layouts.set(layoutKey, layout);
  }
  const journeys = Math.max(1, result.insights?.kpis.journeys ?? result.summary.journeys);
  const covered = journeysPassing(result);
  // Case coverage: journeys passing there at least once; a result without insights only has
  // transition counts, which overstate it when a journey passes twice.
  const coverage = (passing: number | undefined, count: number): string =>
    tr.percent(Math.min(1, (passing ?? count) / journeys));
  const waits = waitInFront(result);
  const stat = (s: { mean: number; median: number; p90: number }): number => s[m.stat];
  const serviceStat = (a: ActivityStats): number | null =>
    a.serviceSeconds ? stat(a.serviceSeconds) : null;
  const timeFigures = (e: DfgEdge): string[] => [
    tr.duration(stat(m.of === 'wait' ? e.waitSeconds : e.durationSeconds)),
    `${tr.number(e.count)}×`,
  ];
  const nodeFigure = (a: ActivityStats): string => {
    if (m.overlay === 'time') {
      if (m.of === 'wait') return tr.duration(waits.get(a.activity) ?? 0);
      const s = serviceStat(a);
      return s === null ? tr.number(a.count) : tr.duration(s);
    }
    return m.frequency === 'coverage'
      ? coverage(covered.activities.get(a.activity), a.count)
      : tr.number(a.count);
  };
  const edgeFigures = (e: DfgEdge): string[] =>
    m.overlay === 'time'
      ? timeFigures(e)
      : m.frequency === 'coverage'
        ? [coverage(covered.edges.get(`${e.from}\u0000${e.to}`), e.count)]
        : [tr.number(e.count)];
  const lanes = lanesOf(result, m.lanes, tr);
  const statOptions: [MapSettings['stat'], string][] = [
    ['mean', tr.t('map.time.mean')],
    ['median', tr.t('map.time.median')],
    ['p90', tr.t('map.time.p90')],
  ];
  const controls = el(
    'div',
    { class: 'map-controls' },
    segmented(
      'overlay',
      tr.t('map.overlay'),
      m.overlay,
      [
        ['frequency', tr.t('map.overlay.frequency')],
        ['time', tr.t('map.overlay.time')],
      ],
      (overlay) => set({ overlay }),
    ),
    m.overlay === 'frequency'
      ? selectControl(
          'map-frequency',
          tr.t('map.freq'),
          m.frequency,
          [
            ['count', tr.t('map.freq.count')],
            ['coverage', tr.t('map.freq.coverage')],
          ],
          (frequency) => set({ frequency }),
        )
      : el(
          'div',
          { class: 'control-group' },
          selectControl('map-stat', tr.t('map.time.stat'), m.stat, statOptions, (s) =>
            set({ stat: s }),
          ),
          selectControl(
            'map-of',
            tr.t('map.time.of'),
            m.of,
            [
              ['wait', tr.t('map.time.wait')],
              ['duration', tr.t('map.time.duration')],
            ],
            (of) => set({ of }),
          ),
        ),
    slider(
      'map-activities',
      tr.t('map.activities', { percent: '' }).trim(),
      activitiesPct,
      (activities) => set({ activities }),
    ),
    slider('map-paths', tr.t('map.paths', { percent: '' }).trim(), m.paths, (paths) =>
      set({ paths }),
    ),
    selectControl(
      'map-lanes',
      tr.t('map.lanes'),
      m.lanes,
      [
        ['none', tr.t('map.lanes.none')],
        ['channel', tr.t('map.lanes.channel')],
        ['source', tr.t('map.lanes.source')],
      ],
      (l) => set({ lanes: l }),
    ),
  );
  const notice = [
    tr.t('map.shown', {
      activities: tr.number(data.activities.length),
      totalActivities: tr.number(result.activities.length),
      edges: tr.number(data.dfg.length),
      totalEdges: tr.number(result.dfg.length),
    }),
    m.activities === 'auto' && data.activities.length < result.activities.length
      ? tr.t('map.autoTrimmed', { count: tr.number(data.activities.length) })
      : '',
    m.lanes !== 'none' && !lanes ? tr.t('map.lanes.unavailable') : '',
    tr.t('map.clickHint'),
  ]
    .filter(Boolean)
    .join(' · ');
  let mapSvg: SVGSVGElement | null = null;
  const legendSwatch = (cls: string, key: MessageKey): HTMLElement =>
    el(
      'span',
      { class: 'legend-item' },
      el('span', { class: cls, 'aria-hidden': 'true' }),
      tr.t(key),
    );
  const card = renderProcessMapView(result, tr, {
    data,
    chart: {
      layout,
      lanes,
      highlight: route.selected,
      nodeHeat: m.overlay === 'time' ? waits : null,
      nodeFigure,
      edgeFigures,
    },
    notice,
    controls,
    legend: [
      m.overlay === 'time'
        ? legendSwatch('legend-heat', 'map.legend.heat')
        : legendSwatch('legend-node', 'map.legend.node'),
      legendSwatch('legend-edge', 'map.legend.width'),
    ],
    onSelect: (selected) => ctx.navigate({ selected }, true),
    tables: true,
    focus: focusOf(layout, route.selected, lanes !== null),
  });
  mapSvg = card.querySelector<SVGSVGElement>('svg.process-map');
  card
    .querySelector('.map-toolbar')
    ?.append(chartExport(tr, tr.t('view.map'), 'journey-map', () => mapSvg));
  const panel = route.selected ? renderPanel(ctx, route.selected) : null;
  return el('div', { class: panel ? 'view view-map with-panel' : 'view view-map' }, card, panel);
}

/**
 * Where to centre the map on the selected element: the middle of a node; for a transition, the
 * middle of the route the layout drew (a back edge bows far to the side of its two ends, which
 * is where "show on map" must pan to), else the middle between its two ends.
 */
export function focusOf(
  layout: MapLayout,
  selected: MapElement | null,
  lanes: boolean,
): { x: number; y: number } | null {
  // Swimlanes move nodes away from the layout's places: no reliable focus.
  if (!selected || lanes) return null;
  const at = (activity: string) => layout.nodes.get(`a:${activity}`);
  if (selected.kind === 'activity') {
    const p = at(selected.activity);
    return p ? { x: p.x, y: p.y } : null;
  }
  const route = layout.edges.get(edgeKey(`a:${selected.from}`, `a:${selected.to}`));
  if (route && route.length > 0) {
    const middle = route[Math.floor(route.length / 2)];
    return { x: middle.x, y: middle.y };
  }
  const a = at(selected.from);
  const b = at(selected.to);
  return a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : null;
}

function figure(label: string, value: string): HTMLElement {
  return el('div', { class: 'panel-figure' }, el('dt', {}, label), el('dd', {}, value));
}

/** The side panel of a clicked activity or transition. */
export function renderPanel(ctx: ViewContext, selected: MapElement): HTMLElement {
  const { tr, result } = ctx;
  const insights = result.insights;
  const close = el(
    'button',
    {
      type: 'button',
      class: 'icon-button panel-close',
      'aria-label': tr.t('panel.close'),
      title: tr.t('panel.close'),
      'data-focus': 'panel-close',
      onclick: () => ctx.navigate({ selected: null }, true),
    },
    el('span', { 'aria-hidden': 'true' }, '×'),
  );
  const title = selected.kind === 'edge' ? `${selected.from} → ${selected.to}` : selected.activity;
  const figures: HTMLElement[] = [];
  const charts: HTMLElement[] = [];
  let samples: { key: string; service?: string; start: number }[] = [];
  const histogram = (
    label: string,
    h: { edgesSeconds: number[]; counts: number[] } | undefined,
    id: string,
  ): void => {
    if (!h) return;
    const svg = columnsChart(histogramColumns(h, tr), {
      width: 320,
      height: 150,
      showValues: false,
      formatValue: (v) => tr.number(v),
      ariaLabel: label,
      emptyLabel: tr.t('panel.noSamples'),
    });
    charts.push(
      el(
        'div',
        { class: 'panel-chart', 'data-chart': id },
        el(
          'div',
          { class: 'panel-chart-header' },
          el('h4', {}, label),
          chartExport(tr, label, id, () => svg),
        ),
        svg,
      ),
    );
  };
  if (selected.kind === 'edge') {
    const edge = result.dfg.find((e) => e.from === selected.from && e.to === selected.to);
    const info = insights?.edges.find((e) => e.from === selected.from && e.to === selected.to);
    if (edge) {
      const wait = (text: () => string) => figureText(tr, result, edge, text);
      figures.push(
        figure(tr.t('panel.count'), tr.number(edge.count)),
        figure(
          tr.t('panel.meanWait'),
          wait(() => tr.duration(edge.waitSeconds.mean)),
        ),
        figure(
          tr.t('panel.medianWait'),
          wait(() => tr.duration(edge.waitSeconds.median)),
        ),
        figure(
          tr.t('panel.p90Wait'),
          wait(() => tr.duration(edge.waitSeconds.p90)),
        ),
      );
    }
    if (info) {
      figures.push(
        figure(
          tr.t('panel.share'),
          figureText(tr, result, info, () => tr.percent(info.waitShare)),
        ),
      );
      histogram(tr.t('panel.histWait'), info.waitHistogram, 'edge-wait');
      histogram(tr.t('panel.histDuration'), info.durationHistogram, 'edge-duration');
      samples = info.samples;
    }
  } else {
    const activity = result.activities.find((a) => a.activity === selected.activity);
    const info = insights?.activities.find((a) => a.activity === selected.activity);
    if (activity) {
      figures.push(figure(tr.t('panel.count'), tr.number(activity.count)));
      if (activity.serviceSeconds)
        figures.push(figure(tr.t('panel.meanService'), tr.duration(activity.serviceSeconds.mean)));
    }
    figures.push(
      figure(tr.t('panel.meanWait'), tr.duration(waitInFront(result).get(selected.activity) ?? 0)),
    );
    if (info) {
      figures.push(
        figure(
          tr.t('panel.share'),
          figureText(tr, result, info, () => tr.percent(info.waitShare)),
        ),
      );
      histogram(tr.t('panel.histWait'), info.waitHistogram, 'activity-wait');
      histogram(tr.t('panel.histService'), info.serviceHistogram, 'activity-service');
      samples = info.samples;
    }
  }
  const sampleList = insights
    ? samples.length > 0
      ? el(
          'ul',
          { class: 'sample-list' },
          samples.map((s) =>
            el(
              'li',
              {},
              el(
                'button',
                {
                  type: 'button',
                  class: 'link-button sample-journey',
                  'aria-label': tr.t('panel.openTimeline', { key: s.key.slice(0, 12) }),
                  onclick: () =>
                    ctx.navigate({
                      view: 'timeline',
                      journey: { key: s.key, service: s.service ?? null },
                    }),
                },
                el(
                  'span',
                  { class: 'sample-key' },
                  s.key.length > 16 ? `${s.key.slice(0, 16)}…` : s.key,
                ),
                el(
                  'span',
                  { class: 'muted' },
                  ` ${s.service ?? ''} · ${tr.dateTime(s.start, ctx.timeZone)}`,
                ),
              ),
            ),
          ),
        )
      : el(
          'p',
          { class: 'muted' },
          tr.t(ctx.result.suppression?.samplesRemoved ? 'suppressed.samples' : 'panel.noSamples'),
        )
    : el('p', { class: 'muted' }, tr.t('panel.noInsights'));
  return el(
    'aside',
    { class: 'card side-panel', 'data-testid': 'side-panel', 'aria-label': title },
    el('div', { class: 'panel-header' }, el('h3', {}, title), close),
    el('dl', { class: 'panel-figures' }, figures),
    ...charts,
    el('h4', {}, tr.t('panel.samples')),
    sampleList,
  );
}

export const mapView: DashboardView = {
  id: 'map',
  labelKey: 'view.map',
  needsJourneys: true,
  render: renderMapView,
};
