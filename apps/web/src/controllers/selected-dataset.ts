import type { AppState } from '../store/state';
import type { Store } from '../store/store';

/**
 * Calls `start` whenever a dataset is on screen (selected and listed) that the panel's state
 * (`shown`) is not about; leaving for no dataset keeps the state, as the panel stays built.
 */
export function followSelectedDataset(
  store: Store<AppState>,
  shown: (state: AppState) => string | undefined,
  start: (datasetId: string) => void,
): void {
  const check = (state: AppState): void => {
    const dataset = state.datasets.items.find((d) => d.id === state.selectedId);
    if (dataset && shown(state) !== dataset.id) start(dataset.id);
  };
  store.subscribe(check);
  check(store.get());
}
