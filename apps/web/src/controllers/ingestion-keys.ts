import type { ApiClient } from '../api/client';
import type { AppState, KeysState } from '../store/state';
import type { Store } from '../store/store';
import { followSelectedDataset } from './selected-dataset';

export interface KeysActions {
  typeName: (name: string) => void;
  create: () => Promise<void>;
  askRevoke: (keyId: string) => void;
  cancelRevoke: (keyId: string) => void;
  revoke: (keyId: string) => Promise<void>;
  /** Copies the created key; `fallback` selects and copies it where there is no Clipboard API. */
  copy: (key: string, fallback: () => void) => Promise<void>;
  dismiss: () => void;
  eventsUrl: (datasetId: string) => string;
}

/**
 * The selected dataset's ingestion keys for the NDJSON push endpoint: list, create (the secret
 * is kept in the store until dismissed or the dataset is left), revoke with a second click.
 */
export function createKeysActions(api: ApiClient, store: Store<AppState>): KeysActions {
  /**
   * Changes the keys of `datasetId`, if they are still the ones on screen. `focus` lasts one
   * draw: a change that does not name it clears it.
   */
  const patch = (datasetId: string, change: Partial<KeysState>): void => {
    const keys = store.get().keys;
    if (keys?.datasetId === datasetId) store.set({ keys: { ...keys, focus: null, ...change } });
  };
  const current = (): KeysState | null => store.get().keys;

  async function load(datasetId: string): Promise<void> {
    try {
      const items = await api.listIngestionKeys(datasetId);
      patch(datasetId, { items, error: null, loading: false });
    } catch (error) {
      patch(datasetId, { error, loading: false });
    }
  }

  async function create(): Promise<void> {
    const keys = current();
    if (!keys) return;
    const { datasetId } = keys;
    patch(datasetId, { busy: true, error: null });
    try {
      const created = await api.createIngestionKey(datasetId, keys.name.trim() || undefined);
      const items = [created, ...(current()?.items ?? []).filter((k) => k.id !== created.id)];
      patch(datasetId, { created, copied: false, name: '', items, focus: 'key-copy', busy: false });
    } catch (error) {
      patch(datasetId, { error, busy: false });
    }
  }

  async function revoke(keyId: string): Promise<void> {
    const keys = current();
    if (!keys) return;
    const { datasetId } = keys;
    patch(datasetId, { busy: true, error: null });
    try {
      await api.revokeIngestionKey(datasetId, keyId);
      const now = new Date().toISOString();
      const after = current();
      patch(datasetId, {
        items: (after?.items ?? []).map((k) =>
          k.id === keyId ? { ...k, revokedAt: k.revokedAt ?? now } : k,
        ),
        ...(after?.created?.id === keyId ? { created: null } : {}),
        focus: 'key-name',
        pendingRevoke: null,
        busy: false,
      });
    } catch (error) {
      patch(datasetId, { error, pendingRevoke: null, busy: false });
    }
  }

  async function copy(key: string, fallback: () => void): Promise<void> {
    const datasetId = current()?.datasetId;
    try {
      await navigator.clipboard.writeText(key);
    } catch {
      // No clipboard API (plain HTTP on an intranet): select the text and use the old command.
      fallback();
    }
    if (datasetId) patch(datasetId, { copied: true, focus: 'key-copy' });
  }

  const change = (c: Partial<KeysState>): void => {
    const keys = current();
    if (keys) patch(keys.datasetId, c);
  };

  followSelectedDataset(
    store,
    (state) => state.keys?.datasetId,
    (datasetId) => {
      store.set({
        keys: {
          datasetId,
          loading: true,
          busy: false,
          items: [],
          error: null,
          created: null,
          copied: false,
          pendingRevoke: null,
          name: '',
          focus: null,
        },
      });
      void load(datasetId);
    },
  );

  return {
    // Typing changes only the name (the panel is not redrawn for it, see views/app-view.ts).
    typeName: (name) => {
      const keys = current();
      if (keys) store.set({ keys: { ...keys, name } });
    },
    create,
    askRevoke: (keyId) => change({ pendingRevoke: keyId, focus: `key-revoke-yes-${keyId}` }),
    cancelRevoke: (keyId) => change({ pendingRevoke: null, focus: `key-revoke-${keyId}` }),
    revoke,
    copy,
    dismiss: () => change({ created: null, focus: 'key-name' }),
    eventsUrl: (datasetId) => api.eventsUrl(datasetId),
  };
}
