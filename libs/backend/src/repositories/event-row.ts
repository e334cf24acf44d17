/** How an event row is read back for mining: the selected columns and their decoding. */
import type { MiningEvent } from '@onetrip/mining';
import { escapeLiteral } from 'pg';

/** The columns read for mining, in the order rowToEvent expects. */
export const EVENT_COLUMNS = `case_id, activity, (extract(epoch FROM ts) * 1000)::bigint,
  (extract(epoch FROM start_ts) * 1000)::bigint, lifecycle, resource, citizen_key,
  service, channel, location, department, source_system`;

/**
 * EVENT_COLUMNS and, when `ticketAttribute` names one, the event attribute holding the queue
 * ticket number; then, when `promisedAttributes` are given, the first of them an event has
 * (a case's own time limit, 承诺办结时间 / 承诺时限), with NULL for the ticket when there is no
 * ticket attribute. Names are inlined with escapeLiteral: COPY takes no bind parameters.
 */
export function eventColumns(
  ticketAttribute?: string,
  promisedAttributes: readonly string[] = [],
): string {
  const ticket =
    ticketAttribute === undefined ? 'NULL' : `attributes ->> ${escapeLiteral(ticketAttribute)}`;
  if (promisedAttributes.length === 0) {
    return ticketAttribute === undefined ? EVENT_COLUMNS : `${EVENT_COLUMNS}, ${ticket}`;
  }
  const promised = promisedAttributes
    .map((name) => `nullif(attributes ->> ${escapeLiteral(name)}, '')`)
    .join(', ');
  return `${EVENT_COLUMNS}, ${ticket}, coalesce(${promised})`;
}

/** One row of eventColumns (COPY text fields, null for \\N) as a mining event. */
export function rowToEvent(f: (string | null)[]): MiningEvent {
  const event: MiningEvent = {
    caseId: f[0] ?? '',
    activity: f[1] ?? '',
    timestamp: Number(f[2]),
    startTimestamp: f[3] === null || f[3] === undefined ? null : Number(f[3]),
    lifecycle: f[4] ?? null,
    resource: f[5] ?? null,
    citizen: f[6] ?? null,
    service: f[7] ?? null,
    channel: f[8] ?? null,
    location: f[9] ?? null,
    department: f[10] ?? null,
    sourceSystem: f[11] ?? null,
  };
  if (f.length > 12 && f[12] !== null) event.ticket = f[12];
  else if (f.length > 12) event.ticket = null;
  if (f.length > 13 && f[13] !== null) event.promised = f[13];
  return event;
}
