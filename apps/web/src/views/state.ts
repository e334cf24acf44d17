import type { DatasetDto, RunDto, RunResultDto, UploadDto } from '@onetrip/contracts';
import type { Locale } from '../i18n/i18n';
import type { Route } from './route';

export type DatasetsState =
  | { status: 'loading'; items: DatasetDto[] }
  | { status: 'ready'; items: DatasetDto[] }
  | { status: 'error'; items: DatasetDto[]; error: unknown };

export type CreateState =
  { status: 'idle' } | { status: 'creating' } | { status: 'error'; error: unknown };

export type UploadState =
  | { status: 'idle' }
  | { status: 'uploading'; fileName: string; loaded: number; total: number }
  /** Bytes are all sent; the server is still parsing and storing rows. */
  | { status: 'processing'; fileName: string }
  | { status: 'done'; upload: UploadDto }
  | { status: 'error'; error: unknown };

export type RunState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'watching'; run: RunDto }
  | { status: 'loadingResult'; run: RunDto }
  | { status: 'done'; run: RunDto; result: RunResultDto }
  | { status: 'error'; error: unknown; run: RunDto | null };

export interface AppState {
  locale: Locale;
  datasets: DatasetsState;
  create: CreateState;
  selectedId: string | null;
  upload: UploadState;
  run: RunState;
  /** What the URL says: dataset, view, filters, map settings, selection. */
  route: Route;
}

export interface Store<S> {
  get(): S;
  set(patch: Partial<S>): void;
  subscribe(listener: (state: S, previous: S) => void): () => void;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<(state: S, previous: S) => void>();
  return {
    get: () => state,
    set(patch) {
      const previous = state;
      state = { ...state, ...patch };
      for (const listener of listeners) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
