import type { DatasetDto, RunFilter, RunParams } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import { facetsKey, goalsKey, resultKey, timelineKey, withEntry } from '../store/dashboard-data';
import type { AppState, DashboardData, ResultEntry } from '../store/state';
import type { Store } from '../store/store';
import type { Route } from '../views/route';
import { startAndWatchRun } from './run-watcher';

/**
 * Fetches what the dashboard shows, into the store: the dataset's facets, the result of the
 * route's filter (a filtered run, with the base run's params, watched by the run watcher) and the
 * journey timeline the route names. It reacts to the store, so the views only read: a filter or
 * a journey without data starts its fetch here, once.
 */
export function watchDashboardData(
  api: ApiClient,
  store: Store<AppState>,
  pollIntervalMs: number,
): () => void {
  const update = (patch: (data: DashboardData) => Partial<DashboardData>): void => {
    const data = store.get().dashboard;
    store.set({ dashboard: { ...data, ...patch(data) } });
  };

  async function loadFacets(dataset: DatasetDto, k: string): Promise<void> {
    update((d) => ({ facets: withEntry(d.facets, k, { status: 'loading' }) }));
    try {
      const value = await api.getFacets(dataset.id);
      update((d) => ({ facets: withEntry(d.facets, k, { status: 'done', value }) }));
    } catch (error) {
      update((d) => ({ facets: withEntry(d.facets, k, { status: 'error', error }) }));
    }
  }

  async function runFiltered(
    dataset: DatasetDto,
    params: RunParams,
    filter: RunFilter,
    k: string,
  ): Promise<void> {
    const set = (entry: ResultEntry): void =>
      update((d) => ({ results: withEntry(d.results, k, entry) }));
    set({ status: 'running', run: null });
    try {
      const outcome = await startAndWatchRun(
        api,
        dataset.id,
        { params, filter },
        { pollIntervalMs, onProgress: (run) => set({ status: 'running', run }) },
      );
      if (outcome.status === 'failed') throw outcome.error;
      if (outcome.status === 'done') set({ status: 'done', result: outcome.result.result });
    } catch (error) {
      set({ status: 'error', error });
    }
  }

  async function loadTimeline(
    dataset: DatasetDto,
    journey: NonNullable<Route['journey']>,
    params: RunParams,
    k: string,
  ): Promise<void> {
    update((d) => ({ timelines: withEntry(d.timelines, k, { status: 'loading' }) }));
    try {
      const value = await api.getTimeline(dataset.id, journey.key, {
        ...(journey.service ? { service: journey.service } : {}),
        ...(params.journey ? { journey: params.journey } : {}),
      });
      update((d) => ({ timelines: withEntry(d.timelines, k, { status: 'done', value }) }));
    } catch (error) {
      update((d) => ({ timelines: withEntry(d.timelines, k, { status: 'error', error }) }));
    }
  }

  async function loadGoals(dataset: DatasetDto, k: string): Promise<void> {
    update((d) => ({ goals: withEntry(d.goals, k, { status: 'loading' }) }));
    try {
      const value = await api.listGoals(dataset.id);
      update((d) => ({ goals: withEntry(d.goals, k, { status: 'done', value }) }));
    } catch (error) {
      update((d) => ({ goals: withEntry(d.goals, k, { status: 'error', error }) }));
    }
  }

  function ensure(state: AppState): void {
    if (state.run.status !== 'done') return;
    const dataset = state.datasets.items.find((d) => d.id === state.selectedId);
    if (!dataset) return;
    const { route, dashboard } = state;
    const base = state.run;
    const params = base.run.params;
    const fk = facetsKey(dataset);
    if (!dashboard.facets.has(fk)) void loadFacets(dataset, fk);
    // The base (unfiltered) result is the run on screen: seed it, so no filter runs again for it.
    const baseKey = resultKey(dataset, params, {});
    if (!store.get().dashboard.results.has(baseKey)) {
      update((d) => ({
        results: withEntry(d.results, baseKey, { status: 'done', result: base.result.result }),
      }));
    }
    const k = resultKey(dataset, params, route.filter);
    if (!store.get().dashboard.results.has(k)) void runFiltered(dataset, params, route.filter, k);
    const gk = goalsKey(dataset);
    if (route.view === 'goals' && !store.get().dashboard.goals.has(gk)) void loadGoals(dataset, gk);
    if (route.view === 'timeline' && route.journey) {
      const tk = timelineKey(dataset, route.journey);
      if (!store.get().dashboard.timelines.has(tk))
        void loadTimeline(dataset, route.journey, params, tk);
    }
  }

  const unsubscribe = store.subscribe((state) => ensure(state));
  ensure(store.get());
  return unsubscribe;
}
