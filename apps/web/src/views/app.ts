import type { DatasetDto, RunDto, RunParams } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import { createTranslator, type Locale, type Translator } from '../i18n/i18n';
import { renderCreateForm, renderCreateStatus, renderDatasetList } from './datasets';
import { el, replaceContent } from './dom';
import { UserInputError } from './errors';
import { renderHeader } from './header';
import { createDashboard } from './dashboard';
import { EMPTY_ROUTE, formatRoute, parseRoute, type Route } from './route';
import { renderRunControls } from './run';
import { createStore, type AppState, type Store } from './state';
import { renderUploadForm, renderUploadStatus, type UploadRequest } from './upload';

export interface AppOptions {
  api: ApiClient;
  locale: Locale;
  /** Where the locale choice is remembered (localStorage). */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  pollIntervalMs: number;
}

const LOCALE_KEY = 'onetrip.locale';

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The single-page app: datasets on the left; the selected dataset's upload, run and process map
 * on the right. State lives in one store; regions re-render from it, and the forms and the map
 * are rebuilt only when their inputs change, so typing, chosen files and zoom survive updates.
 */
export function mountApp(root: HTMLElement, options: AppOptions): Store<AppState> {
  const { api, storage } = options;
  const store = createStore<AppState>({
    locale: options.locale,
    datasets: { status: 'loading', items: [] },
    create: { status: 'idle' },
    selectedId: parseRoute(location.hash).dataset,
    upload: { status: 'idle' },
    run: { status: 'idle' },
    route: parseRoute(location.hash),
  });
  /** Changes the route: a new history entry (back/forward work) unless `replace`. */
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
      generation += 1;
      store.set({
        selectedId: route.dataset,
        route,
        upload: { status: 'idle' },
        run: { status: 'idle' },
      });
      if (route.dataset) void resumeLastRun(route.dataset);
    } else store.set({ route });
  });
  const dashboard = createDashboard({
    api,
    pollIntervalMs: options.pollIntervalMs,
    navigate,
  });
  // Bumped whenever the selected dataset changes, so stale polls and uploads stop writing.
  let generation = 0;
  let tr: Translator = createTranslator(options.locale);

  const regions: Record<
    'header' | 'datasets' | 'createStatus' | 'createForm' | 'detail',
    HTMLElement
  > = {
    header: el('div'),
    datasets: el('div'),
    createStatus: el('div'),
    createForm: el('div'),
    detail: el('div', { class: 'detail' }),
  };
  let detailParts: {
    datasetId: string;
    heading: HTMLElement;
    uploadStatus: HTMLElement;
    runControls: HTMLElement;
    result: HTMLElement;
    renderedResult: unknown;
    renderedRoute: Route | null;
    renderedLocale: string;
    panels: HTMLDetailsElement | null;
    renderedRunStatus: string;
  } | null = null;

  function selected(state: AppState): DatasetDto | undefined {
    return state.datasets.items.find((d) => d.id === state.selectedId);
  }

  // ----- actions -----
  async function loadDatasets(): Promise<void> {
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
    generation += 1;
    const route: Route = { ...EMPTY_ROUTE, dataset: id };
    history.pushState(null, '', formatRoute(route));
    store.set({ selectedId: id, upload: { status: 'idle' }, run: { status: 'idle' }, route });
    if (id) void resumeLastRun(id);
  }

  async function createDataset(name: string, description: string): Promise<void> {
    if (!name) {
      store.set({
        create: { status: 'error', error: new UserInputError('datasets.create.nameRequired') },
      });
      return;
    }
    store.set({ create: { status: 'creating' } });
    try {
      const dataset = await api.createDataset({ name, ...(description ? { description } : {}) });
      const items = [dataset, ...store.get().datasets.items.filter((d) => d.id !== dataset.id)];
      store.set({ create: { status: 'idle' }, datasets: { status: 'ready', items } });
      select(dataset.id);
      renderCreate(true);
      // The next step is choosing a file: take keyboard users there.
      regions.detail.querySelector<HTMLElement>('#upload-file')?.focus();
    } catch (error) {
      store.set({ create: { status: 'error', error } });
    }
  }

  async function upload(request: UploadRequest): Promise<void> {
    const dataset = selected(store.get());
    if (!dataset) return;
    if (!request.file) {
      store.set({ upload: { status: 'error', error: new UserInputError('upload.noFile') } });
      return;
    }
    const mine = generation;
    const file = request.file;
    store.set({
      upload: { status: 'uploading', fileName: file.name, loaded: 0, total: file.size },
    });
    try {
      const result = await api.upload(dataset.id, file, {
        mapping: request.mapping,
        onProgress: (loaded, total) => {
          if (mine !== generation) return;
          store.set({
            upload:
              loaded >= total
                ? { status: 'processing', fileName: file.name }
                : { status: 'uploading', fileName: file.name, loaded, total },
          });
        },
      });
      if (mine !== generation) return;
      store.set({ upload: { status: 'done', upload: result } });
      await loadDatasets();
    } catch (error) {
      if (mine === generation) store.set({ upload: { status: 'error', error } });
    }
  }

  async function startRun(params: RunParams): Promise<void> {
    const dataset = selected(store.get());
    if (!dataset) return;
    const mine = generation;
    store.set({ run: { status: 'starting' } });
    try {
      const run = await api.startRun(dataset.id, { params });
      if (mine !== generation) return;
      await watchRun(run, mine);
    } catch (error) {
      if (mine === generation) store.set({ run: { status: 'error', error, run: null } });
    }
  }

  /** Polls the run until it finishes, then loads its result. */
  async function watchRun(initial: RunDto, mine: number): Promise<void> {
    let run = initial;
    while (run.status === 'queued' || run.status === 'running') {
      store.set({ run: { status: 'watching', run } });
      await wait(options.pollIntervalMs);
      if (mine !== generation) return;
      run = await api.getRun(run.id);
      if (mine !== generation) return;
    }
    if (run.status === 'failed') {
      store.set({
        run: {
          status: 'error',
          run,
          error: new Error(run.error ?? 'failed'),
        },
      });
      return;
    }
    store.set({ run: { status: 'loadingResult', run } });
    const result = await api.getRunResult(run.id);
    if (mine !== generation) return;
    store.set({ run: { status: 'done', run, result } });
  }

  /** Shows the dataset's latest run again (after a reload or when coming back to it). */
  async function resumeLastRun(datasetId: string): Promise<void> {
    const mine = generation;
    try {
      // The latest run over every journey: filtered runs belong to the dashboard's cache.
      const latest = (await api.listRuns(datasetId)).find(
        (run) => !run.filter || Object.keys(run.filter).length === 0,
      );
      if (mine !== generation || !latest || latest.status === 'failed') return;
      if (latest.status === 'completed') {
        const result = await api.getRunResult(latest.id);
        if (mine !== generation) return;
        // Mined before results carried the dashboard's insights: the api mines it again.
        if (!result.result.insights) return await startRun(latest.params);
        store.set({ run: { status: 'done', run: latest, result } });
        return;
      }
      await watchRun(latest, mine);
    } catch {
      // Nothing to show yet is not an error: the user can start a run.
      if (mine === generation) store.set({ run: { status: 'idle' } });
    }
  }

  function setLocale(locale: Locale): void {
    storage?.setItem(LOCALE_KEY, locale);
    store.set({ locale });
  }

  // ----- rendering -----
  function renderCreate(clear = false): void {
    if (clear || regions.createForm.childElementCount === 0) {
      const { form, status } = renderCreateForm(
        tr,
        (name, description) => void createDataset(name, description),
      );
      regions.createStatus = status;
      replaceContent(regions.createForm, form);
    }
    replaceContent(regions.createStatus, ...renderCreateStatus(store.get().create, tr));
  }

  function renderShell(): void {
    document.documentElement.lang = tr.locale;
    document.title = `${tr.t('app.title')} · ${tr.t('app.tagline')}`;
    replaceContent(regions.header, renderHeader(tr, setLocale));
    regions.createForm.replaceChildren();
    detailParts = null;
    if (!root.contains(regions.header)) {
      root.replaceChildren(
        regions.header,
        el(
          'div',
          { class: 'layout' },
          el('aside', { class: 'sidebar' }, regions.datasets, regions.createForm),
          el('main', { id: 'main', tabindex: '-1', class: 'content' }, regions.detail),
        ),
      );
    }
  }

  function renderDetail(state: AppState): void {
    const dataset = selected(state);
    if (!dataset) {
      detailParts = null;
      replaceContent(
        regions.detail,
        el(
          'div',
          { class: 'welcome card' },
          state.datasets.status === 'loading' && state.datasets.items.length === 0
            ? el('p', { class: 'muted loading' }, tr.t('datasets.loading'))
            : el('p', { class: 'empty-state' }, tr.t('datasets.select')),
        ),
      );
      return;
    }
    if (!detailParts || detailParts.datasetId !== dataset.id) {
      const heading = el('div', { class: 'dataset-heading' });
      const uploadStatus = el('div', { class: 'upload-status', 'aria-live': 'polite' });
      const runControls = el('div', { class: 'run-controls', 'aria-live': 'polite' });
      const result = el('div', { class: 'result-region' });
      detailParts = {
        datasetId: dataset.id,
        heading,
        uploadStatus,
        runControls,
        result,
        renderedResult: null,
        renderedRoute: null,
        renderedLocale: '',
        panels: null,
        renderedRunStatus: '',
      };
      const panels = el(
        'details',
        { class: 'data-panels', open: true },
        el('summary', {}, tr.t('data.title')),
        el(
          'div',
          { class: 'panels' },
          el(
            'section',
            { class: 'card', 'aria-labelledby': 'upload-heading' },
            el('h2', { id: 'upload-heading' }, tr.t('upload.title')),
            renderUploadForm(dataset, tr, (request) => void upload(request)),
            uploadStatus,
          ),
          el(
            'section',
            { class: 'card', 'aria-labelledby': 'run-heading' },
            el('h2', { id: 'run-heading' }, tr.t('run.title')),
            runControls,
          ),
        ),
      );
      detailParts.panels = panels;
      replaceContent(regions.detail, heading, panels, result);
    }
    const parts = detailParts;
    replaceContent(
      parts.heading,
      el('h1', {}, dataset.name),
      el(
        'p',
        { class: 'muted' },
        [
          tr.t('datasets.events', { count: tr.number(dataset.eventCount) }),
          tr.t('datasets.version', { version: tr.number(dataset.version) }),
          tr.t('datasets.created', { date: tr.dateTime(dataset.createdAt) }),
        ].join(' · '),
      ),
      ...(dataset.description ? [el('p', { class: 'description' }, dataset.description)] : []),
    );
    replaceContent(parts.uploadStatus, ...renderUploadStatus(state.upload, tr));
    replaceContent(
      parts.runControls,
      ...renderRunControls(dataset, state.run, tr, (params) => void startRun(params)),
    );
    const result = state.run.status === 'done' ? state.run.result : null;
    if (
      result !== parts.renderedResult ||
      state.route !== parts.renderedRoute ||
      tr.locale !== parts.renderedLocale ||
      (result === null && state.run.status !== parts.renderedRunStatus)
    ) {
      parts.renderedRunStatus = state.run.status;
      // Upload and mining fold away once there is a result to look at (and open without one).
      if (parts.panels && (result === null) !== (parts.renderedResult === null)) {
        parts.panels.open = result === null;
      }
      parts.renderedResult = result;
      parts.renderedRoute = state.route;
      parts.renderedLocale = tr.locale;
      if (result && state.run.status === 'done') {
        dashboard.render(dataset, { run: state.run.run, result: result.result }, state.route, tr);
        if (!parts.result.contains(dashboard.root)) replaceContent(parts.result, dashboard.root);
      } else {
        const mining =
          state.run.status === 'starting' ||
          state.run.status === 'watching' ||
          state.run.status === 'loadingResult';
        replaceContent(
          parts.result,
          mining
            ? el('p', { class: 'muted loading dashboard-empty' }, tr.t('state.loading'))
            : el('p', { class: 'empty-state dashboard-empty' }, tr.t('state.needsRun')),
        );
      }
    }
  }

  function render(state: AppState, previous: AppState | null): void {
    if (!previous || state.locale !== previous.locale) {
      tr = createTranslator(state.locale);
      renderShell();
    }
    replaceContent(
      regions.datasets,
      renderDatasetList(state.datasets, state.selectedId, tr, {
        select,
        refresh: () => void loadDatasets(),
      }),
    );
    renderCreate();
    renderDetail(state);
  }

  store.subscribe((state, previous) => render(state, previous));
  render(store.get(), null);
  void loadDatasets();
  const initial = store.get().selectedId;
  if (initial) void resumeLastRun(initial);
  return store;
}

export function storedLocale(storage: Pick<Storage, 'getItem'> | null): string | null {
  return storage?.getItem(LOCALE_KEY) ?? null;
}
