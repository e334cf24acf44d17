/**
 * Hall queue exports with one row per ticket (取号时间, 叫号时间, 开始服务时间, 完成时间, 窗口):
 * each row becomes the events the mining contract pairs — a ticket, a call to the window, and
 * the service at the window (start and completion) — so such an export maps directly
 * (ReadOptions.ticketRows; docs/ingest.md). A row without a call time is a ticket never called:
 * the mining counts it as abandoned.
 */
import type { EventField, QueueActivities } from '@onetrip/contracts';
import {
  BLANK,
  CachedTimestamp,
  citizenValue,
  implausibleTime,
  quote,
  recordShape,
  rejected,
  setAttribute,
  type ParseContext,
} from './context';
import { IngestError } from './errors';
import { normalizeHeader } from './mapping';
import type { IngestRecord, NormalizedEvent } from './types';

/** The columns of a one-row-per-ticket export; each found from its header names when absent. */
export interface TicketRowColumns {
  /** Ticket number (票号): the events' case id. Default: the mapped caseId, else a header name. */
  ticket?: string;
  /** When the ticket was taken (required). */
  ticketAt?: string;
  calledAt?: string;
  serviceStart?: string;
  serviceEnd?: string;
  /** The window (窗口): the call's and the service's resource. */
  window?: string;
}

const HEADERS: Record<keyof TicketRowColumns | 'caseNumber', string[]> = {
  caseNumber: ['办件编号', '办件号', '办件流水号', '申办流水号', 'case_id', 'case id'],
  ticket: [
    '票号',
    '排队号',
    '号码',
    'ticket',
    'ticket_no',
    'ticket no',
    'ticket number',
    'ticket_id',
  ],
  ticketAt: ['取号时间', 'ticket time', 'ticket_time', 'ticket_at', 'issued_at', 'taken_at'],
  calledAt: ['叫号时间', 'call time', 'call_time', 'called_at', 'called'],
  serviceStart: ['开始服务时间', '服务开始时间', '开始办理时间', 'service start', 'service_start'],
  serviceEnd: [
    '完成时间',
    '服务结束时间',
    '办结时间',
    'service end',
    'service_end',
    'completed_at',
  ],
  window: ['窗口', '窗口号', '办理窗口', 'window', 'counter'],
};

/** The activities a row becomes, in the language of its ticket-time header. */
const ACTIVITIES = {
  zh: { ticket: '取号', called: '叫号', served: '窗口办理' },
  en: { ticket: 'Take queue ticket', called: 'Called to window', served: 'Served at window' },
} as const;

function headerIndex(
  normalized: readonly string[],
  key: keyof TicketRowColumns | 'caseNumber',
): number {
  for (const name of HEADERS[key]) {
    const k = normalized.indexOf(normalizeHeader(name));
    if (k >= 0) return k;
  }
  return -1;
}

function activityNames(ticketAtHeader: string): (typeof ACTIVITIES)['zh' | 'en'] {
  return /[\u3400-\u9fff]/.test(ticketAtHeader) ? ACTIVITIES.zh : ACTIVITIES.en;
}

/**
 * When `header` is that of a one-row-per-ticket export (a ticket time and a call time column
 * found by their names), the queue activities its rows become; else null. The upload preview
 * offers the ticket-rows layout on it (docs/ingest.md#one-row-per-ticket-queue-exports).
 */
export function ticketRowQueueActivities(header: readonly string[]): QueueActivities | null {
  const normalized = header.map(normalizeHeader);
  const ticketAt = headerIndex(normalized, 'ticketAt');
  if (ticketAt < 0 || headerIndex(normalized, 'calledAt') < 0) return null;
  const names = activityNames(header[ticketAt]);
  return { ticket: [names.ticket], call: [names.called], abandon: [] };
}

/** The column named like a ticket number (票号, ticket_no, …), or null. */
export function ticketNumberColumn(header: readonly string[]): string | null {
  const k = headerIndex(header.map(normalizeHeader), 'ticket');
  return k < 0 ? null : header[k];
}

/** Mapped fields a ticket row can carry besides its own columns (given names only). */
type PlainField = 'citizen' | 'service' | 'channel' | 'location' | 'department';

export class TicketRowMapper {
  private readonly ncol: number;
  private readonly col: Record<keyof TicketRowColumns, number>;
  private readonly plain: Record<PlainField, number>;
  private readonly attrIdx: number[];
  private readonly names: (typeof ACTIVITIES)['zh' | 'en'];
  readonly need: Uint8Array;
  private readonly ts: CachedTimestamp[];

  constructor(
    private readonly header: string[],
    private readonly ctx: ParseContext,
    columns: TicketRowColumns,
  ) {
    this.ncol = header.length;
    const normalized = header.map(normalizeHeader);
    const missing = (what: string, name: string | null): never => {
      throw new IngestError({
        file: ctx.file,
        line: 1,
        column: name,
        reason: `the ${what} column${name === null ? '' : ` "${name}"`} is missing; the header has ${header
          .slice(0, 30)
          .map((h) => JSON.stringify(h))
          .join(', ')}`,
        code: 'missing-column',
      });
    };
    const find = (key: keyof TicketRowColumns, given: string | undefined): number => {
      if (given !== undefined && given !== '') {
        const k = header.indexOf(given);
        return k >= 0 ? k : missing(key, given);
      }
      return headerIndex(normalized, key);
    };
    // The case id: the ticket column or mapped case id when given, else a case-number column
    // (办件编号: the export joins the case's other tables), else the ticket number (票号).
    const caseColumn = columns.ticket ?? ctx.mapping.caseId;
    const caseNumber = caseColumn === undefined ? headerIndex(normalized, 'caseNumber') : -1;
    this.col = {
      ticket: caseNumber >= 0 ? caseNumber : find('ticket', caseColumn),
      ticketAt: find('ticketAt', columns.ticketAt),
      calledAt: find('calledAt', columns.calledAt),
      serviceStart: find('serviceStart', columns.serviceStart),
      serviceEnd: find('serviceEnd', columns.serviceEnd),
      window: find('window', columns.window),
    };
    if (this.col.ticket < 0) missing('ticket number', null);
    if (this.col.ticketAt < 0) missing('ticket time', null);
    const plainIndex = (field: PlainField & EventField): number => {
      const name = ctx.mapping[field];
      if (name === undefined) return -1;
      const k = header.indexOf(name);
      return k >= 0 ? k : missing(field, name);
    };
    this.plain = {
      citizen: plainIndex('citizen'),
      service: plainIndex('service'),
      channel: plainIndex('channel'),
      location: plainIndex('location'),
      department: plainIndex('department'),
    };
    const mapped = new Set([...Object.values(this.col), ...Object.values(this.plain)]);
    this.attrIdx = ctx.keepAttributes ? header.map((_, k) => k).filter((k) => !mapped.has(k)) : [];
    this.need = new Uint8Array(this.ncol);
    for (const k of mapped) if (k >= 0) this.need[k] = 1;
    for (const k of this.attrIdx) this.need[k] = 1;
    this.names = activityNames(header[this.col.ticketAt]);
    this.ts = [0, 1, 2, 3].map(() => new CachedTimestamp(ctx.timezone));
  }

  private value(f: string[], k: number): string | null {
    if (k < 0) return null;
    const v = f[k].trim();
    return v === '' ? null : v;
  }

  /** A timestamp column: null when blank, undefined (after rejecting the row) when bad. */
  private instant(
    f: string[],
    k: number,
    which: number,
    line: number,
    out: IngestRecord[],
  ): number | null | undefined {
    const raw = this.value(f, k);
    if (raw === null) return null;
    const at = this.ts[which].parse(raw);
    if (at === null) {
      out.push(rejected(line, this.header[k], 'unparseable-timestamp', { value: quote(raw) }));
      return undefined;
    }
    const odd = implausibleTime(this.ctx, line, this.header[k], raw, at);
    if (odd !== null) {
      out.push(odd);
      return undefined;
    }
    return at;
  }

  map(f: string[], count: number, line: number, out: IngestRecord[], checkEncoding: boolean): void {
    const shape = recordShape(f, count, line, this.ncol, this.header, this.ctx, checkEncoding);
    if (shape !== null) {
      if (shape !== BLANK) out.push(shape);
      return;
    }
    const { col } = this;
    const caseId = this.value(f, col.ticket);
    if (caseId === null) {
      out.push(rejected(line, this.header[col.ticket], 'missing-ticket-number'));
      return;
    }
    const ticketAt = this.instant(f, col.ticketAt, 0, line, out);
    if (ticketAt === null) out.push(rejected(line, this.header[col.ticketAt], 'missing-timestamp'));
    if (ticketAt === null || ticketAt === undefined) return;
    const calledAt = this.instant(f, col.calledAt, 1, line, out);
    if (calledAt === undefined) return;
    const start = this.instant(f, col.serviceStart, 2, line, out);
    if (start === undefined) return;
    const end = this.instant(f, col.serviceEnd, 3, line, out);
    if (end === undefined) return;
    if (start !== null && end !== null && start > end) {
      out.push(rejected(line, this.header[col.serviceStart], 'service-start-after-end'));
      return;
    }
    const attributes: Record<string, string> = {};
    for (const k of this.attrIdx) if (f[k] !== '') setAttribute(attributes, this.header[k], f[k]);
    const window = this.value(f, col.window);
    const base = {
      caseId,
      startTimestamp: null,
      lifecycle: null,
      citizen: citizenValue(this.ctx, this.value(f, this.plain.citizen)),
      service: this.value(f, this.plain.service),
      // A queue ticket is taken in the hall: in person unless the export says otherwise.
      channel: this.value(f, this.plain.channel) ?? 'hall',
      location: this.value(f, this.plain.location),
      department: this.value(f, this.plain.department),
      sourceSystem: null,
    };
    const event = (
      activity: string,
      timestamp: number,
      extra: Partial<NormalizedEvent>,
    ): IngestRecord => ({
      kind: 'event',
      line,
      event: { ...base, activity, timestamp, resource: null, attributes, ...extra },
    });
    out.push(event(this.names.ticket, ticketAt, {}));
    if (calledAt !== null) out.push(event(this.names.called, calledAt, { resource: window }));
    if (end !== null) {
      out.push(event(this.names.served, end, { startTimestamp: start, resource: window }));
    }
  }
}
