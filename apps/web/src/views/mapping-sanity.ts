/**
 * Mapping sanity in the upload dialog: the sample's per-column statistics (distinct values,
 * empty share, share read as a time), and warnings, before anything is stored, when the chosen
 * mapping is implausible. Pure functions of the preview and the mapping; the dialog redraws the
 * warnings on every change. The user may still upload.
 */
import type { ColumnStats, EventField, UploadPreviewDto } from '@onetrip/contracts';
import type { MessageKey, Translator } from '../i18n/i18n';
import { el } from './dom';

export interface MappingWarning {
  key: MessageKey;
  params: Record<string, string | number>;
}

/** Below this many sample rows the statistics say too little to warn about. */
const MIN_ROWS = 10;

export function mappingWarnings(
  preview: Pick<UploadPreviewDto, 'rows' | 'columnStats'>,
  mapping: Partial<Record<EventField, string>>,
): MappingWarning[] {
  const stats = new Map((preview.columnStats ?? []).map((s) => [s.column, s]));
  const rows = preview.rows.length;
  const of = (field: EventField): ColumnStats | undefined =>
    mapping[field] ? stats.get(mapping[field] ?? '') : undefined;
  const out: MappingWarning[] = [];
  const caseId = of('caseId');
  if (caseId && rows >= MIN_ROWS && (caseId.distinct <= 3 || caseId.distinct / rows < 0.05)) {
    out.push({
      key: 'upload.warn.caseFewValues',
      params: { column: caseId.column, distinct: caseId.distinct, rows },
    });
  }
  const time = of('timestamp');
  if (time && time.emptyShare < 1 && time.timestampShare < 0.8) {
    out.push({
      key: 'upload.warn.timestampUnreadable',
      params: { column: time.column, percent: Math.round((1 - time.timestampShare) * 100) },
    });
  }
  const start = of('startTimestamp');
  if (start?.times && time?.times) {
    let both = 0;
    let after = 0;
    for (let i = 0; i < start.times.length; i++) {
      const s = start.times[i];
      const t = time.times[i];
      if (s === null || s === undefined || t === null || t === undefined) continue;
      both += 1;
      if (s > t) after += 1;
    }
    if (both > 0 && after / both > 0.5) {
      out.push({
        key: 'upload.warn.startAfterComplete',
        params: {
          start: start.column,
          column: time.column,
          percent: Math.round((after / both) * 100),
        },
      });
    }
  }
  return out;
}

/** The warnings, as an alert list (empty when there are none). */
export function renderMappingWarnings(tr: Translator, warnings: readonly MappingWarning[]): Node[] {
  if (warnings.length === 0) return [];
  return [
    el(
      'div',
      { class: 'alert alert-warning', role: 'alert', 'data-testid': 'mapping-warnings' },
      el('strong', {}, tr.t('upload.warn.title')),
      el(
        'ul',
        {},
        warnings.map((w) => el('li', { 'data-warning': w.key }, tr.t(w.key, w.params))),
      ),
    ),
  ];
}

/** The sample's statistics per column, folded under the sample. */
export function renderColumnStats(
  tr: Translator,
  preview: Pick<UploadPreviewDto, 'rows' | 'columnStats'>,
): HTMLElement | null {
  const stats = preview.columnStats ?? [];
  if (stats.length === 0) return null;
  return el(
    'details',
    { class: 'column-stats', 'data-testid': 'column-stats' },
    el('summary', {}, tr.t('upload.stats', { rows: tr.number(preview.rows.length) })),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data-table' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, tr.t('upload.stats.column')),
            el('th', { scope: 'col', class: 'num' }, tr.t('upload.stats.distinct')),
            el('th', { scope: 'col', class: 'num' }, tr.t('upload.stats.empty')),
            el('th', { scope: 'col', class: 'num' }, tr.t('upload.stats.times')),
          ),
        ),
        el(
          'tbody',
          {},
          stats.map((s) =>
            el(
              'tr',
              { 'data-column': s.column },
              el('td', {}, s.column),
              el('td', { class: 'num' }, tr.number(s.distinct)),
              el('td', { class: 'num' }, tr.percent(s.emptyShare)),
              el('td', { class: 'num' }, tr.percent(s.timestampShare)),
            ),
          ),
        ),
      ),
    ),
  );
}
