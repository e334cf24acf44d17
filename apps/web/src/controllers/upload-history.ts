import type { ApiClient } from '../api/client';
import type { AppState } from '../store/state';
import type { Store } from '../store/store';
import { followSelectedDataset } from './selected-dataset';

/** Uploads listed: enough to see yesterday's imports and the one that failed. */
export const HISTORY_LIMIT = 10;

export interface UploadHistoryActions {
  /** Asks the server again (after an upload of `datasetId` finished or failed). */
  refresh: (datasetId: string) => Promise<void>;
}

/**
 * The selected dataset's recent uploads, newest first: loaded when a dataset is shown (after a
 * reload too, so an upload that was running shows how it ended) and again after every upload.
 */
export function createUploadHistory(api: ApiClient, store: Store<AppState>): UploadHistoryActions {
  async function refresh(datasetId: string): Promise<void> {
    if (store.get().uploadHistory?.datasetId !== datasetId) return;
    try {
      const items = await api.listUploads(datasetId, HISTORY_LIMIT);
      const now = store.get().uploadHistory;
      if (now?.datasetId === datasetId) {
        store.set({ uploadHistory: { ...now, loading: false, items, error: null } });
      }
    } catch (error) {
      const now = store.get().uploadHistory;
      if (now?.datasetId === datasetId) {
        store.set({ uploadHistory: { ...now, loading: false, error } });
      }
    }
  }

  followSelectedDataset(
    store,
    (state) => state.uploadHistory?.datasetId,
    (datasetId) => {
      store.set({ uploadHistory: { datasetId, loading: true, items: [], error: null } });
      void refresh(datasetId);
    },
  );
  return { refresh };
}
