import type { UserDto } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import { randomUuid } from '../api/uuid';
import { createAuditActions } from '../controllers/audit';
import { watchDashboardData } from '../controllers/dashboard-data';
import { createAccessActions } from '../controllers/dataset-access';
import { createDatasetActions, LOCALE_KEY } from '../controllers/datasets';
import { createGoalActions } from '../controllers/goals';
import { createKeysActions } from '../controllers/ingestion-keys';
import { createRunActions } from '../controllers/runs';
import { createSession } from '../controllers/session';
import { createUploadFlow } from '../controllers/upload-flow';
import { createUploadHistory } from '../controllers/upload-history';
import type { Locale } from '../i18n/i18n';
import { EMPTY_DASHBOARD_DATA } from '../store/dashboard-data';
import type { AppState } from '../store/state';
import { createStore, type Store } from '../store/store';
import { createAppView } from './app-view';
import { parseRoute } from './route';

export interface AppOptions {
  api: ApiClient;
  locale: Locale;
  /** Where the locale choice is remembered (localStorage). */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  pollIntervalMs: number;
  /** How often a running upload's row counts are asked for (the api refreshes them every second). */
  uploadPollIntervalMs?: number;
  /** Makes upload ids (tests pass a fixed one); default a random UUID. */
  newId?: () => string;
  /** Who is logged in: admins get the audit page, managers and up the access panel. */
  user?: UserDto;
}

/**
 * The single-page app, wired: one store (src/store), the controllers that change it
 * (src/controllers: datasets and the URL, runs, uploads, the dashboard's data) and the view that
 * draws it (views/app-view.ts). Nothing else lives here.
 */
export function mountApp(root: HTMLElement, options: AppOptions): Store<AppState> {
  const { api } = options;
  const route = parseRoute(location.hash);
  const store = createStore<AppState>({
    locale: options.locale,
    datasets: { status: 'loading', items: [] },
    create: { status: 'idle' },
    deleteDataset: { status: 'idle' },
    selectedId: route.dataset,
    upload: { status: 'idle' },
    run: { status: 'idle' },
    route,
    dashboard: EMPTY_DASHBOARD_DATA,
    uploadHistory: null,
    keys: null,
    user: options.user ?? null,
    audit: null,
    access: null,
  });
  const session = createSession();
  const runs = createRunActions(api, store, session, options.pollIntervalMs);
  const datasets = createDatasetActions(api, store, session, {
    storage: options.storage,
    resume: runs.resumeLast,
  });
  const uploadHistory = createUploadHistory(api, store, {
    deleted: (_datasetId, deletion) => {
      void datasets.load();
      // The dataset's runs were deleted with the events they had mined: nothing to show now.
      if (deletion.runsRemoved > 0) {
        store.set({ run: { status: 'idle' }, dashboard: EMPTY_DASHBOARD_DATA });
      }
    },
  });
  const keys = createKeysActions(api, store);
  const access = createAccessActions(api, store);
  const audit = createAuditActions(api, store, {
    select: datasets.select,
    navigate: datasets.navigate,
  });
  const goals = createGoalActions(api, store);
  const upload = createUploadFlow(api, store, session, {
    pollIntervalMs: options.uploadPollIntervalMs ?? 1000,
    newId: options.newId ?? (() => randomUuid()),
    stored: datasets.load,
    finished: (datasetId) => void uploadHistory.refresh(datasetId),
  });
  const render = createAppView(root, {
    upload,
    keys,
    history: uploadHistory,
    audit,
    access,
    selectDataset: datasets.select,
    refreshDatasets: () => void datasets.load(),
    askDeleteDataset: datasets.askDelete,
    cancelDeleteDataset: datasets.cancelDelete,
    deleteDataset: (id) => void datasets.remove(id),
    createDataset: datasets.create,
    startRun: (params) => void runs.start(params),
    saveChannelRoles: datasets.saveChannelRoles,
    saveQueueActivities: datasets.saveQueueActivities,
    saveTimeZone: datasets.saveTimeZone,
    saveDeadlines: datasets.saveDeadlines,
    uploadLimits: datasets.uploadLimits,
    navigate: datasets.navigate,
    saveGoal: goals.save,
    setLocale: datasets.setLocale,
  });

  store.subscribe(render);
  render(store.get(), null);
  watchDashboardData(api, store, options.pollIntervalMs);
  void datasets.load();
  const initial = store.get().selectedId;
  if (initial) void runs.resumeLast(initial);
  return store;
}

export function storedLocale(storage: Pick<Storage, 'getItem'> | null): string | null {
  return storage?.getItem(LOCALE_KEY) ?? null;
}
