import type { ApiClient } from '../api/client';
import type { UploadDeletionDto } from '@onetrip/contracts';
import type { AppState, UploadHistoryState } from '../store/state';
import type { Store } from '../store/store';
import { followSelectedDataset } from './selected-dataset';

/** Uploads listed: enough to see yesterday's imports and the one that failed. */
export const HISTORY_LIMIT = 10;

export interface UploadHistoryActions {
  /** Asks the server again (after an upload of `datasetId` finished or failed). */
  refresh: (datasetId: string) => Promise<void>;
  /** Asks to confirm deleting an upload of the shown history. */
  askDelete: (uploadId: string) => void;
  cancelDelete: () => void;
  /** Deletes the upload; true when it went. */
  remove: (uploadId: string) => Promise<boolean>;
}

export interface UploadHistoryHooks {
  /**
   * After an upload was deleted: the dataset's counts changed, and when events went its runs
   * went too (`runsRemoved`).
   */
  deleted: (datasetId: string, deletion: UploadDeletionDto) => void;
}

/**
 * The selected dataset's recent uploads, newest first: loaded when a dataset is shown (after a
 * reload too, so an upload that was running shows how it ended) and again after every upload.
 */
export function createUploadHistory(
  api: ApiClient,
  store: Store<AppState>,
  hooks: UploadHistoryHooks,
): UploadHistoryActions {
  const setDeletion = (deletion: UploadHistoryState['deletion']): void => {
    const now = store.get().uploadHistory;
    if (now) store.set({ uploadHistory: { ...now, deletion } });
  };
  async function remove(uploadId: string): Promise<boolean> {
    const datasetId = store.get().uploadHistory?.datasetId;
    if (!datasetId) return false;
    setDeletion({ status: 'deleting', id: uploadId });
    try {
      const deletion = await api.deleteUpload(uploadId);
      if (store.get().uploadHistory?.datasetId !== datasetId) return true;
      setDeletion(undefined);
      await refresh(datasetId);
      hooks.deleted(datasetId, deletion);
      return true;
    } catch (error) {
      if (store.get().uploadHistory?.datasetId === datasetId) {
        setDeletion({ status: 'error', id: uploadId, error });
      }
      return false;
    }
  }

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
  return {
    refresh,
    askDelete: (uploadId) => setDeletion({ status: 'confirm', id: uploadId }),
    cancelDelete: () => setDeletion(undefined),
    remove,
  };
}
