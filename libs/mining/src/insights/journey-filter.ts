import { NONE, type EventStore } from '../event-store';
import type { InstanceBuffer } from '../instances';
import type { JourneyFilter } from '../insights-types';
import { normalizeChannel } from '../options';
import type { InsightColumns } from './columns';

export type JourneyPredicate = (buf: InstanceBuffer, lo: number, hi: number) => boolean;

/**
 * The predicate of a journey filter over one store (see JourneyFilter): value lists become
 * per-code flags, variants a set of code strings, so a journey is tested without strings.
 */
export function journeyPredicate(
  filter: JourneyFilter,
  store: EventStore,
  columns: InsightColumns,
): JourneyPredicate {
  const from = filter.from ?? -Infinity;
  const to = filter.to ?? Infinity;
  const flags = (
    values: readonly string[] | undefined,
    size: number,
    decode: (c: number) => string,
  ) => {
    if (values === undefined) return null;
    const set = new Set(values);
    return Uint8Array.from({ length: size }, (_, c) => (set.has(decode(c)) ? 1 : 0));
  };
  const services = flags(filter.services, columns.services.size, (c) => columns.services.decode(c));
  const departments = flags(filter.departments, columns.departments.size, (c) =>
    columns.departments.decode(c),
  );
  const locations = flags(filter.locations, store.locations.size, (c) => store.locations.decode(c));
  const channels = flags(filter.channels?.map(normalizeChannel), store.channels.size, (c) =>
    normalizeChannel(store.channels.decode(c)),
  );
  let variants: Set<string> | null = null;
  if (filter.variants !== undefined) {
    const codes = new Map<string, number>();
    for (let a = 0; a < store.activities.size; a += 1) codes.set(store.activities.decode(a), a);
    variants = new Set();
    for (const sequence of filter.variants) {
      // A sequence naming an activity the store has never seen matches no journey here.
      if (sequence.every((name) => codes.has(name))) {
        variants.add(sequence.map((name) => codes.get(name)).join(','));
      }
    }
  }
  const any = (
    column: Int32Array | null,
    ok: Uint8Array,
    buf: InstanceBuffer,
    lo: number,
    hi: number,
    byEvent: boolean,
  ) => {
    for (let k = lo; k < hi; k += 1) {
      const i = buf.sorted[k];
      const code = column === null ? NONE : byEvent ? (column[buf.order[i]] ?? NONE) : column[i];
      if (code !== NONE && ok[code] === 1) return true;
    }
    return false;
  };
  return (buf, lo, hi) => {
    const start = buf.startAt[buf.sorted[lo]];
    if (start < from || start >= to) return false;
    if (services && !any(columns.serviceOf, services, buf, lo, hi, true)) return false;
    if (departments && !any(columns.departmentOf, departments, buf, lo, hi, true)) return false;
    if (locations && !any(buf.location, locations, buf, lo, hi, false)) return false;
    if (channels && !any(buf.channel, channels, buf, lo, hi, false)) return false;
    if (variants) {
      let key = '';
      for (let k = lo; k < hi; k += 1) key += (k > lo ? ',' : '') + buf.activity[buf.sorted[k]];
      if (!variants.has(key)) return false;
    }
    return true;
  };
}
