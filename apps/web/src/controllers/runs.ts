import type { RunDto, RunParams } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import type { AppState } from '../store/state';
import type { Store } from '../store/store';
import { startAndWatchRun, watchRun, type RunOutcome } from './run-watcher';
import type { Session } from './session';

export interface RunActions {
  /** Mines the selected dataset with `params` and shows the result. */
  start: (params: RunParams) => Promise<void>;
  /** Shows the dataset's latest run again (after a reload or when coming back to it). */
  resumeLast: (datasetId: string) => Promise<void>;
}

/** The selected dataset's (unfiltered) run: start, watch through the run watcher, resume. */
export function createRunActions(
  api: ApiClient,
  store: Store<AppState>,
  session: Session,
  pollIntervalMs: number,
): RunActions {
  const watchOptions = (isCurrent: () => boolean) => ({
    pollIntervalMs,
    isCurrent,
    onProgress: (run: RunDto) => store.set({ run: { status: 'watching', run } }),
    onLoadingResult: (run: RunDto) => store.set({ run: { status: 'loadingResult', run } }),
  });
  const settle = (outcome: RunOutcome): void => {
    if (outcome.status === 'failed') {
      store.set({ run: { status: 'error', run: outcome.run, error: outcome.error } });
    } else if (outcome.status === 'done') {
      store.set({ run: { status: 'done', run: outcome.run, result: outcome.result } });
    }
  };

  async function start(params: RunParams): Promise<void> {
    const { selectedId, datasets } = store.get();
    const dataset = datasets.items.find((d) => d.id === selectedId);
    if (!dataset) return;
    const isCurrent = session.visit();
    store.set({ run: { status: 'starting' } });
    try {
      settle(await startAndWatchRun(api, dataset.id, { params }, watchOptions(isCurrent)));
    } catch (error) {
      if (isCurrent()) store.set({ run: { status: 'error', error, run: null } });
    }
  }

  async function resumeLast(datasetId: string): Promise<void> {
    const isCurrent = session.visit();
    try {
      // The latest run over every journey: filtered runs belong to the dashboard's data. A user
      // scoped by department (docs/security.md#row-level-scoping) is listed only runs the api
      // limited to their departments: their latest run filtered by department alone is theirs.
      const runs = await api.listRuns(datasetId);
      const keys = (run: RunDto) => Object.keys(run.filter ?? {});
      const latest =
        runs.find((run) => keys(run).length === 0) ??
        runs.find((run) => keys(run).join() === 'department');
      if (!isCurrent() || !latest || latest.status === 'failed') return;
      if (latest.status === 'completed') {
        const result = await api.getRunResult(latest.id);
        if (!isCurrent()) return;
        // Mined before results carried the dashboard's insights: the api mines it again.
        if (!result.result.insights) return await start(latest.params);
        store.set({ run: { status: 'done', run: latest, result } });
        return;
      }
      settle(await watchRun(api, latest, watchOptions(isCurrent)));
    } catch {
      // Nothing to show yet is not an error: the user can start a run.
      if (isCurrent()) store.set({ run: { status: 'idle' } });
    }
  }

  return { start, resumeLast };
}
