import type {
  ChannelRoles,
  DeadlineSettings,
  QueueActivities,
  UpdateDatasetRequest,
} from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import type { Locale } from '../i18n/i18n';
import type { AppState } from '../store/state';
import type { Store } from '../store/store';
import { UserInputError } from '../views/errors';
import { EMPTY_ROUTE, formatRoute, parseRoute, type Route } from '../views/route';
import type { Session } from './session';

export interface DatasetActions {
  load: () => Promise<void>;
  select: (id: string | null) => void;
  /** Resolves true when the dataset was created (and selected). */
  create: (name: string, description: string) => Promise<boolean>;
  /** Changes the route: a new history entry (back/forward work) unless `replace`. */
  navigate: (patch: Partial<Route>, replace?: boolean) => void;
  setLocale: (locale: Locale) => void;
  /** Saves a dataset's channel roles; resolves false when the api refused or was unreachable. */
  saveChannelRoles: (datasetId: string, roles: ChannelRoles) => Promise<boolean>;
  saveQueueActivities: (datasetId: string, queue: QueueActivities | null) => Promise<boolean>;
  saveTimeZone: (datasetId: string, timezone: string) => Promise<boolean>;
  /** Saves the time limits and deadline rules (the Deadlines view's editor). */
  saveDeadlines: (datasetId: string, deadlines: DeadlineSettings | null) => Promise<boolean>;
  /** Puts a limit table CSV; resolves with the api's error when it refused, else null. */
  uploadLimits: (datasetId: string, csv: string) => Promise<unknown>;
  /** Asks for the confirmation of deleting a dataset (the list shows it). */
  askDelete: (id: string) => void;
  cancelDelete: () => void;
  /** Deletes a dataset with all its data; resolves false when the api refused (shown in the list). */
  remove: (id: string) => Promise<boolean>;
}

export const LOCALE_KEY = 'onetrip.locale';

/**
 * The dataset list, the selection and the URL. Selecting another dataset (here or by back and
 * forward) starts a new session visit and shows that dataset's latest run.
 */
export function createDatasetActions(
  api: ApiClient,
  store: Store<AppState>,
  session: Session,
  options: {
    storage: Pick<Storage, 'getItem' | 'setItem'> | null;
    /** Shows the dataset's latest run (the run actions' `resumeLast`). */
    resume: (datasetId: string) => Promise<void>;
  },
): DatasetActions {
  async function load(): Promise<void> {
    store.set({ datasets: { status: 'loading', items: store.get().datasets.items } });
    try {
      const items = await api.listDatasets();
      items.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      store.set({ datasets: { status: 'ready', items } });
      const { selectedId } = store.get();
      if (selectedId && !items.some((d) => d.id === selectedId)) select(null);
    } catch (error) {
      store.set({ datasets: { status: 'error', items: store.get().datasets.items, error } });
    }
  }

  function select(id: string | null): void {
    if (id === store.get().selectedId) return;
    session.next();
    const route: Route = { ...EMPTY_ROUTE, dataset: id };
    history.pushState(null, '', formatRoute(route));
    store.set({ selectedId: id, upload: { status: 'idle' }, run: { status: 'idle' }, route });
    if (id) void options.resume(id);
  }

  async function create(name: string, description: string): Promise<boolean> {
    if (!name) {
      store.set({
        create: { status: 'error', error: new UserInputError('datasets.create.nameRequired') },
      });
      return false;
    }
    store.set({ create: { status: 'creating' } });
    try {
      const dataset = await api.createDataset({ name, ...(description ? { description } : {}) });
      const items = [dataset, ...store.get().datasets.items.filter((d) => d.id !== dataset.id)];
      store.set({ create: { status: 'idle' }, datasets: { status: 'ready', items } });
      select(dataset.id);
      return true;
    } catch (error) {
      store.set({ create: { status: 'error', error } });
      return false;
    }
  }

  function navigate(patch: Partial<Route>, replace = false): void {
    const route = { ...store.get().route, ...patch };
    const hash = formatRoute(route);
    if (hash !== location.hash && !(hash === '#' && location.hash === '')) {
      if (replace) history.replaceState(null, '', hash);
      else history.pushState(null, '', hash);
    }
    store.set({ route });
  }

  window.addEventListener('popstate', () => {
    const route = parseRoute(location.hash);
    if (route.dataset !== store.get().selectedId) {
      session.next();
      store.set({
        selectedId: route.dataset,
        route,
        upload: { status: 'idle' },
        run: { status: 'idle' },
      });
      if (route.dataset) void options.resume(route.dataset);
    } else store.set({ route });
  });

  function setLocale(locale: Locale): void {
    options.storage?.setItem(LOCALE_KEY, locale);
    store.set({ locale });
  }

  /** PATCHes the dataset's settings and keeps the answer in the list; false when it failed. */
  async function saveSettings(datasetId: string, body: UpdateDatasetRequest): Promise<boolean> {
    try {
      const dataset = await api.updateDataset(datasetId, body);
      const items = store.get().datasets.items.map((d) => (d.id === dataset.id ? dataset : d));
      store.set({ datasets: { status: 'ready', items } });
      return true;
    } catch {
      return false;
    }
  }

  const saveChannelRoles = (datasetId: string, roles: ChannelRoles) =>
    saveSettings(datasetId, { channelRoles: roles });
  const saveQueueActivities = (datasetId: string, queue: QueueActivities | null) =>
    saveSettings(datasetId, { queueActivities: queue });

  const saveTimeZone = (datasetId: string, timezone: string) =>
    saveSettings(datasetId, { timezone });
  const saveDeadlines = (datasetId: string, deadlines: DeadlineSettings | null) =>
    saveSettings(datasetId, { deadlines });

  async function uploadLimits(datasetId: string, csv: string): Promise<unknown> {
    try {
      const dataset = await api.uploadLimits(datasetId, csv);
      const items = store.get().datasets.items.map((d) => (d.id === dataset.id ? dataset : d));
      store.set({ datasets: { status: 'ready', items } });
      return null;
    } catch (error) {
      return error;
    }
  }
  function askDelete(id: string): void {
    store.set({ deleteDataset: { status: 'confirm', id } });
  }
  function cancelDelete(): void {
    store.set({ deleteDataset: { status: 'idle' } });
  }
  async function remove(id: string): Promise<boolean> {
    store.set({ deleteDataset: { status: 'deleting', id } });
    try {
      await api.deleteDataset(id);
      const items = store.get().datasets.items.filter((d) => d.id !== id);
      store.set({ deleteDataset: { status: 'idle' }, datasets: { status: 'ready', items } });
      if (store.get().selectedId === id) select(null);
      return true;
    } catch (error) {
      store.set({ deleteDataset: { status: 'error', id, error } });
      return false;
    }
  }

  return {
    load,
    select,
    create,
    navigate,
    setLocale,
    saveChannelRoles,
    saveQueueActivities,
    saveTimeZone,
    saveDeadlines,
    uploadLimits,
    askDelete,
    cancelDelete,
    remove,
  };
}
