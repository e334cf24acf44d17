import {
  DEFAULT_COLUMN_MAPPING,
  type ColumnMapping,
  type DatasetDto,
  type UploadDto,
} from '@onetrip/contracts';
import type { Translator } from '../i18n/i18n';
import { el, progressBar } from './dom';
import { errorBox } from './errors';
import type { UploadState } from './state';

export interface UploadRequest {
  file: File | null;
  /** Only set when it differs from the default column names. */
  mapping: ColumnMapping | undefined;
}

const MAPPED = ['caseId', 'activity', 'timestamp'] as const;
/** What the api reads (it picks the parser by file name; any of them may be gzipped). */
const ACCEPTED_FILES = '.csv,.tsv,.xes,.ndjson,.jsonl,.gz,text/csv';
const MAPPING_LABELS = {
  caseId: 'upload.mapping.caseId',
  activity: 'upload.mapping.activity',
  timestamp: 'upload.mapping.timestamp',
} as const;

/** The upload form: a CSV file and (folded away) the three required column names. */
export function renderUploadForm(
  dataset: DatasetDto,
  tr: Translator,
  submit: (request: UploadRequest) => void,
): HTMLFormElement {
  const initial = dataset.mapping ?? DEFAULT_COLUMN_MAPPING;
  const file = el('input', {
    id: 'upload-file',
    name: 'file',
    type: 'file',
    accept: ACCEPTED_FILES,
  });
  const inputs = Object.fromEntries(
    MAPPED.map((field) => [
      field,
      el('input', {
        id: `mapping-${field}`,
        type: 'text',
        value: initial[field],
        autocomplete: 'off',
        spellcheck: 'false',
      }),
    ]),
  ) as Record<(typeof MAPPED)[number], HTMLInputElement>;
  return el(
    'form',
    {
      class: 'upload-form',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const mapping: ColumnMapping = {
          ...initial,
          caseId: inputs.caseId.value.trim() || DEFAULT_COLUMN_MAPPING.caseId,
          activity: inputs.activity.value.trim() || DEFAULT_COLUMN_MAPPING.activity,
          timestamp: inputs.timestamp.value.trim() || DEFAULT_COLUMN_MAPPING.timestamp,
        };
        const isDefault =
          Object.keys(mapping).length === 3 &&
          MAPPED.every((field) => mapping[field] === DEFAULT_COLUMN_MAPPING[field]);
        submit({ file: file.files?.[0] ?? null, mapping: isDefault ? undefined : mapping });
      },
    },
    el('p', { class: 'muted' }, tr.t('upload.hint')),
    el(
      'div',
      { class: 'file-row' },
      el('label', { for: 'upload-file', class: 'visually-hidden' }, tr.t('upload.file')),
      file,
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
    ),
    el(
      'details',
      { class: 'mapping' },
      el('summary', {}, tr.t('upload.mapping')),
      el('p', { class: 'muted' }, tr.t('upload.mapping.hint')),
      el(
        'div',
        { class: 'mapping-grid' },
        MAPPED.map((field) =>
          el(
            'div',
            { class: 'field' },
            el('label', { for: `mapping-${field}` }, tr.t(MAPPING_LABELS[field])),
            inputs[field],
          ),
        ),
      ),
    ),
  );
}

export function renderUploadStatus(state: UploadState, tr: Translator): HTMLElement[] {
  switch (state.status) {
    case 'idle':
      return [];
    case 'uploading': {
      const share = state.total > 0 ? state.loaded / state.total : 0;
      return [
        progressBar(
          tr.t('upload.progress', { file: state.fileName }),
          share,
          `${tr.percent(share)} · ${formatBytes(state.loaded, tr)} / ${formatBytes(state.total, tr)}`,
        ),
      ];
    }
    case 'processing':
      return [progressBar(tr.t('upload.processing'), null)];
    case 'error':
      return [errorBox(state.error, tr, tr.t('upload.failed'))];
    case 'done':
      return [renderUploadReport(state.upload, tr)];
  }
}

function formatBytes(bytes: number, tr: Translator): string {
  if (bytes < 1024) return `${tr.number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${tr.number(bytes / 1024, { maximumFractionDigits: 1 })} KB`;
  return `${tr.number(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`;
}

export function renderUploadReport(upload: UploadDto, tr: Translator): HTMLElement {
  const figure = (
    key: 'upload.accepted' | 'upload.rejected' | 'upload.duplicates' | 'upload.rowsRead',
    value: number,
    tone: string,
  ) =>
    el(
      'div',
      { class: `stat stat-${tone}` },
      el('dt', {}, tr.t(key)),
      el('dd', {}, tr.number(value)),
    );
  return el(
    'section',
    {
      class: 'upload-report',
      'aria-labelledby': 'upload-report-heading',
      'data-testid': 'upload-report',
    },
    el(
      'h3',
      { id: 'upload-report-heading' },
      tr.t('upload.report'),
      el('span', { class: 'file-name' }, upload.fileName),
    ),
    upload.status === 'failed' && upload.error
      ? el(
          'div',
          { class: 'alert alert-error', role: 'alert' },
          el('span', { class: 'alert-icon', 'aria-hidden': 'true' }, '!'),
          el(
            'div',
            { class: 'alert-body' },
            el('p', {}, tr.t('upload.failed')),
            el('p', { class: 'alert-detail' }, upload.error),
          ),
        )
      : null,
    el(
      'dl',
      { class: 'stats' },
      figure('upload.rowsRead', upload.rowsRead, 'neutral'),
      figure('upload.accepted', upload.rowsAccepted, 'good'),
      figure('upload.rejected', upload.rowsRejected, upload.rowsRejected > 0 ? 'bad' : 'neutral'),
      figure('upload.duplicates', upload.rowsDuplicate, 'neutral'),
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
                  el('td', {}, row.reason),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
