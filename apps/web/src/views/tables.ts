import type { MiningResult } from '@onetrip/contracts';
import type { MessageKey, Translator } from '../i18n/i18n';
import { el } from './dom';
import { smallCountText } from './small-counts';

function table(
  caption: string,
  headers: { key: MessageKey; numeric?: boolean }[],
  rows: (string | { text: string; numeric: true })[][],
  tr: Translator,
): HTMLElement {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'data-table' },
      el('caption', {}, caption),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          headers.map((h) =>
            el('th', { scope: 'col', class: h.numeric ? 'num' : null }, tr.t(h.key)),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        rows.map((row) =>
          el(
            'tr',
            {},
            row.map((cell) =>
              typeof cell === 'string' ? el('td', {}, cell) : el('td', { class: 'num' }, cell.text),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * The map's numbers as tables (folded away): for screen readers, for checking a figure, and
 * for copying. Most frequent first.
 */
export function renderMapTables(result: MiningResult, tr: Translator): HTMLElement {
  const num = (value: number) => ({ text: tr.number(value), numeric: true as const });
  const dur = (seconds: number) => ({ text: tr.duration(seconds), numeric: true as const });
  const small = { text: smallCountText(tr, result), numeric: true as const };
  const activities = [...result.activities].sort(
    (a, b) => b.count - a.count || (a.activity < b.activity ? -1 : 1),
  );
  const edges = [...result.dfg].sort(
    (a, b) => b.count - a.count || (a.from + a.to < b.from + b.to ? -1 : 1),
  );
  return el(
    'details',
    { class: 'map-tables' },
    el('summary', {}, tr.t('map.table')),
    el(
      'div',
      { class: 'map-tables-grid' },
      table(
        tr.t('map.table.activities'),
        [{ key: 'map.table.activity' }, { key: 'map.table.count', numeric: true }],
        activities.map((a) => [a.activity, num(a.count)]),
        tr,
      ),
      table(
        tr.t('map.table.transitions'),
        [
          { key: 'map.table.from' },
          { key: 'map.table.to' },
          { key: 'map.table.count', numeric: true },
          { key: 'map.table.mean', numeric: true },
          { key: 'map.table.median', numeric: true },
        ],
        edges.map((e) => [
          e.from,
          e.to,
          num(e.count),
          e.suppressed ? small : dur(e.durationSeconds.mean),
          e.suppressed ? small : dur(e.durationSeconds.median),
        ]),
        tr,
      ),
    ),
  );
}
