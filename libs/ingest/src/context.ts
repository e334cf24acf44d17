import { rejectionMessage, type ColumnMapping, type TablePreset } from '@onetrip/contracts';
import { IngestError } from './errors';
import { isIdentifierName, PSEUDONYM_PREFIX, scrubIdentifiers } from './identifiers';
import type { ReadState } from './source';
import { parseTimestamp } from './timestamp';
import type { TicketRowColumns } from './ticket-rows';
import type { IngestRecord, IngestProgress, RejectionCode, RejectionParams } from './types';

/** Everything a format parser needs besides its text. */
export interface ParseContext {
  file: string;
  timezone: string;
  mapping: Partial<ColumnMapping>;
  keepAttributes: boolean;
  /** createPseudonymizer(options.pseudonymizeKey), when the citizen is to be pseudonymized. */
  pseudonymize: ((raw: string) => string) | null;
  delimiter: string | undefined;
  state: ReadState;
  /** Plausible event times (epoch ms, inclusive), fixed when the read starts. */
  earliest: number;
  latest: number;
  rows: number;
  onProgress: ((p: IngestProgress) => void) | undefined;
  /** CSV with one row per queue ticket (ticket-rows.ts), or null. */
  ticketRows: TicketRowColumns | null;
  /** CSV / .xlsx of a government table preset (presets.ts), or null. */
  preset: TablePreset | null;
}

export function reportProgress(ctx: ParseContext, batch: IngestRecord[]): void {
  ctx.rows += batch.length;
  if (ctx.onProgress) ctx.onProgress({ bytes: ctx.state.bytes, rows: ctx.rows });
}

/** A rejected row; its English reason is the code's message (one catalogue: @onetrip/contracts). */
export function rejected(
  line: number,
  column: string | null,
  code: RejectionCode,
  params: RejectionParams = {},
): IngestRecord {
  return {
    kind: 'rejected',
    line,
    column,
    reason: rejectionMessage(code, params, 'en'),
    code,
    params,
  };
}

/** Longest original row kept with a rejection (characters; the rest is cut, with an ellipsis). */
export const MAX_RAW_ROW_CHARS = 4000;

/**
 * Attaches the original row to a rejection (cut to MAX_RAW_ROW_CHARS, line end dropped), with its
 * identifiers pseudonymized (scrubIdentifiers): values shaped like resident IDs or phone numbers,
 * and `known` values (the row's citizen field and identifier columns, where the reader has them).
 */
export function withRaw(
  record: IngestRecord,
  raw: string,
  ctx: Pick<ParseContext, 'pseudonymize'>,
  known: readonly string[] = [],
): void {
  if (record.kind !== 'rejected') return;
  const line = scrubIdentifiers(raw.replace(/\r?\n$/, ''), known, (v) =>
    ctx.pseudonymize ? `${PSEUDONYM_PREFIX}${ctx.pseudonymize(v)}` : '[identifier]',
  );
  record.raw = line.length > MAX_RAW_ROW_CHARS ? `${line.slice(0, MAX_RAW_ROW_CHARS)}…` : line;
}

/**
 * The values of a split row that a stored rejection must not show raw: the mapped citizen
 * column's and those of columns named like identifiers (身份证号, 手机号, phone …).
 */
export function identifierValues(
  header: readonly string[],
  fields: readonly string[],
  mapping: Partial<ColumnMapping>,
): string[] {
  const out: string[] = [];
  for (let c = 0; c < header.length && c < fields.length; c++) {
    if (header[c] === mapping.citizen || isIdentifierName(header[c])) out.push(fields[c]);
  }
  return out;
}

/**
 * The rejection of a parsed time outside the plausible range (`earliest`..`latest`), or null when
 * it is inside: a 1960 or a 2099 in a service log is a typo or a misread column, not an event.
 */
export function implausibleTime(
  ctx: ParseContext,
  line: number,
  column: string | null,
  raw: string,
  ms: number,
): IngestRecord | null {
  if (ms >= ctx.earliest && ms <= ctx.latest) return null;
  const early = ms < ctx.earliest;
  const bound = isoOrRaw(early ? ctx.earliest : ctx.latest);
  return rejected(line, column, early ? 'timestamp-too-early' : 'timestamp-too-late', {
    value: quote(raw),
    parsed: isoOrRaw(ms),
    bound,
  });
}

function isoOrRaw(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

export function fieldTooLong(
  ctx: ParseContext,
  line: number,
  column: string | null,
  length: number,
): IngestError {
  return new IngestError({
    file: ctx.file,
    line,
    column,
    reason: `a field of ${length} characters exceeds the limit of ${ctx.state.limits.maxFieldLength}`,
    code: 'field-too-long',
  });
}

/** Shows a bad value in a reason without letting a huge or multi-line value flood the report. */
export function quote(v: string): string {
  const short = v.length > 60 ? `${v.slice(0, 60)}…` : v;
  return JSON.stringify(short);
}

/** Timestamp parser remembering its last input: consecutive rows often share a timestamp. */
export class CachedTimestamp {
  private lastRaw = '';
  private lastValue: number | null = null;
  constructor(private readonly timezone: string) {}
  parse(raw: string): number | null {
    if (raw === this.lastRaw) return this.lastValue;
    const v = parseTimestamp(raw, this.timezone);
    this.lastRaw = raw;
    this.lastValue = v;
    return v;
  }
}

export function citizenValue(ctx: ParseContext, v: string | null): string | null {
  if (v === null || v === '' || ctx.pseudonymize === null) return v;
  return ctx.pseudonymize(v);
}

/**
 * Sets an attribute as an own property, even for the key `__proto__` (which plain assignment
 * would treat as the prototype, losing the value).
 */
export function setAttribute(attributes: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(attributes, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    attributes[key] = value;
  }
}

/** recordShape's answer for a blank line (skipped, not rejected). */
export const BLANK = 'blank';

/**
 * What is wrong with a record before its fields are read, for every reader of CSV rows: BLANK for
 * a blank line, a rejection for the wrong number of fields or (with `checkEncoding`) a field with
 * undecodable bytes, null when it is fine.
 */
export function recordShape(
  f: string[],
  count: number,
  line: number,
  ncol: number,
  header: readonly string[],
  ctx: ParseContext,
  checkEncoding: boolean,
): IngestRecord | typeof BLANK | null {
  if (count !== ncol) {
    if (count === 1 && f[0] === '') return BLANK;
    return rejected(line, null, 'field-count', { expected: ncol, found: count });
  }
  if (checkEncoding) {
    for (let k = 0; k < count; k++) {
      if (f[k].indexOf('\uFFFD') !== -1) {
        return rejected(line, header[k], 'undecodable-bytes', { encoding: ctx.state.encoding });
      }
    }
  }
  return null;
}
