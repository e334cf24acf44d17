/**
 * The upload dialog's table choice (docs/ingest.md#government-tables): an event log, or a table
 * read by its preset — the hall queue export (one row per ticket) and the GB/T 39046 case,
 * process and special-procedure tables and 12345 work orders, each row becoming several events
 * of its case. The preview suggests the one the column names look like; the clerk may change it.
 */
import type { TablePreset, UploadLayout, UploadPreviewDto } from '@onetrip/contracts';
import type { MessageKey, Translator } from '../i18n/i18n';
import type { UploadDraft } from '../store/state';
import { el } from './dom';
import { layoutFor } from './queue-activities';

/** The table presets (TABLE_PRESETS of @onetrip/contracts, which the bundle must not import). */
export const WEB_TABLE_PRESETS = [
  'gbt-case',
  'gbt-process',
  'gbt-special-procedure',
  'work-order-12345',
] as const satisfies readonly TablePreset[];

/** Every layout, in menu order. */
const LAYOUTS: readonly UploadLayout[] = ['events', 'ticket-rows', ...WEB_TABLE_PRESETS];

export function isWebTablePreset(layout: UploadLayout): layout is TablePreset {
  return (WEB_TABLE_PRESETS as readonly string[]).includes(layout);
}

const LABELS: Record<UploadLayout, MessageKey> = {
  events: 'upload.preset.events',
  'ticket-rows': 'upload.preset.ticket-rows',
  'gbt-case': 'upload.preset.gbt-case',
  'gbt-process': 'upload.preset.gbt-process',
  'gbt-special-procedure': 'upload.preset.gbt-special-procedure',
  'work-order-12345': 'upload.preset.work-order-12345',
};

const ROWS: Record<UploadLayout, MessageKey> = {
  events: 'upload.preset.rows.events',
  'ticket-rows': 'upload.preset.rows.ticket-rows',
  'gbt-case': 'upload.preset.rows.gbt-case',
  'gbt-process': 'upload.preset.rows.gbt-process',
  'gbt-special-procedure': 'upload.preset.rows.gbt-special-procedure',
  'work-order-12345': 'upload.preset.rows.work-order-12345',
};

/** Whether the file can be read by a preset at all (CSV and .xlsx). */
export function offersPresets(preview: UploadPreviewDto): boolean {
  return preview.format === 'csv' || preview.format === 'xlsx';
}

export interface UploadPresetSection {
  node: HTMLElement | null;
  /** Shows the draft's layout again (after the queue section's switch changed it). */
  sync(): void;
}

/** The table select; `changed` is called after the draft's layout changed. */
export function renderUploadPreset(
  preview: UploadPreviewDto,
  getDraft: () => UploadDraft,
  tr: Translator,
  change: (patch: Partial<UploadDraft>) => void,
  changed: () => void,
): UploadPresetSection {
  if (!offersPresets(preview)) return { node: null, sync: () => undefined };
  const rows = el('p', { class: 'muted', id: 'upload-preset-rows' });
  const select = el(
    'select',
    {
      id: 'upload-preset',
      'data-focus': 'upload-preset',
      'aria-describedby': 'upload-preset-rows',
      onchange: () => {
        change({ layout: select.value as UploadLayout });
        sync();
        changed();
      },
    },
    LAYOUTS.map((layout) =>
      el(
        'option',
        { value: layout, selected: layoutFor(preview, getDraft()) === layout },
        tr.t(LABELS[layout]),
      ),
    ),
  );
  function sync(): void {
    const layout = layoutFor(preview, getDraft());
    select.value = layout;
    rows.textContent = tr.t(ROWS[layout]);
  }
  sync();
  const node = el(
    'fieldset',
    { class: 'upload-preset', 'data-testid': 'upload-preset' },
    el('legend', {}, el('label', { for: 'upload-preset' }, tr.t('upload.preset'))),
    el('p', { class: 'muted' }, tr.t('upload.preset.hint')),
    select,
    preview.suggestedLayout === 'events'
      ? null
      : el('p', { class: 'muted preset-detected' }, tr.t('upload.preset.detected')),
    rows,
  );
  return { node, sync };
}
