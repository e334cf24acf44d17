import type { UserDto } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import type { AppState } from '../store/state';
import type { Store } from '../store/store';
import { followSelectedDataset } from './selected-dataset';

export interface AccessActions {
  refresh: () => void;
}

/** Who may see who accessed a dataset: admins, and the dataset's managers and analysts. */
export const seesAccess = (user: UserDto | null): boolean =>
  user !== null && user.role !== 'viewer';

/**
 * The selected dataset's "who accessed it" panel (GET /datasets/:id/access): loaded when a
 * dataset is shown, for the roles that may read it; viewers never ask.
 */
export function createAccessActions(api: ApiClient, store: Store<AppState>): AccessActions {
  async function load(datasetId: string): Promise<void> {
    try {
      const access = await api.getDatasetAccess(datasetId);
      const now = store.get().access;
      if (now?.datasetId === datasetId) {
        store.set({ access: { ...now, loading: false, users: access.users, error: null } });
      }
    } catch (error) {
      const now = store.get().access;
      if (now?.datasetId === datasetId) store.set({ access: { ...now, loading: false, error } });
    }
  }
  const start = (datasetId: string): void => {
    store.set({ access: { datasetId, loading: true, users: [], error: null } });
    void load(datasetId);
  };
  if (seesAccess(store.get().user)) {
    followSelectedDataset(store, (state) => state.access?.datasetId, start);
  }
  return {
    refresh: () => {
      const id = store.get().access?.datasetId;
      if (id) start(id);
    },
  };
}
