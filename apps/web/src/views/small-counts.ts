import type { MiningResult, Suppressible } from '@onetrip/contracts';
import type { Translator } from '../i18n/i18n';
import { el } from './dom';

/**
 * Small counts hidden by the api (docs/security.md#small-counts): a row marked `suppressed` has
 * its figures zeroed, and views show "< k" in their place, in charts, tables and CSV exports
 * alike. Results read by analysts carry no `suppression` and no suppressed rows.
 */

/** "< 5" for the result's k. */
export function smallCountText(tr: Translator, result: MiningResult): string {
  return tr.t('suppressed.cell', { k: result.suppression?.k ?? 0 });
}

/** A row's figure as text: "< k" when the row is suppressed, else the formatted figure. */
export function figureText(
  tr: Translator,
  result: MiningResult,
  row: Suppressible,
  text: () => string,
): string {
  return row.suppressed ? smallCountText(tr, result) : text();
}

/** A row's figure for a CSV export: "< k" when the row is suppressed, else the number. */
export function csvFigure(
  tr: Translator,
  result: MiningResult,
  row: Suppressible,
  value: number,
): string | number {
  return row.suppressed ? smallCountText(tr, result) : value;
}

/** The dashboard's note saying how many figures are hidden, or null when none are. */
export function suppressionNotice(tr: Translator, result: MiningResult): HTMLElement | null {
  const s = result.suppression;
  if (!s || s.hidden === 0) return null;
  return el(
    'p',
    { class: 'muted suppression-notice', role: 'note', 'data-testid': 'suppression-notice' },
    tr.t('suppressed.notice', { hidden: tr.number(s.hidden), k: s.k }),
  );
}
