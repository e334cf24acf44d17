import type { DatasetDto, RunDto, RunParams } from '@onetrip/contracts';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import { randomUuid } from '../api/uuid';
import { createTranslator, type Locale, type Translator } from '../i18n/i18n';
import { renderCreateForm, renderCreateStatus, renderDatasetList } from './datasets';
import { el, replaceContent } from './dom';
import { UserInputError } from './errors';
import { renderHeader } from './header';
import { createDashboard } from './dashboard';
import { EMPTY_ROUTE, formatRoute, parseRoute, type Route } from './route';
import { renderRunControls } from './run';
import { createStore, type AppState, type Store } from './state';
import { createKeysPanel, type KeysPanel } from './ingestion-keys';
import { createUploadHistory, type UploadHistory } from './upload-history';
import {
  confirmDraft,
  initialDraft,
  renderFilePicker,
  renderPreviewForm,
  renderUploadStatus,
  type PreviewForm,
  type UploadActions,
} from './upload';
import type { UploadDraft, UploadState } from './state';

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
  const uploadPollMs = options.uploadPollIntervalMs ?? 1000;
  const newId = options.newId ?? (() => randomUuid());
  /** Aborts the running upload's request (cancel). */
  let uploadAbort: AbortController | null = null;
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
    /** The mapping dialog on screen, rebuilt only for another preview (or language). */
    previewRegion: HTMLElement;
    previewForm: { form: PreviewForm; preview: unknown } | null;
  } | null = null;
  /** The selected dataset's ingestion keys panel; kept across language switches. */
  let keysPanel: { datasetId: string; panel: KeysPanel } | null = null;
  /** The selected dataset's upload history; kept across language switches. */
  let uploadHistory: { datasetId: string; panel: UploadHistory } | null = null;

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

  function setUpload(upload: UploadState): void {
    store.set({ upload });
  }

  /** Looks at the first 64 KiB of the chosen file and opens the mapping dialog. */
  async function chooseFile(file: File, encoding: string | null = null): Promise<void> {
    const dataset = selected(store.get());
    if (!dataset) return;
    const mine = generation;
    const before = store.get().upload;
    const keep = before.status === 'preview' && before.file === file ? before.draft : undefined;
    setUpload({ status: 'previewing', file, encoding });
    try {
      const preview = await api.previewUpload(
        dataset.id,
        file,
        encoding === null ? {} : { encoding },
      );
      const current = store.get().upload;
      // Another file chosen, or the dataset left, meanwhile: this answer is stale.
      if (mine !== generation || current.status !== 'previewing' || current.file !== file) return;
      setUpload({
        status: 'preview',
        file,
        preview,
        draft: { ...initialDraft(preview, keep), encoding },
      });
    } catch (error) {
      if (mine === generation) setUpload({ status: 'previewFailed', file, error });
    }
  }

  function changeDraft(draft: UploadDraft): void {
    const current = store.get().upload;
    if (current.status === 'preview') setUpload({ ...current, draft, error: undefined });
  }

  function confirmUpload(): void {
    const current = store.get().upload;
    if (current.status !== 'preview') return;
    const confirmed = confirmDraft(current.draft, current.preview.format);
    if (confirmed instanceof Error) {
      setUpload({ ...current, error: confirmed });
      return;
    }
    void runUpload(current.file, confirmed);
  }

  /** Uploads with the confirmed options; polls the row counts while the request runs. */
  async function runUpload(file: File, confirmed: ReturnType<typeof confirmDraft>): Promise<void> {
    const dataset = selected(store.get());
    if (!dataset || confirmed instanceof Error) return;
    const mine = generation;
    const uploadId = newId();
    const abort = new AbortController();
    uploadAbort = abort;
    let running = true;
    setUpload({
      status: 'uploading',
      fileName: file.name,
      uploadId,
      loaded: 0,
      total: file.size,
      rows: null,
    });
    const poll = async (): Promise<void> => {
      while (running) {
        await wait(uploadPollMs);
        if (!running || mine !== generation) return;
        try {
          const live = await api.getUpload(uploadId);
          const current = store.get().upload;
          if (
            !running ||
            live.status !== 'receiving' ||
            (current.status !== 'uploading' && current.status !== 'processing') ||
            current.uploadId !== uploadId
          ) {
            continue;
          }
          setUpload({
            ...current,
            rows: { rowsRead: live.rowsRead, rowsRejected: live.rowsRejected },
          });
        } catch {
          // 404 until the first bytes arrive; a failed poll is not the upload failing.
        }
      }
    };
    void poll();
    try {
      const result = await api.upload(dataset.id, file, {
        ...confirmed,
        uploadId,
        signal: abort.signal,
        onProgress: (loaded, total) => {
          const current = store.get().upload;
          if (mine !== generation || current.status !== 'uploading') return;
          setUpload(
            loaded >= total
              ? { status: 'processing', fileName: file.name, uploadId, rows: current.rows }
              : { ...current, loaded, total },
          );
        },
      });
      running = false;
      if (mine !== generation) return;
      setUpload({ status: 'done', upload: result });
      await loadDatasets();
    } catch (error) {
      running = false;
      if (mine !== generation) return;
      if (error instanceof DOMException && error.name === 'AbortError') {
        await settleCancelled(file.name, uploadId, mine);
        return;
      }
      // The server keeps a failed upload's counts and rejected rows: show them with the problem.
      let record = null;
      if (error instanceof ApiError && error.problem.status !== 0) {
        record = await api.getUpload(uploadId).catch(() => null);
      }
      if (mine !== generation) return;
      setUpload({
        status: 'failed',
        error,
        upload: record && record.status === 'failed' ? record : null,
      });
    } finally {
      running = false;
      if (uploadAbort === abort) uploadAbort = null;
      // However it ended, the history now has it.
      if (uploadHistory?.datasetId === dataset.id) void uploadHistory.panel.refresh();
    }
  }

  /**
   * After cancel: asks the server what became of the upload. Usually it was dropped (the dataset
   * is unchanged); if every byte had already arrived, it may have been stored all the same.
   */
  async function settleCancelled(fileName: string, uploadId: string, mine: number): Promise<void> {
    setUpload({ status: 'cancelling', fileName, uploadId });
    for (let attempt = 0; attempt < 20; attempt++) {
      let record;
      try {
        record = await api.getUpload(uploadId);
      } catch (error) {
        // Never recorded: nothing of it reached the dataset.
        if (error instanceof ApiError && error.problem.status === 404) break;
        record = null;
      }
      if (mine !== generation) return;
      if (record?.status === 'completed') {
        setUpload({ status: 'done', upload: record, lateCancel: true });
        await loadDatasets();
        return;
      }
      if (record?.status === 'failed') break;
      await wait(uploadPollMs);
    }
    if (mine === generation) setUpload({ status: 'cancelled', fileName });
  }

  const uploadActions: UploadActions = {
    chooseFile: (file) => void chooseFile(file),
    reencode: (encoding) => {
      const current = store.get().upload;
      if (current.status === 'preview') void chooseFile(current.file, encoding);
    },
    changeDraft,
    confirm: confirmUpload,
    discard: () => setUpload({ status: 'idle' }),
    cancel: () => uploadAbort?.abort(),
    rejectedCsvUrl: (uploadId) => api.rejectedCsvUrl(uploadId),
  };

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
      const previewRegion = el('div', { class: 'preview-region' });
      if (keysPanel?.datasetId !== dataset.id) {
        keysPanel = { datasetId: dataset.id, panel: createKeysPanel(api, dataset.id) };
      }
      keysPanel.panel.render(tr);
      if (uploadHistory?.datasetId !== dataset.id) {
        uploadHistory = { datasetId: dataset.id, panel: createUploadHistory(api, dataset.id) };
      }
      uploadHistory.panel.render(tr);
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
        previewRegion,
        previewForm: null,
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
            { class: 'card upload-card', 'aria-labelledby': 'upload-heading' },
            el('h2', { id: 'upload-heading' }, tr.t('upload.title')),
            renderFilePicker(tr, (file) => uploadActions.chooseFile(file)),
            previewRegion,
            uploadStatus,
            uploadHistory.panel.root,
          ),
          el(
            'section',
            { class: 'card', 'aria-labelledby': 'run-heading' },
            el('h2', { id: 'run-heading' }, tr.t('run.title')),
            runControls,
          ),
          keysPanel.panel.root,
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
    renderPreview(parts, state.upload);
    replaceContent(parts.uploadStatus, ...renderUploadStatus(state.upload, tr, uploadActions));
    const busy = ['previewing', 'uploading', 'processing', 'cancelling'].includes(
      state.upload.status,
    );
    const picker =
      parts.previewRegion.parentElement?.querySelector<HTMLInputElement>('#upload-file');
    if (picker) picker.disabled = busy && state.upload.status !== 'previewing';
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

  function renderPreview(
    parts: {
      previewRegion: HTMLElement;
      previewForm: { form: PreviewForm; preview: unknown } | null;
    },
    upload: UploadState,
  ): void {
    if (upload.status !== 'preview') {
      if (parts.previewForm) {
        parts.previewForm = null;
        parts.previewRegion.replaceChildren();
      }
      return;
    }
    if (parts.previewForm?.preview !== upload.preview) {
      const form = renderPreviewForm(upload, tr, uploadActions);
      const fresh = parts.previewForm === null;
      parts.previewForm = { form, preview: upload.preview };
      replaceContent(parts.previewRegion, form.node);
      // A new file: take keyboard users to the dialog's first decision.
      if (fresh) form.node.querySelector<HTMLElement>('#mapping-caseId')?.focus();
    } else {
      parts.previewForm.form.showError(upload.error);
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
