/**
 * What the sample rows of a preview say about each column, so that the upload dialog can show it
 * and warn before storing when a mapping is implausible: distinct values, the share of empty
 * cells, the share of values that read as a timestamp, and those instants (for comparing a
 * start with a completion row by row). Over the sample only (up to 50 rows); the dialog says so.
 */
import type { ColumnStats } from '@onetrip/contracts';
import { parseTimestamp } from './timestamp';

export function columnStats(
  columns: readonly string[],
  sample: readonly (readonly string[])[],
  timezone = 'UTC',
): ColumnStats[] {
  return columns.map((column, k) => {
    const values = sample.map((row) => (row[k] ?? '').trim());
    const filled = values.filter((v) => v !== '');
    const times = values.map((v) => (v === '' ? null : parseTimestamp(v, timezone)));
    const parsed = times.filter((t) => t !== null).length;
    const rows = values.length;
    return {
      column,
      distinct: new Set(filled).size,
      emptyShare: rows === 0 ? 0 : (rows - filled.length) / rows,
      timestampShare: filled.length === 0 ? 0 : parsed / filled.length,
      ...(parsed > 0 ? { times } : {}),
    };
  });
}
