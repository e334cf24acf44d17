import * as d3 from 'd3';
import type {
  DatasetDto,
  FacetsDto,
  JourneyTimelineDto,
  MiningResult,
  RunDto,
  RunParams,
  RunFilter,
} from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import { columnsChart } from '../charts/columns';
import { journeyTimeline } from '../charts/journey-timeline';
import type { MapLayout } from '../charts/process-map';
import type { Translator } from '../i18n/i18n';
import {
  renderBottlenecks,
  renderTrips,
  renderVariants as renderVariantsView,
  renderWaits,
} from './analysis-views';
import { channelName, journeyTimelineOptions } from './chart-options';
import { el, progressBar, replaceContent } from './dom';
import { errorBox } from './errors';
import { chartCard, chartExport } from './export';
import { renderMapView } from './map-view';
import { renderOverview } from './overview-view';
import { filterKey, isEmptyFilter, VIEWS, type Route, type ViewName } from './route';
import { unavailable, type ViewContext } from './view-context';
import { monthStartIso } from './zoned-time';

type Entry =
  | { status: 'running'; run: RunDto | null }
  | { status: 'done'; result: MiningResult }
  | { status: 'error'; error: unknown };

export interface DashboardOptions {
  api: ApiClient;
  pollIntervalMs: number;
  navigate: (patch: Partial<Route>, replace?: boolean) => void;
}

const VIEW_KEYS: Record<ViewName, `view.${ViewName}`> = {
  overview: 'view.overview',
  map: 'view.map',
  bottlenecks: 'view.bottlenecks',
  trips: 'view.trips',
  waits: 'view.waits',
  variants: 'view.variants',
  timeline: 'view.timeline',
};

/**
 * The dashboard of one dataset: tabs, the filter bar and the active view. Results are cached per
 * (dataset version, run params, filter), so switching views or going back to a filter never
 * fetches again; a filter without a cached result starts a filtered run and shows its progress.
 */
export function createDashboard(options: DashboardOptions) {
  const { api } = options;
  const results = new Map<string, Entry>();
  const facets = new Map<string, FacetsDto | 'error'>();
  const timelines = new Map<string, JourneyTimelineDto | { error: unknown }>();
  const layouts = new Map<string, MapLayout>();
  const root = el('div', { class: 'dashboard', 'data-testid': 'dashboard' });
  let last: {
    dataset: DatasetDto;
    base: { run: RunDto; result: MiningResult } | null;
    route: Route;
    tr: Translator;
  } | null = null;

  const key = (dataset: DatasetDto, params: RunParams, filter: RunFilter): string =>
    `${dataset.id}@${dataset.version}|${JSON.stringify(params)}|${filterKey(filter)}`;

  const rerender = (): void => {
    if (last) render(last.dataset, last.base, last.route, last.tr);
  };

  async function runFiltered(
    dataset: DatasetDto,
    params: RunParams,
    filter: RunFilter,
    k: string,
  ): Promise<void> {
    results.set(k, { status: 'running', run: null });
    rerender();
    try {
      let run = await api.startRun(dataset.id, { params, filter });
      while (run.status === 'queued' || run.status === 'running') {
        results.set(k, { status: 'running', run });
        rerender();
        await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs));
        run = await api.getRun(run.id);
      }
      if (run.status === 'failed') throw new Error(run.error ?? 'failed');
      const result = await api.getRunResult(run.id);
      results.set(k, { status: 'done', result: result.result });
    } catch (error) {
      results.set(k, { status: 'error', error });
    }
    rerender();
  }

  async function loadFacets(dataset: DatasetDto): Promise<void> {
    const k = `${dataset.id}@${dataset.version}`;
    if (facets.has(k)) return;
    facets.set(k, 'error'); // claimed; replaced on success
    try {
      facets.set(k, await api.getFacets(dataset.id));
    } catch {
      facets.set(k, 'error');
    }
    rerender();
  }

  async function loadTimeline(
    dataset: DatasetDto,
    journey: NonNullable<Route['journey']>,
    params: RunParams,
  ): Promise<void> {
    const k = `${dataset.id}@${dataset.version}|${journey.key}|${journey.service ?? ''}`;
    if (timelines.has(k)) return;
    timelines.set(k, { error: null });
    try {
      timelines.set(
        k,
        await api.getTimeline(dataset.id, journey.key, {
          ...(journey.service ? { service: journey.service } : {}),
          ...(params.journey ? { journey: params.journey } : {}),
        }),
      );
    } catch (error) {
      timelines.set(k, { error });
    }
    rerender();
  }

  function tabs(route: Route, tr: Translator): HTMLElement {
    // The ARIA tabs pattern: Tab reaches the active tab, arrows (Home, End) move between tabs.
    const onKey = (event: Event): void => {
      if (!(event instanceof KeyboardEvent)) return;
      const index = VIEWS.indexOf(route.view);
      const next =
        event.key === 'ArrowRight'
          ? VIEWS[(index + 1) % VIEWS.length]
          : event.key === 'ArrowLeft'
            ? VIEWS[(index + VIEWS.length - 1) % VIEWS.length]
            : event.key === 'Home'
              ? VIEWS[0]
              : event.key === 'End'
                ? VIEWS[VIEWS.length - 1]
                : null;
      if (!next) return;
      event.preventDefault();
      options.navigate({ view: next });
      document.getElementById(`tab-${next}`)?.focus();
    };
    return el(
      'nav',
      { class: 'tabs', 'aria-label': tr.t('view.nav') },
      el(
        'ul',
        { role: 'tablist', onkeydown: onKey },
        VIEWS.map((view) =>
          el(
            'li',
            { role: 'presentation' },
            el(
              'a',
              {
                role: 'tab',
                href: '#',
                id: `tab-${view}`,
                class: view === route.view ? 'tab active' : 'tab',
                'aria-selected': view === route.view ? 'true' : 'false',
                tabindex: view === route.view ? 0 : -1,
                'data-focus': `tab-${view}`,
                'data-view': view,
                onclick: (event: Event) => {
                  event.preventDefault();
                  options.navigate({ view });
                },
              },
              tr.t(VIEW_KEYS[view]),
            ),
          ),
        ),
      ),
    );
  }

  /**
   * A facet filter: a button that opens a list of checkboxes, one per value, applied together
   * (one run for the whole choice, not one per click); several values mean any of them.
   */
  function facetSelect(
    id: string,
    label: string,
    field: 'service' | 'department' | 'location' | 'channel',
    values: string[],
    route: Route,
    tr: Translator,
  ): HTMLElement {
    const current = route.filter[field] ?? [];
    const chosen = new Set(current);
    const name = (v: string): string => (field === 'channel' ? channelName(tr, v) : v);
    const apply = (next: string[]): void =>
      options.navigate({ filter: { ...route.filter, [field]: next }, selected: null });
    const summary =
      current.length === 0
        ? tr.t('filter.all')
        : current.length === 1
          ? name(current[0] ?? '')
          : tr.t('filter.chosen', { count: tr.number(current.length) });
    const menu = el(
      'details',
      {
        class: 'facet-select',
        id: `${id}-menu`,
        ontoggle: () => {
          // Closing without applying forgets the unapplied ticks.
          if (!menu.open) {
            chosen.clear();
            for (const v of current) chosen.add(v);
            for (const box of menu.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
              box.checked = chosen.has(box.value);
            }
          }
        },
      },
      el(
        'summary',
        {
          id,
          'data-focus': id,
          'aria-label': `${label}: ${summary}`,
          class: values.length === 0 ? 'disabled' : '',
        },
        summary,
      ),
      el(
        'fieldset',
        { class: 'facet-options' },
        el('legend', { class: 'visually-hidden' }, label),
        values.map((v) =>
          el(
            'label',
            { class: 'facet-option' },
            el('input', {
              type: 'checkbox',
              value: v,
              checked: chosen.has(v),
              onchange: (event: Event) => {
                const box = event.target as HTMLInputElement;
                if (box.checked) chosen.add(v);
                else chosen.delete(v);
              },
            }),
            name(v),
          ),
        ),
        el(
          'div',
          { class: 'facet-actions' },
          el(
            'button',
            {
              type: 'button',
              class: 'button-primary',
              id: `${id}-apply`,
              onclick: () => apply(values.filter((v) => chosen.has(v))),
            },
            tr.t('filter.apply'),
          ),
          el(
            'button',
            {
              type: 'button',
              class: 'button-quiet',
              id: `${id}-all`,
              onclick: () => apply([]),
            },
            tr.t('filter.all'),
          ),
        ),
      ),
    );
    if (values.length === 0) menu.addEventListener('click', (e) => e.preventDefault());
    return el(
      'div',
      { class: 'control filter-control' },
      el('span', { class: 'control-label' }, label),
      menu,
    );
  }

  function brush(f: FacetsDto, route: Route, tr: Translator, timeZone: string): HTMLElement {
    const months = f.months;
    const width = 560;
    const svg = columnsChart(
      months.map((m) => ({ key: m.period, label: m.period, value: m.events })),
      {
        width,
        height: 64,
        showValues: false,
        fontSize: 10,
        formatValue: (v) => tr.number(v),
        ariaLabel: tr.t('filter.time'),
        emptyLabel: tr.t('state.noJourneys'),
      },
    );
    const plot = svg.querySelector<SVGGElement>('.columns-plot');
    const selection = d3.select(svg);
    if (plot && months.length > 0) {
      const x0 = Number(plot.getAttribute('data-x0'));
      const x1 = Number(plot.getAttribute('data-x1'));
      const step = (x1 - x0) / months.length;
      const monthStart = (p: string): string => monthStartIso(p, timeZone);
      const monthEnd = (p: string): string => monthStartIso(p, timeZone, 1);
      const b = d3
        .brushX<unknown>()
        .extent([
          [x0, 0],
          [x1, 64 - 20],
        ])
        .on('end', (event: d3.D3BrushEvent<unknown>) => {
          if (!event.sourceEvent) return;
          const s = event.selection as [number, number] | null;
          if (!s) {
            options.navigate({ filter: { ...route.filter, from: undefined, to: undefined } });
            return;
          }
          const i0 = Math.max(0, Math.min(months.length - 1, Math.round((s[0] - x0) / step)));
          const i1 = Math.max(i0, Math.min(months.length - 1, Math.round((s[1] - x0) / step) - 1));
          options.navigate({
            filter: {
              ...route.filter,
              from: monthStart(months[i0].period),
              to: monthEnd(months[i1].period),
            },
          });
        });
      const g = selection.append('g').attr('class', 'time-brush').call(b);
      if (route.filter.from || route.filter.to) {
        const i0 = route.filter.from
          ? months.findIndex((m) => monthStart(m.period) >= (route.filter.from ?? ''))
          : 0;
        const toIndex = route.filter.to
          ? months.findIndex((m) => monthEnd(m.period) >= (route.filter.to ?? ''))
          : -1;
        const i1 = toIndex < 0 ? months.length - 1 : toIndex;
        if (i0 >= 0) b.move(g, [x0 + i0 * step, x0 + (i1 + 1) * step]);
      }
    }
    // Months as the brush shows them; `to` is exclusive, so the last month is the one before it.
    const month = new Intl.DateTimeFormat(tr.locale, { year: 'numeric', month: 'short', timeZone });
    const { from, to } = route.filter;
    const range =
      from || to
        ? `${from ? month.format(Date.parse(from)) : '…'} – ${to ? month.format(Date.parse(to) - 1) : '…'}`
        : tr.t('filter.timeAll');
    return el(
      'div',
      { class: 'filter-time' },
      el(
        'div',
        { class: 'control-label' },
        tr.t('filter.time'),
        el('span', { class: 'muted filter-range' }, ` · ${range}`),
      ),
      el('div', { class: 'brush-frame', title: tr.t('filter.timeHint') }, svg),
    );
  }

  function filterBar(dataset: DatasetDto, route: Route, tr: Translator): HTMLElement {
    const f = facets.get(`${dataset.id}@${dataset.version}`);
    const ready = f && f !== 'error' ? f : null;
    const values = (list: { value: string }[] | undefined): string[] =>
      (list ?? []).map((v) => v.value);
    const variantCount = route.filter.variants?.length ?? 0;
    return el(
      'section',
      { class: 'card filter-bar', 'aria-label': tr.t('filter.title'), 'data-testid': 'filter-bar' },
      ready ? brush(ready, route, tr, dataset.timezone) : null,
      el(
        'div',
        { class: 'filter-controls' },
        facetSelect(
          'filter-service',
          tr.t('filter.service'),
          'service',
          values(ready?.services),
          route,
          tr,
        ),
        facetSelect(
          'filter-department',
          tr.t('filter.department'),
          'department',
          values(ready?.departments),
          route,
          tr,
        ),
        facetSelect(
          'filter-hall',
          tr.t('filter.hall'),
          'location',
          values(ready?.locations),
          route,
          tr,
        ),
        facetSelect(
          'filter-channel',
          tr.t('filter.channel'),
          'channel',
          values(ready?.channels),
          route,
          tr,
        ),
        el(
          'div',
          { class: 'control filter-control' },
          el('span', { class: 'control-label' }, tr.t('filter.variant')),
          el(
            'button',
            {
              type: 'button',
              class: 'button-quiet',
              id: 'filter-variant',
              onclick: () => options.navigate({ view: 'variants' }),
            },
            variantCount > 0
              ? tr.t('filter.variants', { count: variantCount })
              : tr.t('filter.all'),
          ),
        ),
        isEmptyFilter(route.filter)
          ? null
          : el(
              'button',
              {
                type: 'button',
                class: 'button-quiet filter-clear',
                id: 'filter-clear',
                onclick: () => options.navigate({ filter: {}, selected: null }),
              },
              tr.t('filter.clear'),
            ),
      ),
    );
  }

  function timelineView(ctx: ViewContext, dataset: DatasetDto, params: RunParams): HTMLElement {
    const { tr, route } = ctx;
    const keyInput = el('input', {
      type: 'text',
      id: 'timeline-key',
      value: route.journey?.key ?? '',
    });
    const serviceInput = el('input', {
      type: 'text',
      id: 'timeline-service',
      value: route.journey?.service ?? '',
    });
    const form = el(
      'form',
      {
        class: 'timeline-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const k = keyInput.value.trim();
          if (k)
            options.navigate({ journey: { key: k, service: serviceInput.value.trim() || null } });
        },
      },
      el('label', { for: 'timeline-key' }, tr.t('timeline.key'), keyInput),
      el('label', { for: 'timeline-service' }, tr.t('timeline.service'), serviceInput),
      el('button', { type: 'submit', class: 'button-primary' }, tr.t('timeline.show')),
    );
    const parts: Node[] = [el('p', { class: 'muted' }, tr.t('timeline.pick')), form];
    if (route.journey) {
      const k = `${dataset.id}@${dataset.version}|${route.journey.key}|${route.journey.service ?? ''}`;
      const entry = timelines.get(k);
      if (!entry) void loadTimeline(dataset, route.journey, params);
      if (!entry || ('error' in entry && entry.error === null))
        parts.push(el('p', { class: 'muted loading' }, tr.t('state.loading')));
      else if ('error' in entry) parts.push(errorBox(entry.error, tr, tr.t('timeline.empty')));
      else {
        if (entry.journeys.length === 0) parts.push(unavailable(tr.t('timeline.empty')));
        entry.journeys.forEach((j, i) => {
          const svg = journeyTimeline(
            {
              events: j.events.map((e) => ({
                activity: e.activity,
                start: e.start ? Date.parse(e.start) : null,
                complete: Date.parse(e.complete),
                channel: e.channel,
                trip: e.trip,
              })),
              trips: j.trips.map((t) => ({
                trip: t.trip,
                location: t.location,
                start: Date.parse(t.start),
                end: Date.parse(t.end),
              })),
            },
            {
              ...journeyTimelineOptions(tr, ctx.timeZone),
              width: 1100,
              ariaLabel: tr.t('view.timeline'),
            },
          );
          const title = `${tr.t('timeline.heading', { key: route.journey?.key.slice(0, 16) ?? '' })}${entry.journeys.length > 1 ? ` (${i + 1}/${entry.journeys.length})` : ''}`;
          parts.push(
            chartCard(
              {
                title,
                caption: tr.t('timeline.meta', {
                  events: tr.number(j.events.length),
                  trips: tr.number(j.trips.length),
                  duration: tr.duration(j.leadTimeSeconds),
                }),
                id: `timeline-${i}`,
                wide: true,
                actions: [chartExport(tr, tr.t('view.timeline'), 'journey-timeline', () => svg)],
              },
              el('div', { class: 'chart-scroll', 'data-testid': 'journey-timeline' }, svg),
            ),
          );
        });
      }
    }
    return el('div', { class: 'view view-timeline' }, ...parts);
  }

  function render(
    dataset: DatasetDto,
    base: { run: RunDto; result: MiningResult } | null,
    route: Route,
    tr: Translator,
  ): void {
    last = { dataset, base, route, tr };
    if (!base) {
      replaceContent(root);
      return;
    }
    void loadFacets(dataset);
    const params = base.run.params;
    const baseKey = key(dataset, params, {});
    if (!results.has(baseKey)) results.set(baseKey, { status: 'done', result: base.result });
    const k = key(dataset, params, route.filter);
    let entry = results.get(k);
    if (!entry) {
      void runFiltered(dataset, params, route.filter, k);
      entry = results.get(k);
    }
    let content: Node;
    if (!entry || entry.status === 'running') {
      const run = entry?.status === 'running' ? entry.run : null;
      content = el(
        'div',
        { class: 'card filter-progress', 'aria-live': 'polite', 'data-testid': 'filter-progress' },
        run && run.status === 'running'
          ? progressBar(tr.t('filter.running', { percent: tr.percent(run.progress) }), run.progress)
          : progressBar(tr.t('filter.queued'), null),
      );
    } else if (entry.status === 'error') {
      content = errorBox(entry.error, tr, tr.t('run.failed'));
    } else {
      const ctx: ViewContext = {
        tr,
        result: entry.result,
        route,
        navigate: options.navigate,
        timeZone: entry.result.insights?.timeZone ?? dataset.timezone,
        layouts,
        datasetId: dataset.id,
      };
      const view = route.view;
      content =
        entry.result.summary.journeys === 0 && view !== 'timeline'
          ? unavailable(tr.t('state.noJourneys'))
          : view === 'overview'
            ? renderOverview(ctx)
            : view === 'map'
              ? renderMapView(ctx)
              : view === 'bottlenecks'
                ? renderBottlenecks(ctx)
                : view === 'trips'
                  ? renderTrips(ctx)
                  : view === 'waits'
                    ? renderWaits(ctx)
                    : view === 'variants'
                      ? renderVariantsView(ctx)
                      : timelineView(ctx, dataset, params);
    }
    replaceContent(
      root,
      filterBar(dataset, route, tr),
      tabs(route, tr),
      el(
        'div',
        {
          class: 'view-region',
          role: 'tabpanel',
          'aria-labelledby': `tab-${route.view}`,
          'data-view': route.view,
        },
        content,
      ),
    );
  }

  return { root, render };
}
