import type {
  ChannelRoles,
  CreateGoalRequest,
  DatasetDto,
  DeadlineSettings,
  QueueActivities,
  RunParams,
} from '@onetrip/contracts';
import type { MapLayout } from '../charts/process-map';
import type { AuditActions } from '../controllers/audit';
import type { AccessActions } from '../controllers/dataset-access';
import type { KeysActions } from '../controllers/ingestion-keys';
import { createTranslator, type Locale, type Translator } from '../i18n/i18n';
import type { AccessState, AppState, AuditState, KeysState, UploadState } from '../store/state';
import { renderAuditFilter, renderAuditResults, renderAuditShell } from './audit-page';
import { renderAccessPanel } from './dataset-access';
import { renderDashboard } from './dashboard';
import type { DeadlineActions } from './deadline-limits-editor';
import { renderCreateForm, renderCreateStatus, renderDatasetList } from './datasets';
import { el, replaceContent } from './dom';
import { renderHeader } from './header';
import { renderKeysPanel } from './ingestion-keys';
import type { Route } from './route';
import { renderTimeZoneEditor } from './time-zone';
import { renderQueueActivitiesEditor } from './queue-activities';
import { renderChannelRolesEditor, renderRunControls } from './run';
import type { UploadHistoryActions } from '../controllers/upload-history';
import { renderUploadHistory } from './upload-history';
import {
  renderFilePicker,
  renderPreviewForm,
  renderUploadStatus,
  type PreviewForm,
  type UploadActions,
} from './upload';

/** What the page's controls call: the controllers' actions. */
export interface AppViewActions {
  upload: UploadActions;
  keys: KeysActions;
  history: Pick<UploadHistoryActions, 'askDelete' | 'cancelDelete' | 'remove'>;
  audit: AuditActions;
  access: AccessActions;
  selectDataset: (id: string) => void;
  refreshDatasets: () => void;
  askDeleteDataset: (id: string) => void;
  cancelDeleteDataset: () => void;
  deleteDataset: (id: string) => void;
  createDataset: (name: string, description: string) => Promise<boolean>;
  startRun: (params: RunParams) => void;
  saveChannelRoles: (datasetId: string, roles: ChannelRoles) => Promise<boolean>;
  saveQueueActivities: (datasetId: string, queue: QueueActivities | null) => Promise<boolean>;
  saveTimeZone: (datasetId: string, timezone: string) => Promise<boolean>;
  saveDeadlines: (datasetId: string, deadlines: DeadlineSettings | null) => Promise<boolean>;
  /** The api's error when it refused the table, else null. */
  uploadLimits: (datasetId: string, csv: string) => Promise<unknown>;
  navigate: (patch: Partial<Route>, replace?: boolean) => void;
  saveGoal: (datasetId: string, goalId: string | null, goal: CreateGoalRequest) => Promise<unknown>;
  setLocale: (locale: Locale) => void;
}

/** The keys state redrawn for anything but typing the next key's name (the input keeps it). */
function sameButName(a: KeysState, b: KeysState): boolean {
  return (Object.keys(a) as (keyof KeysState)[]).every((k) => k === 'name' || a[k] === b[k]);
}

/** The selected dataset's regions, built once per dataset and redrawn in place. */
interface DetailParts {
  datasetId: string;
  heading: HTMLElement;
  uploadStatus: HTMLElement;
  runControls: HTMLElement;
  result: HTMLElement;
  renderedResult: unknown;
  renderedRoute: Route | null;
  renderedLocale: string;
  renderedData: unknown;
  panels: HTMLDetailsElement | null;
  renderedRunStatus: string;
  /** The mapping dialog on screen, rebuilt only for another preview (or language). */
  previewRegion: HTMLElement;
  previewForm: { form: PreviewForm; preview: unknown } | null;
  historyRegion: HTMLElement;
  renderedHistory: unknown;
  keysRegion: HTMLElement;
  renderedKeys: KeysState | null;
  accessRegion: HTMLElement;
  renderedAccess: AccessState | null;
}

/** The audit page's form (built once per visit) and its results, redrawn for each answer. */
interface AuditParts {
  results: HTMLElement;
  renderedAudit: AuditState | null;
  renderedDatasets: unknown;
}

/**
 * Draws the app from the store: header, dataset list and create form on the left, the selected
 * dataset (upload, run, dashboard) on the right. The forms and the map are rebuilt only when
 * their inputs change, so typing, chosen files and zoom survive updates. It keeps DOM only (the
 * regions it redraws, the map layouts); the state is the store's.
 */
export function createAppView(
  root: HTMLElement,
  actions: AppViewActions,
): (state: AppState, previous: AppState | null) => void {
  let tr: Translator = createTranslator('en');
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
  let detailParts: DetailParts | null = null;
  let auditParts: AuditParts | null = null;
  /** The keys state whose `focus` was last applied (focus moves once per change). */
  let focusedKeys: KeysState | null = null;
  const layouts = new Map<string, MapLayout>();
  let current: AppState | null = null;

  function selected(state: AppState): DatasetDto | undefined {
    return state.datasets.items.find((d) => d.id === state.selectedId);
  }

  function renderCreate(state: AppState, clear = false): void {
    if (clear || regions.createForm.childElementCount === 0) {
      const { form, status } = renderCreateForm(tr, (name, description) => {
        void actions.createDataset(name, description).then((created) => {
          if (!created || !current) return;
          renderCreate(current, true);
          // The next step is choosing a file: take keyboard users there.
          regions.detail.querySelector<HTMLElement>('#upload-file')?.focus();
        });
      });
      regions.createStatus = status;
      replaceContent(regions.createForm, form);
    }
    replaceContent(regions.createStatus, ...renderCreateStatus(state.create, tr));
  }

  function renderShell(state: AppState): void {
    document.documentElement.lang = tr.locale;
    document.title = `${tr.t('app.title')} · ${tr.t('app.tagline')}`;
    const openAudit = state.user?.role === 'admin' ? () => actions.audit.open() : undefined;
    replaceContent(regions.header, renderHeader(tr, actions.setLocale, openAudit));
    regions.createForm.replaceChildren();
    detailParts = null;
    auditParts = null;
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

  function buildDetail(dataset: DatasetDto): DetailParts {
    const heading = el('div', { class: 'dataset-heading' });
    const uploadStatus = el('div', { class: 'upload-status', 'aria-live': 'polite' });
    const previewRegion = el('div', { class: 'preview-region' });
    const historyRegion = el('div', { class: 'history-region' });
    const keysRegion = el('div', { class: 'keys-region' });
    const accessRegion = el('div', { class: 'access-region' });
    const runControls = el('div', { class: 'run-controls', 'aria-live': 'polite' });
    const result = el('div', { class: 'result-region' });
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
          renderFilePicker(tr, (file) => actions.upload.chooseFile(file)),
          previewRegion,
          uploadStatus,
          historyRegion,
        ),
        el(
          'section',
          { class: 'card', 'aria-labelledby': 'run-heading' },
          el('h2', { id: 'run-heading' }, tr.t('run.title')),
          runControls,
        ),
        keysRegion,
        accessRegion,
      ),
    );
    replaceContent(regions.detail, heading, panels, result);
    return {
      datasetId: dataset.id,
      heading,
      uploadStatus,
      runControls,
      result,
      renderedResult: null,
      renderedRoute: null,
      renderedLocale: '',
      renderedData: null,
      panels,
      renderedRunStatus: '',
      previewRegion,
      previewForm: null,
      historyRegion,
      renderedHistory: null,
      keysRegion,
      renderedKeys: null,
      accessRegion,
      renderedAccess: null,
    };
  }

  /** The admin's audit log page, in place of the selected dataset. */
  function renderAudit(state: AppState): void {
    detailParts = null;
    const audit = state.audit;
    if (!audit) return;
    if (!auditParts) {
      const results = el('div', { class: 'audit-results-region' });
      const form = renderAuditFilter(tr, audit, state.datasets.items, actions.audit);
      replaceContent(regions.detail, renderAuditShell(tr, form, results, actions.audit));
      auditParts = { results, renderedAudit: null, renderedDatasets: null };
    }
    const parts = auditParts;
    if (parts.renderedAudit === audit && parts.renderedDatasets === state.datasets.items) return;
    // Typing in the filter changes only the draft: the results stay as they are.
    if (
      parts.renderedAudit &&
      parts.renderedAudit.items === audit.items &&
      parts.renderedAudit.loading === audit.loading &&
      parts.renderedAudit.error === audit.error &&
      parts.renderedDatasets === state.datasets.items
    ) {
      parts.renderedAudit = audit;
      return;
    }
    parts.renderedAudit = audit;
    parts.renderedDatasets = state.datasets.items;
    replaceContent(
      parts.results,
      renderAuditResults(tr, audit, state.datasets.items, actions.audit),
    );
  }

  function renderDetail(state: AppState): void {
    auditParts = null;
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
    if (!detailParts || detailParts.datasetId !== dataset.id) detailParts = buildDetail(dataset);
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
    replaceContent(parts.uploadStatus, ...renderUploadStatus(state.upload, tr, actions.upload));
    const busy = ['previewing', 'uploading', 'processing', 'cancelling'].includes(
      state.upload.status,
    );
    const picker =
      parts.previewRegion.parentElement?.querySelector<HTMLInputElement>('#upload-file');
    if (picker) picker.disabled = busy && state.upload.status !== 'previewing';
    replaceContent(
      parts.runControls,
      ...renderRunControls(dataset, state.run, tr, (params) => actions.startRun(params)),
      ...renderChannelRolesEditor(dataset, tr, (roles) =>
        actions.saveChannelRoles(dataset.id, roles),
      ),
      renderQueueActivitiesEditor(dataset, tr, (queue) =>
        actions.saveQueueActivities(dataset.id, queue),
      ),
      renderTimeZoneEditor(dataset, tr, (zone) => actions.saveTimeZone(dataset.id, zone)),
    );
    renderPanels(parts, state);
    renderResult(parts, dataset, state);
  }

  /** The upload history and the keys, each redrawn when its slice of the store changes. */
  function renderPanels(parts: DetailParts, state: AppState): void {
    const { uploadHistory, keys, access } = state;
    if (access && access.datasetId === parts.datasetId && access !== parts.renderedAccess) {
      parts.renderedAccess = access;
      replaceContent(parts.accessRegion, renderAccessPanel(tr, access, actions.access.refresh));
    }
    if (uploadHistory && uploadHistory !== parts.renderedHistory) {
      parts.renderedHistory = uploadHistory;
      replaceContent(
        parts.historyRegion,
        renderUploadHistory(tr, uploadHistory, {
          rejectedCsvUrl: (id) => actions.upload.rejectedCsvUrl(id),
          askDelete: actions.history.askDelete,
          cancelDelete: actions.history.cancelDelete,
          remove: (id) => void actions.history.remove(id),
        }),
      );
    }
    if (keys && (parts.renderedKeys === null || !sameButName(keys, parts.renderedKeys))) {
      parts.renderedKeys = keys;
      replaceContent(parts.keysRegion, renderKeysPanel(tr, keys, actions.keys));
      if (keys.focus && keys !== focusedKeys) {
        parts.keysRegion.querySelector<HTMLElement>(`[data-focus="${keys.focus}"]`)?.focus();
      }
      focusedKeys = keys;
    }
  }

  /** The dashboard, redrawn only when its result, route, language or fetched data change. */
  /**
   * The Deadlines view's table actions: save or upload, then mine again with the run's params
   * but the dataset's new deadline settings (a run without its own `deadlines` inherits them).
   */
  function deadlineActions(dataset: DatasetDto, params: RunParams): DeadlineActions {
    const { deadlines: _inherited, ...own } = params;
    return {
      save: (limits) => actions.saveDeadlines(dataset.id, { ...(dataset.deadlines ?? {}), limits }),
      upload: (csv) => actions.uploadLimits(dataset.id, csv),
      remine: () => actions.startRun(own),
    };
  }

  function renderResult(parts: DetailParts, dataset: DatasetDto, state: AppState): void {
    const result = state.run.status === 'done' ? state.run.result : null;
    if (
      result === parts.renderedResult &&
      state.route === parts.renderedRoute &&
      tr.locale === parts.renderedLocale &&
      state.dashboard === parts.renderedData &&
      (result !== null || state.run.status === parts.renderedRunStatus)
    ) {
      return;
    }
    parts.renderedRunStatus = state.run.status;
    // Upload and mining fold away once there is a result to look at (and open without one).
    if (parts.panels && (result === null) !== (parts.renderedResult === null)) {
      parts.panels.open = result === null;
    }
    parts.renderedResult = result;
    parts.renderedRoute = state.route;
    parts.renderedLocale = tr.locale;
    parts.renderedData = state.dashboard;
    if (result && state.run.status === 'done') {
      replaceContent(
        parts.result,
        renderDashboard({
          dataset,
          base: { run: state.run.run, result: result.result },
          route: state.route,
          tr,
          data: state.dashboard,
          layouts,
          navigate: actions.navigate,
          deadlineActions: deadlineActions(dataset, state.run.run.params),
          saveGoal: actions.saveGoal,
        }),
      );
      return;
    }
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

  function renderPreview(
    parts: Pick<DetailParts, 'previewRegion' | 'previewForm'>,
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
      const form = renderPreviewForm(upload, tr, actions.upload);
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
    current = state;
    if (!previous || state.locale !== previous.locale) {
      tr = createTranslator(state.locale);
      renderShell(state);
    }
    replaceContent(
      regions.datasets,
      renderDatasetList(state.datasets, state.selectedId, tr, {
        select: actions.selectDataset,
        refresh: actions.refreshDatasets,
        deletion: state.deleteDataset,
        askDelete: actions.askDeleteDataset,
        cancelDelete: actions.cancelDeleteDataset,
        remove: actions.deleteDataset,
      }),
    );
    renderCreate(state);
    if (state.route.page === 'audit' && state.user?.role === 'admin') renderAudit(state);
    else renderDetail(state);
  }

  return render;
}
