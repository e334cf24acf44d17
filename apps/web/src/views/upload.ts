import {
  rejectionMessage,
  type RejectedRowDto,
  EVENT_FIELDS,
  type ChannelRole,
  type ChannelRoles,
  type ColumnMapping,
  type EventField,
  type UploadDto,
  type UploadPreviewDto,
} from '@onetrip/contracts';
import type { UploadOptions } from '../api/client';
import type { MessageKey, Translator } from '../i18n/i18n';
import { el, progressBar } from './dom';
import { UserInputError, errorBox } from './errors';
import { mappingWarnings, renderColumnStats, renderMappingWarnings } from './mapping-sanity';
import { confirmUploadQueue, layoutFor, renderUploadQueue } from './queue-activities';
import type { UploadDraft, UploadRows, UploadState } from '../store/state';
import { SHEET_CHOOSER_ID, sheetChooser } from './upload-sheet-chooser';
import { isWebTablePreset, renderUploadPreset } from './upload-preset';

/** What the api reads (it picks the parser by file name; any of them may be gzipped). */

/** A rejected row's reason in the interface language (rows stored before codes: as stored). */
export function rejectionReason(tr: Translator, row: RejectedRowDto): string {
  return row.code ? rejectionMessage(row.code, row.params, tr.locale) : row.reason;
}

/** The rejected-rows CSV in the interface language (headers and reasons). */
export function rejectedCsvHref(href: string, tr: Translator): string {
  return `${href}${href.includes('?') ? '&' : '?'}lang=${encodeURIComponent(tr.locale)}`;
}

const ACCEPTED_FILES = '.csv,.tsv,.txt,.xes,.ndjson,.jsonl,.gz,.xlsx,.xls,text/csv';
export const REQUIRED_FIELDS: readonly EventField[] = ['caseId', 'activity', 'timestamp'];
export const DEFAULT_MAX_REJECTED_PERCENT = '5';
/** Rows of the sample shown in the dialog (the preview has up to 50). */
const SAMPLE_ROWS = 8;
/** Encodings offered besides the detected one (the api accepts anything iconv-lite knows). */
const ENCODINGS = ['utf-8', 'gb18030', 'gbk', 'big5', 'utf-16le', 'windows-1252'];

const FIELD_LABELS: Record<EventField, MessageKey> = {
  caseId: 'field.caseId',
  activity: 'field.activity',
  timestamp: 'field.timestamp',
  startTimestamp: 'field.startTimestamp',
  lifecycle: 'field.lifecycle',
  resource: 'field.resource',
  citizen: 'field.citizen',
  service: 'field.service',
  channel: 'field.channel',
  location: 'field.location',
  department: 'field.department',
  sourceSystem: 'field.sourceSystem',
};

export interface UploadActions {
  chooseFile(file: File): void;
  reencode(encoding: string | null): void;
  /** Previews another sheet of a workbook. */
  chooseSheet(sheet: string): void;
  changeDraft(draft: UploadDraft): void;
  confirm(): void;
  discard(): void;
  cancel(): void;
  rejectedCsvUrl(uploadId: string): string;
}

/**
 * The first guess for every field: the dataset's saved mapping where this file has that column,
 * else the server's suggestion, else unmapped. `keep` (an earlier draft, e.g. before the encoding
 * changed) wins where its column still exists.
 */
export function initialDraft(preview: UploadPreviewDto, keep?: UploadDraft): UploadDraft {
  const headers = new Set(preview.headers);
  const pick = (field: EventField): string => {
    for (const candidate of [
      keep?.mapping[field],
      preview.savedMapping?.[field],
      preview.suggestedMapping[field],
    ]) {
      if (candidate && headers.has(candidate)) return candidate;
    }
    return '';
  };
  return {
    mapping: Object.fromEntries(EVENT_FIELDS.map((f) => [f, pick(f)])) as Record<
      EventField,
      string
    >,
    encoding: keep?.encoding ?? null,
    onError: keep?.onError ?? 'skip',
    maxRejectedPercent: keep?.maxRejectedPercent ?? DEFAULT_MAX_REJECTED_PERCENT,
    ...(keep?.layout === undefined ? {} : { layout: keep.layout }),
    ...(keep?.queueActivities === undefined ? {} : { queueActivities: keep.queueActivities }),
  };
}

export type ConfirmedUpload = Required<Pick<UploadOptions, 'mapping' | 'onError'>> &
  Pick<
    UploadOptions,
    'maxRejectedRatio' | 'encoding' | 'channelRoles' | 'queueActivities' | 'layout' | 'sheet'
  >;

/** The roles a channel value can have (ChannelRoleSchema of @onetrip/contracts), in menu order. */
export const CHANNEL_ROLE_OPTIONS: readonly ChannelRole[] = [
  'in-person',
  'online',
  'back-office',
  'phone',
  'other',
];
export const CHANNEL_ROLE_LABELS: Record<ChannelRole, MessageKey> = {
  'in-person': 'channel.role.in-person',
  online: 'channel.role.online',
  'back-office': 'channel.role.back-office',
  phone: 'channel.role.phone',
  other: 'channel.role.other',
};

/**
 * The roles of the sample values of the column mapped as the channel: the user's choice, else the
 * dataset's saved role, else the server's suggestion. Empty when no channel column is mapped.
 */
export function channelRolesFor(preview: UploadPreviewDto, draft: UploadDraft): ChannelRoles {
  const column = draft.mapping.channel;
  const suggested = column ? preview.suggestedChannelRoles[column] : undefined;
  if (!suggested) return {};
  const roles: ChannelRoles = {};
  for (const value of Object.keys(suggested)) {
    roles[value] =
      draft.channelRoles?.[value] ??
      preview.savedChannelRoles?.[value] ??
      suggested[value] ??
      'other';
  }
  return roles;
}

/** The XES standard attribute each required field falls back to when left unmapped. */
const XES_DEFAULTS: Partial<Record<EventField, string>> = {
  caseId: 'trace concept:name',
  activity: 'concept:name',
  timestamp: 'time:timestamp',
};

/** The upload options a draft stands for, or the mistake that stops it (a UserInputError). */
export function confirmDraft(
  draft: UploadDraft,
  format: UploadPreviewDto['format'] = 'csv',
  preview?: UploadPreviewDto,
): ConfirmedUpload | UserInputError {
  // XES names its case, activity and time attributes by standard; unmapped means the standard.
  // One row per ticket, or a table preset: the columns are found by their names, not mapped.
  const layout = preview === undefined ? 'events' : layoutFor(preview, draft);
  const missing = REQUIRED_FIELDS.filter(
    (field) => !draft.mapping[field] && format !== 'xes' && layout === 'events',
  );
  if (missing.length > 0) return new UserInputError('upload.requiredMissing');
  const mapping = Object.fromEntries(
    EVENT_FIELDS.filter((f) => draft.mapping[f]).map((f) => [f, draft.mapping[f]]),
  ) as Partial<ColumnMapping>;
  const result: ConfirmedUpload = { mapping, onError: draft.onError };
  if (draft.encoding) result.encoding = draft.encoding;
  if (draft.sheet) result.sheet = draft.sheet;
  if (preview) {
    // Confirmed with the upload: the saved roles of values not in this sample stay as they were.
    const roles = { ...(preview.savedChannelRoles ?? {}), ...channelRolesFor(preview, draft) };
    if (Object.keys(roles).length > 0) result.channelRoles = roles;
    const queue = confirmUploadQueue(preview, draft);
    if (queue instanceof UserInputError) return queue;
    Object.assign(result, queue);
    if (isWebTablePreset(layout)) result.layout = layout;
  }
  if (draft.onError === 'skip') {
    const percent = Number(draft.maxRejectedPercent.trim().replace(',', '.'));
    if (draft.maxRejectedPercent.trim() === '' || !Number.isFinite(percent)) {
      return new UserInputError('upload.policy.invalid');
    }
    if (percent < 0 || percent > 100) return new UserInputError('upload.policy.invalid');
    // Rounded so that 0.1 % is 0.001, not 0.0010000000000000002.
    result.maxRejectedRatio = Math.round(percent * 1000) / 100000;
  }
  return result;
}

/** The file picker: a labelled button over a visually hidden (still focusable) file input. */
export function renderFilePicker(tr: Translator, choose: (file: File) => void): HTMLElement {
  const input = el('input', {
    id: 'upload-file',
    name: 'file',
    type: 'file',
    class: 'visually-hidden',
    accept: ACCEPTED_FILES,
    'aria-describedby': 'upload-hint',
    onchange: () => {
      const file = input.files?.[0];
      // Cleared so that choosing the same file again (after a fix, say) is a change too.
      input.value = '';
      if (file) choose(file);
    },
  });
  return el(
    'div',
    { class: 'upload-picker' },
    el('p', { class: 'muted', id: 'upload-hint' }, tr.t('upload.hint')),
    el(
      'div',
      { class: 'file-row' },
      input,
      el(
        'label',
        { for: 'upload-file', class: 'file-pick' },
        el('span', { class: 'file-pick-icon', 'aria-hidden': 'true' }, '⇪'),
        tr.t('upload.choose'),
      ),
      el('span', { class: 'muted file-formats' }, tr.t('upload.formats')),
    ),
  );
}

function formatBytes(bytes: number, tr: Translator): string {
  if (bytes < 1024) return `${tr.number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${tr.number(bytes / 1024, { maximumFractionDigits: 1 })} KB`;
  return `${tr.number(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`;
}

function delimiterName(delimiter: string, tr: Translator): string {
  switch (delimiter) {
    case ',':
      return tr.t('upload.delimiter.comma');
    case ';':
      return tr.t('upload.delimiter.semicolon');
    case '\t':
      return tr.t('upload.delimiter.tab');
    case '|':
      return tr.t('upload.delimiter.pipe');
    default:
      return `“${delimiter}”`;
  }
}

export interface PreviewForm {
  node: HTMLFormElement;
  /** Shows (or clears) the mistake found on confirm, without rebuilding the form. */
  showError(error: unknown): void;
}

/**
 * The mapping dialog: what the server saw in the first 64 KiB, a select per field (required ones
 * marked), the error policy and the confirm button. Built once per preview and locale; every
 * change goes to `actions.changeDraft`, so a language switch rebuilds it with the same choices.
 */
export function renderPreviewForm(
  state: Extract<UploadState, { status: 'preview' }>,
  tr: Translator,
  actions: UploadActions,
): PreviewForm {
  const { preview, file } = state;
  let draft: UploadDraft = state.draft;
  const change = (patch: Partial<UploadDraft>): void => {
    draft = { ...draft, ...patch };
    updateColumnTags();
    updateWarnings();
    actions.changeDraft(draft);
    // The queue section's one-row-per-ticket switch and the table select show one layout.
    if ('layout' in patch) presetSection?.sync();
  };
  let presetSection: ReturnType<typeof renderUploadPreset> | null = null;
  // Implausible mappings are warned about before anything is stored (mapping-sanity.ts).
  const warningRegion = el('div', { class: 'mapping-warnings', 'aria-live': 'polite' });
  function updateWarnings(): void {
    warningRegion.replaceChildren(
      ...renderMappingWarnings(tr, mappingWarnings(preview, draft.mapping)),
    );
  }

  // ----- the sample -----
  const columnTags = new Map<string, HTMLElement>();
  const headerCells = preview.headers.map((header) => {
    const tag = el('span', { class: 'column-tag' });
    columnTags.set(header, tag);
    return el(
      'th',
      { scope: 'col', title: header },
      el('span', { class: 'column-name' }, header),
      tag,
    );
  });
  const rows = preview.rows.slice(0, SAMPLE_ROWS);
  const sample =
    preview.headers.length === 0
      ? null
      : el(
          'div',
          { class: 'table-wrap sample-wrap', tabindex: '0', 'aria-labelledby': 'sample-caption' },
          el(
            'table',
            { class: 'data-table sample-table' },
            el(
              'caption',
              { id: 'sample-caption' },
              rows.length > 0
                ? tr.t('upload.sample', {
                    shown: tr.number(rows.length),
                    total: tr.number(preview.rows.length),
                  })
                : tr.t('upload.sample.none'),
            ),
            el('thead', {}, el('tr', {}, headerCells)),
            el(
              'tbody',
              {},
              rows.map((row) =>
                el(
                  'tr',
                  {},
                  preview.headers.map((_, i) => el('td', { title: row[i] ?? '' }, row[i] ?? '')),
                ),
              ),
            ),
          ),
        );
  // Unmapped columns that look like citizen identifiers are stored pseudonymized: say so.
  const identifiers = new Set(preview.identifierColumns);
  function updateColumnTags(): void {
    for (const [header, tag] of columnTags) {
      const fields = EVENT_FIELDS.filter((f) => draft.mapping[f] === header);
      const hashed = fields.length === 0 && identifiers.has(header);
      tag.textContent = hashed
        ? tr.t('upload.column.pseudonymized')
        : fields.map((f) => tr.t(FIELD_LABELS[f])).join(' · ');
      tag.closest('th')?.classList.toggle('mapped', fields.length > 0);
      tag.closest('th')?.classList.toggle('pseudonymized', hashed);
    }
    for (const [i, header] of preview.headers.entries()) {
      const mapped = EVENT_FIELDS.some((f) => draft.mapping[f] === header);
      for (const td of sample?.querySelectorAll(`tbody td:nth-child(${i + 1})`) ?? []) {
        td.classList.toggle('mapped', mapped);
      }
    }
  }

  // ----- the facts -----
  const encoding = el(
    'select',
    {
      id: 'upload-encoding',
      'data-focus': 'upload-encoding',
      onchange: () => actions.reencode(encoding.value || null),
    },
    el(
      'option',
      { value: '', selected: draft.encoding === null },
      tr.t('upload.encoding.detected', { encoding: preview.encoding.toUpperCase() }),
    ),
    ENCODINGS.map((name) =>
      el('option', { value: name, selected: draft.encoding === name }, name.toUpperCase()),
    ),
  );
  const fact = (label: string, value: Node | string, id?: string) =>
    el(
      'div',
      { class: 'fact' },
      id ? el('dt', {}, el('label', { for: id }, label)) : el('dt', {}, label),
      el('dd', {}, value),
    );
  const facts = el(
    'dl',
    { class: 'file-facts' },
    fact(tr.t('upload.format'), `${preview.format.toUpperCase()}${preview.gzip ? ' (gzip)' : ''}`),
    sheetChooser(preview, actions, tr, (label, control) => fact(label, control, SHEET_CHOOSER_ID)),
    fact(tr.t('upload.encoding'), encoding, 'upload-encoding'),
    preview.delimiter === null
      ? null
      : fact(tr.t('upload.delimiter'), delimiterName(preview.delimiter, tr)),
    fact(tr.t('upload.size'), formatBytes(file.size, tr)),
  );

  // ----- the mapping -----
  const fieldControls = EVENT_FIELDS.map((field) => {
    const required = REQUIRED_FIELDS.includes(field);
    const id = `mapping-${field}`;
    const note = el('span', { class: 'field-note', id: `${id}-note` });
    const select = el(
      'select',
      {
        id,
        'data-focus': id,
        'data-field': field,
        'aria-required': required ? 'true' : null,
        'aria-describedby': `${id}-note`,
        onchange: () => {
          change({ mapping: { ...draft.mapping, [field]: select.value } });
          updateNote();
          if (field === 'channel') renderChannelRoles();
          if (field === 'activity') queue.refresh();
        },
      },
      el(
        'option',
        { value: '', selected: draft.mapping[field] === '' },
        preview.format === 'xes' && XES_DEFAULTS[field]
          ? tr.t('upload.mapping.xesDefault', { attribute: XES_DEFAULTS[field] ?? '' })
          : required
            ? tr.t('upload.mapping.choose')
            : tr.t('upload.mapping.none'),
      ),
      preview.headers.map((header) =>
        el('option', { value: header, selected: draft.mapping[field] === header }, header),
      ),
    );
    function updateNote(): void {
      const value = draft.mapping[field];
      const key: MessageKey | null =
        value === ''
          ? required && preview.format !== 'xes'
            ? 'upload.mapping.needed'
            : null
          : preview.savedMapping?.[field] === value
            ? 'upload.mapping.saved'
            : preview.suggestedMapping[field] === value
              ? 'upload.mapping.suggested'
              : null;
      const parts = [key ? tr.t(key) : ''];
      // Worth saying where the identifier goes: a clerk must not worry about uploading it.
      if (field === 'citizen' && value) parts.push(tr.t('upload.mapping.pseudonymized'));
      note.textContent = parts.filter(Boolean).join(' · ');
      note.classList.toggle(
        'field-note-needed',
        value === '' && required && preview.format !== 'xes',
      );
    }
    updateNote();
    return el(
      'div',
      { class: required ? 'field required' : 'field' },
      el(
        'label',
        { for: id },
        tr.t(FIELD_LABELS[field]),
        required
          ? el('span', { class: 'required-mark', title: tr.t('upload.mapping.required') }, ' *')
          : null,
      ),
      select,
      note,
    );
  });

  // ----- the channel roles (which values are in-person visits: the trips) -----
  const channelBox = el('div', { class: 'channel-roles-grid' });
  function renderChannelRoles(): void {
    const roles = channelRolesFor(preview, draft);
    const values = Object.keys(roles);
    channelBox.replaceChildren(
      ...(values.length === 0
        ? [el('p', { class: 'muted' }, tr.t('upload.channels.none'))]
        : values.map((value, i) => {
            const id = `channel-role-${i}`;
            const select = el(
              'select',
              {
                id,
                'data-focus': id,
                'data-channel': value,
                onchange: () =>
                  change({
                    channelRoles: {
                      ...(draft.channelRoles ?? {}),
                      [value]: select.value as ChannelRole,
                    },
                  }),
              },
              CHANNEL_ROLE_OPTIONS.map((role) =>
                el(
                  'option',
                  { value: role, selected: roles[value] === role },
                  tr.t(CHANNEL_ROLE_LABELS[role]),
                ),
              ),
            );
            return el('div', { class: 'field' }, el('label', { for: id }, value), select);
          })),
    );
  }
  renderChannelRoles();
  const channelRoles = el(
    'fieldset',
    { class: 'channel-roles', 'data-testid': 'channel-roles' },
    el('legend', {}, tr.t('upload.channels')),
    el('p', { class: 'muted' }, tr.t('upload.channels.hint')),
    channelBox,
  );

  // ----- the hall queue (views/queue-activities.ts) -----
  const queue = renderUploadQueue(preview, () => draft, tr, change);

  // ----- the table (an event log, or a table read by its preset: views/upload-preset.ts) -----
  presetSection = renderUploadPreset(
    preview,
    () => draft,
    tr,
    change,
    () => {
      queue.refresh();
      const box = queue.node.querySelector<HTMLInputElement>('#upload-ticket-rows');
      if (box) box.checked = layoutFor(preview, draft) === 'ticket-rows';
    },
  );

  // ----- the policy -----
  const percent = el('input', {
    id: 'upload-max-rejected',
    type: 'number',
    min: 0,
    max: 100,
    step: 0.1,
    inputmode: 'decimal',
    value: draft.maxRejectedPercent,
    'data-focus': 'upload-max-rejected',
    disabled: draft.onError === 'fail',
    oninput: () => change({ maxRejectedPercent: percent.value }),
  });
  const radio = (value: 'skip' | 'fail') =>
    el('input', {
      type: 'radio',
      name: 'upload-on-error',
      id: `upload-on-error-${value}`,
      value,
      checked: draft.onError === value,
      onchange: () => {
        percent.disabled = value === 'fail';
        change({ onError: value });
      },
    });
  const policy = el(
    'fieldset',
    { class: 'policy' },
    el('legend', {}, tr.t('upload.policy')),
    el(
      'div',
      { class: 'choice' },
      radio('skip'),
      el('label', { for: 'upload-on-error-skip' }, tr.t('upload.policy.skip')),
      el(
        'span',
        { class: 'percent-input' },
        el(
          'label',
          { for: 'upload-max-rejected', class: 'visually-hidden' },
          tr.t('upload.policy.threshold'),
        ),
        percent,
        el('span', { 'aria-hidden': 'true' }, '%'),
      ),
    ),
    el(
      'div',
      { class: 'choice' },
      radio('fail'),
      el('label', { for: 'upload-on-error-fail' }, tr.t('upload.policy.fail')),
    ),
    el('p', { class: 'muted policy-note' }, tr.t('upload.policy.note')),
  );

  const errorRegion = el('div', { class: 'confirm-error', 'aria-live': 'polite' });
  const showError = (error: unknown): void => {
    errorRegion.replaceChildren(...(error === undefined ? [] : [errorBox(error, tr)]));
  };
  showError(state.error);

  const node = el(
    'form',
    {
      class: 'upload-confirm',
      'aria-labelledby': 'preview-heading',
      'data-testid': 'upload-preview',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        actions.confirm();
      },
    },
    el(
      'div',
      { class: 'preview-head' },
      el('h3', { id: 'preview-heading' }, tr.t('upload.preview')),
      el('span', { class: 'file-name' }, file.name),
    ),
    facts,
    sample,
    renderColumnStats(tr, preview),
    presetSection.node,
    el(
      'fieldset',
      { class: 'mapping-fields' },
      el('legend', {}, tr.t('upload.mapping')),
      el('p', { class: 'muted' }, tr.t('upload.mapping.hint')),
      el('div', { class: 'mapping-grid' }, fieldControls),
      warningRegion,
    ),
    channelRoles,
    queue.node,
    policy,
    errorRegion,
    el(
      'div',
      { class: 'form-actions' },
      el(
        'button',
        {
          type: 'submit',
          class: 'button-primary',
          id: 'upload-submit',
          'data-focus': 'upload-submit',
        },
        tr.t('upload.submit'),
      ),
      el(
        'button',
        {
          type: 'button',
          class: 'button-quiet',
          id: 'upload-discard',
          onclick: () => actions.discard(),
        },
        tr.t('upload.discard'),
      ),
    ),
  );
  updateColumnTags();
  updateWarnings();
  return { node, showError };
}

function rowsText(rows: UploadRows | null, tr: Translator): string {
  if (!rows) return tr.t('upload.rows.waiting');
  return tr.t('upload.rows', {
    read: tr.number(rows.rowsRead),
    rejected: tr.number(rows.rowsRejected),
  });
}

/** Everything under the form that changes while an upload runs (rebuilt on every update). */
export function renderUploadStatus(
  state: UploadState,
  tr: Translator,
  actions: UploadActions,
): HTMLElement[] {
  const cancelButton = () =>
    el(
      'div',
      { class: 'cancel-row' },
      el(
        'button',
        {
          type: 'button',
          class: 'button-quiet button-danger',
          id: 'upload-cancel',
          'data-focus': 'upload-cancel',
          onclick: () => actions.cancel(),
        },
        tr.t('upload.cancel'),
      ),
      el('span', { class: 'muted' }, tr.t('upload.cancel.note')),
    );
  const live = (rows: UploadRows | null) =>
    el('p', { class: 'live-rows', 'data-testid': 'upload-rows' }, rowsText(rows, tr));
  switch (state.status) {
    case 'idle':
    case 'preview':
      return [];
    case 'previewing':
      return [progressBar(tr.t('upload.previewing', { file: state.file.name }), null)];
    case 'previewFailed':
      return [errorBox(state.error, tr, tr.t('upload.previewFailed'))];
    case 'uploading': {
      const share = state.total > 0 ? state.loaded / state.total : 0;
      return [
        el(
          'div',
          { class: 'upload-progress' },
          progressBar(
            tr.t('upload.progress', { file: state.fileName }),
            share,
            `${tr.percent(share)} · ${formatBytes(state.loaded, tr)} / ${formatBytes(state.total, tr)}`,
          ),
          live(state.rows),
          cancelButton(),
        ),
      ];
    }
    case 'processing':
      return [
        el(
          'div',
          { class: 'upload-progress' },
          progressBar(tr.t('upload.processing'), null),
          live(state.rows),
          cancelButton(),
        ),
      ];
    case 'cancelling':
      return [progressBar(tr.t('upload.cancelling'), null)];
    case 'cancelled':
      return [
        el(
          'p',
          { class: 'notice', role: 'status', 'data-testid': 'upload-cancelled' },
          tr.t('upload.cancelled', { file: state.fileName }),
        ),
      ];
    case 'error':
      return [errorBox(state.error, tr, tr.t('upload.failed'))];
    case 'failed':
      return [
        errorBox(state.error, tr, tr.t('upload.failed')),
        el('p', { class: 'muted unchanged' }, tr.t('upload.unchanged')),
        ...(state.upload && (state.upload.rowsRead > 0 || state.upload.rowsRejected > 0)
          ? [renderUploadReport(state.upload, tr, actions)]
          : []),
      ];
    case 'done':
      return [
        ...(state.lateCancel
          ? [el('p', { class: 'notice', role: 'status' }, tr.t('upload.lateCancel'))]
          : []),
        renderUploadReport(state.upload, tr, actions),
      ];
  }
}

export function renderUploadReport(
  upload: UploadDto,
  tr: Translator,
  actions: Pick<UploadActions, 'rejectedCsvUrl'>,
): HTMLElement {
  const failed = upload.status === 'failed';
  const figure = (key: MessageKey, value: number, tone: string, note?: string) =>
    el(
      'div',
      { class: `stat stat-${tone}`, 'data-stat': key.replace('upload.', '') },
      el('dt', {}, tr.t(key)),
      el('dd', {}, tr.number(value)),
      note ? el('p', { class: 'stat-note' }, note) : null,
    );
  const rejectedMore = upload.rowsRejected - upload.rejected.length;
  return el(
    'section',
    {
      class: failed ? 'upload-report failed' : 'upload-report',
      'aria-labelledby': 'upload-report-heading',
      'data-testid': 'upload-report',
    },
    el(
      'h3',
      { id: 'upload-report-heading' },
      tr.t(failed ? 'upload.report.failed' : 'upload.report'),
      el('span', { class: 'file-name' }, upload.fileName),
    ),
    el(
      'dl',
      { class: 'stats' },
      figure('upload.rowsRead', upload.rowsRead, 'neutral'),
      figure(
        'upload.accepted',
        failed ? 0 : upload.rowsAccepted,
        failed ? 'neutral' : 'good',
        failed ? tr.t('upload.accepted.none') : undefined,
      ),
      figure(
        'upload.duplicates',
        upload.rowsDuplicate,
        'neutral',
        upload.rowsDuplicate > 0 ? tr.t('upload.duplicates.note') : undefined,
      ),
      figure('upload.rejected', upload.rowsRejected, upload.rowsRejected > 0 ? 'bad' : 'neutral'),
    ),
    upload.rejected.length > 0
      ? el(
          'div',
          { class: 'table-wrap' },
          el(
            'table',
            { class: 'rejected-table' },
            el('caption', {}, tr.t('upload.rejectedRows')),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { scope: 'col' }, tr.t('upload.line')),
                el('th', { scope: 'col' }, tr.t('upload.column')),
                el('th', { scope: 'col' }, tr.t('upload.reason')),
                el('th', { scope: 'col' }, tr.t('upload.originalRow')),
              ),
            ),
            el(
              'tbody',
              {},
              upload.rejected.map((row) =>
                el(
                  'tr',
                  {},
                  el('td', { class: 'num' }, tr.number(row.line)),
                  el('td', {}, row.column ?? '–'),
                  el('td', {}, rejectionReason(tr, row)),
                  el('td', { class: 'raw-row' }, row.raw ?? '–'),
                ),
              ),
            ),
          ),
        )
      : null,
    upload.rowsRejected > 0
      ? el(
          'p',
          { class: 'report-actions' },
          el(
            'a',
            {
              class: 'button-quiet download-link',
              href: rejectedCsvHref(actions.rejectedCsvUrl(upload.id), tr),
              download: '',
              'data-testid': 'rejected-csv',
            },
            tr.t('upload.downloadRejected', { count: tr.number(upload.rowsRejected) }),
          ),
          rejectedMore > 0
            ? el(
                'span',
                { class: 'muted' },
                tr.t('upload.rejectedMore', { count: tr.number(rejectedMore) }),
              )
            : null,
        )
      : null,
  );
}
