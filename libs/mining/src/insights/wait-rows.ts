import { compareStrings } from '../compare';
import type { Distribution } from '../distribution';
import { durationStats } from '../figures';
import type { WaitRow } from '../insights-types';

/** Waits by hall, department, …: most total waiting first ('' keys stand for none). */
export function waitRows(map: Map<string, Distribution>): WaitRow[] {
  return [...map]
    .map(([value, d]) => ({
      value: value === '' ? null : value,
      count: d.count,
      seconds: durationStats(d),
    }))
    .sort(
      (a, b) =>
        b.seconds.total - a.seconds.total ||
        b.count - a.count ||
        compareStrings(a.value ?? '', b.value ?? ''),
    );
}
