/**
 * The exporter: normalized events → RFC 4180 CSV that `readEvents` reads back to the same
 * events with WRITER_MAPPING (instants are written as UTC ISO 8601 with milliseconds).
 */
import type { ColumnMapping } from '@onetrip/contracts';
import type { NormalizedEvent } from './types';

/** Column names the writer uses for every logical field, in output order. */
export const WRITER_MAPPING: Required<ColumnMapping> = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
  startTimestamp: 'start_timestamp',
  lifecycle: 'lifecycle',
  resource: 'resource',
  citizen: 'citizen',
  service: 'service',
  channel: 'channel',
  location: 'location',
  department: 'department',
  sourceSystem: 'source_system',
};

const FIELDS = Object.keys(WRITER_MAPPING) as (keyof ColumnMapping)[];
const RESERVED = new Set(Object.values(WRITER_MAPPING));

/** Quotes a field holding a quote, a line end, or any character the reader could take for a delimiter. */
function cell(v: string): string {
  return /[",;\t|\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function instant(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : new Date(ms).toISOString();
}

/** CSV lines (each ending in \n), header first. Attribute columns are the sorted union of keys. */
export function toCsvRows(events: readonly NormalizedEvent[]): string[] {
  const attrKeys = new Set<string>();
  for (const e of events) {
    for (const k of Object.keys(e.attributes)) {
      if (RESERVED.has(k))
        throw new RangeError(`writeCsv: attribute "${k}" collides with a field column`);
      attrKeys.add(k);
    }
  }
  const keys = [...attrKeys].sort();
  const lines = [[...FIELDS.map((f) => WRITER_MAPPING[f]), ...keys].map(cell).join(',') + '\n'];
  for (const e of events) {
    const row: string[] = [
      e.caseId,
      e.activity,
      instant(e.timestamp),
      instant(e.startTimestamp),
      e.lifecycle ?? '',
      e.resource ?? '',
      e.citizen ?? '',
      e.service ?? '',
      e.channel ?? '',
      e.location ?? '',
      e.department ?? '',
      e.sourceSystem ?? '',
      ...keys.map((k) => (Object.hasOwn(e.attributes, k) ? e.attributes[k] : '')),
    ];
    lines.push(row.map(cell).join(',') + '\n');
  }
  return lines;
}

/** The whole CSV text of `events`. */
export function writeCsv(events: readonly NormalizedEvent[]): string {
  return toCsvRows(events).join('');
}
