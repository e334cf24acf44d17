/**
 * The dataset's per-service time-limit table (docs/ingest.md#time-limits), in the Deadlines view:
 * a row per service to edit (saved with PATCH `deadlines`), or a CSV to upload in its place
 * (PUT …/deadlines/limits). Either way the dataset is mined again with the new limits.
 */
import type { DatasetDto, LimitUnit, ServiceLimit } from '@onetrip/contracts';
import type { MessageKey, Translator } from '../i18n/i18n';
import { el, replaceContent } from './dom';
import { errorBox } from './errors';

export interface DeadlineActions {
  /** Saves the dataset's deadline settings (PATCH); false when the api refused. */
  save: (limits: ServiceLimit[]) => Promise<boolean>;
  /** Puts a limit table CSV; the api's error when it refused, else null. */
  upload: (csv: string) => Promise<unknown>;
  /** Mines the dataset again with its new settings. */
  remine: () => void;
}

const UNITS: readonly LimitUnit[] = ['workdays', 'days', 'hours'];

/** The catalogue key of each unit's name. */
export const UNIT_KEYS = {
  workdays: 'deadlines.unit.workdays',
  days: 'deadlines.unit.days',
  hours: 'deadlines.unit.hours',
} as const satisfies Record<LimitUnit, MessageKey>;

/** A file's text: UTF-8 when it is valid UTF-8, else GB18030 (Chinese government exports). */
export async function limitFileText(file: Blob): Promise<string> {
  // FileReader rather than Blob.arrayBuffer: older browsers (and jsdom) lack the latter.
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** An amount cell: '' is none (null), else a number ≥ 0; undefined when it is not one. */
function amount(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function renderLimitsEditor(
  dataset: DatasetDto,
  tr: Translator,
  actions: DeadlineActions,
): HTMLElement {
  const status = el('div', { role: 'status', 'data-testid': 'limits-status', class: 'muted' });
  const body = el('tbody', {});
  const row = (limit: ServiceLimit | null): HTMLTableRowElement => {
    const input = (field: string, value: string, label: string, type = 'text') =>
      el('input', { type, value, 'data-field': field, 'aria-label': label, class: 'limit-input' });
    const unit = el(
      'select',
      { 'data-field': 'unit', 'aria-label': tr.t('deadlines.limits.unit') },
      UNITS.map((u) =>
        el(
          'option',
          { value: u, ...(limit?.unit === u ? { selected: 'selected' } : {}) },
          tr.t(UNIT_KEYS[u]),
        ),
      ),
    );
    return el(
      'tr',
      {},
      el('td', {}, input('service', limit?.service ?? '', tr.t('deadlines.limits.service'))),
      el('td', {}, input('code', limit?.code ?? '', tr.t('deadlines.limits.code'))),
      el(
        'td',
        {},
        input('promised', limit?.promised?.toString() ?? '', tr.t('deadlines.limits.promised')),
      ),
      el('td', {}, input('legal', limit?.legal?.toString() ?? '', tr.t('deadlines.limits.legal'))),
      el('td', {}, unit),
    );
  };
  for (const limit of dataset.deadlines?.limits ?? []) body.append(row(limit));
  body.append(row(null));

  const read = (): ServiceLimit[] | string => {
    const limits: ServiceLimit[] = [];
    const rows = [...body.querySelectorAll('tr')];
    for (const [i, tr_] of rows.entries()) {
      const value = (field: string) =>
        tr_.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${field}"]`)?.value ??
        '';
      const service = value('service').trim();
      const code = value('code').trim();
      if (service === '' && code === '') continue;
      const promised = amount(value('promised'));
      const legal = amount(value('legal'));
      if (promised === undefined || legal === undefined) {
        return tr.t('deadlines.limits.invalid', { row: String(i + 1) });
      }
      limits.push({
        service: service || code,
        code: code === '' || code === service ? null : code,
        promised,
        legal,
        unit: value('unit') as LimitUnit,
      });
    }
    return limits;
  };

  const saveButton = el(
    'button',
    {
      type: 'button',
      id: 'limits-save',
      onclick: () => {
        const limits = read();
        if (typeof limits === 'string') {
          replaceContent(status, document.createTextNode(limits));
          return;
        }
        saveButton.disabled = true;
        void actions.save(limits).then((ok) => {
          saveButton.disabled = false;
          replaceContent(
            status,
            document.createTextNode(
              tr.t(ok ? 'deadlines.limits.saved' : 'deadlines.limits.failed'),
            ),
          );
          if (ok) actions.remine();
        });
      },
    },
    tr.t('deadlines.limits.save'),
  );
  const file = el('input', {
    type: 'file',
    id: 'limits-file',
    accept: '.csv,text/csv',
    'aria-label': tr.t('deadlines.limits.upload'),
    onchange: () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      void limitFileText(chosen)
        .then((csv) => actions.upload(csv))
        .then((error) => {
          if (error === null) {
            replaceContent(status, document.createTextNode(tr.t('deadlines.limits.uploaded')));
            actions.remine();
          } else replaceContent(status, errorBox(error, tr, tr.t('deadlines.limits.failed')));
        });
    },
  });
  return el(
    'details',
    { class: 'card limits-editor', 'data-testid': 'limits-editor' },
    el('summary', {}, tr.t('deadlines.limits.title')),
    el('p', { class: 'muted' }, tr.t('deadlines.limits.hint')),
    el(
      'table',
      { class: 'data-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, tr.t('deadlines.limits.service')),
          el('th', {}, tr.t('deadlines.limits.code')),
          el('th', {}, tr.t('deadlines.limits.promised')),
          el('th', {}, tr.t('deadlines.limits.legal')),
          el('th', {}, tr.t('deadlines.limits.unit')),
        ),
      ),
      body,
    ),
    el(
      'div',
      { class: 'form-actions' },
      el(
        'button',
        { type: 'button', class: 'button-quiet', onclick: () => body.append(row(null)) },
        tr.t('deadlines.limits.addRow'),
      ),
      saveButton,
      el('label', { class: 'button-quiet file-label' }, tr.t('deadlines.limits.upload'), ' ', file),
    ),
    status,
  );
}
