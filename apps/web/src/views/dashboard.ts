import type { CreateGoalRequest, DatasetDto, MiningResult, RunDto } from '@onetrip/contracts';
import type { MapLayout } from '../charts/process-map';
import type { Translator } from '../i18n/i18n';
import { facetsKey, goalsKey, resultKey, timelineKey } from '../store/dashboard-data';
import type { DashboardData } from '../store/state';
import { el, progressBar } from './dom';
import { errorBox } from './errors';
import { renderFilterBar } from './filter-bar';
import { DASHBOARD_VIEWS, dashboardView } from './registry';
import type { DeadlineActions } from './deadline-limits-editor';
import type { Route } from './route';
import { suppressionNotice } from './small-counts';
import { unavailable, type DashboardContext } from './view-context';

export interface DashboardInput {
  dataset: DatasetDto;
  /** The dataset's run on screen (unfiltered); its params mine every filter. */
  base: { run: RunDto; result: MiningResult };
  route: Route;
  tr: Translator;
  /** What controllers/dashboard-data.ts has fetched. */
  data: DashboardData;
  /** Layouts kept across filters so that nodes stay put (the map view's memo). */
  layouts: Map<string, MapLayout>;
  navigate: (patch: Partial<Route>, replace?: boolean) => void;
  /** The Deadlines view's limit table actions (absent: the table is not editable). */
  deadlineActions?: DeadlineActions;
  /** Creates or edits a goal of the dataset (controllers/goals.ts). */
  saveGoal: (datasetId: string, goalId: string | null, goal: CreateGoalRequest) => Promise<unknown>;
}

/** The tabs (the ARIA tabs pattern: Tab reaches the active tab, arrows, Home and End move). */
function tabs(route: Route, tr: Translator, navigate: DashboardInput['navigate']): HTMLElement {
  const ids = DASHBOARD_VIEWS.map((view) => view.id);
  const onKey = (event: Event): void => {
    if (!(event instanceof KeyboardEvent)) return;
    const index = ids.indexOf(route.view);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % ids.length,
      ArrowLeft: (index + ids.length - 1) % ids.length,
      Home: 0,
      End: ids.length - 1,
    };
    const next = event.key in moves ? ids[moves[event.key]] : undefined;
    if (!next) return;
    event.preventDefault();
    navigate({ view: next });
    document.getElementById(`tab-${next}`)?.focus();
  };
  return el(
    'nav',
    { class: 'tabs', 'aria-label': tr.t('view.nav') },
    el(
      'ul',
      { role: 'tablist', onkeydown: onKey },
      DASHBOARD_VIEWS.map(({ id, labelKey }) =>
        el(
          'li',
          { role: 'presentation' },
          el(
            'a',
            {
              role: 'tab',
              href: '#',
              id: `tab-${id}`,
              class: id === route.view ? 'tab active' : 'tab',
              'aria-selected': id === route.view ? 'true' : 'false',
              tabindex: id === route.view ? 0 : -1,
              'data-focus': `tab-${id}`,
              'data-view': id,
              onclick: (event: Event) => {
                event.preventDefault();
                navigate({ view: id });
              },
            },
            tr.t(labelKey),
          ),
        ),
      ),
    ),
  );
}

/**
 * The dashboard of one dataset: the filter bar, the tabs and the active view, drawn from the
 * store's data. The result of the route's filter is there, mining (its progress) or failed; the
 * loader starts what is missing, this only draws.
 */
export function renderDashboard(input: DashboardInput): HTMLElement {
  const { dataset, base, route, tr, data, navigate } = input;
  const entry = data.results.get(resultKey(dataset, base.run.params, route.filter));
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
    const view = dashboardView(route.view);
    const ctx: DashboardContext = {
      tr,
      result: entry.result,
      route,
      navigate,
      timeZone: entry.result.insights?.timeZone ?? dataset.timezone,
      layouts: input.layouts,
      datasetId: dataset.id,
      dataset,
      ...(input.deadlineActions ? { deadlineActions: input.deadlineActions } : {}),
      timeline: route.journey
        ? (data.timelines.get(timelineKey(dataset, route.journey)) ?? null)
        : null,
      goals: data.goals.get(goalsKey(dataset)) ?? null,
      facets: (() => {
        const f = data.facets.get(facetsKey(dataset));
        return f?.status === 'done' ? f.value : null;
      })(),
      saveGoal: (goalId, goal) => input.saveGoal(dataset.id, goalId, goal),
    };
    const notice = suppressionNotice(tr, entry.result);
    const rendered =
      entry.result.summary.journeys === 0 && view.needsJourneys
        ? unavailable(tr.t('state.noJourneys'))
        : view.render(ctx);
    content = notice ? el('div', { class: 'suppressed-view' }, notice, rendered) : rendered;
  }
  return el(
    'div',
    { class: 'dashboard', 'data-testid': 'dashboard' },
    renderFilterBar(dataset, data.facets.get(facetsKey(dataset)), route, tr, navigate),
    tabs(route, tr, navigate),
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
