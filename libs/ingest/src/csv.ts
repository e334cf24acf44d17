/**
 * A streaming CSV reader built for speed: rows without a quote character take a fast path
 * (`indexOf` for the line end, native `split` for the fields); rows with quotes go through a
 * small RFC 4180 tokenizer (doubled quotes, delimiters and newlines inside quotes). Line
 * endings LF or CRLF; a UTF-8 BOM is removed upstream. Line numbers are physical lines, a
 * record being numbered by the line it starts on.
 */
import { rejectionMessage, type EventField } from '@onetrip/contracts';
import {
  BLANK,
  CachedTimestamp,
  citizenValue,
  fieldTooLong,
  identifierValues,
  implausibleTime,
  quote,
  recordShape,
  rejected,
  reportProgress,
  setAttribute,
  withRaw,
  type ParseContext,
} from './context';
import { PresetRowMapper } from './presets';
import { TicketRowMapper } from './ticket-rows';
import { IngestError } from './errors';
import { CSV_DEFAULT_MAPPING, CSV_FALLBACK_MAPPING, XES_DEFAULT_MAPPING } from './mapping';
import type { IngestRecord, NormalizedEvent, RejectionParams } from './types';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const DELIMITER_CANDIDATES = [',', ';', '\t', '|'];
/** Shared by every event when attributes are not wanted: one allocation less per row. */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/** Where an incomplete record stopped: the field being read and where it began. */
interface OpenRecord {
  newlines: number;
  openField: number;
  openStart: number;
}

/** What the tokenizer enforces while it reads a record (see IngestLimits). */
export interface RecordLimits {
  maxFieldsPerRow: number;
  maxQuotedFieldLines: number;
  maxQuotedFieldChars: number;
}

/** tokenizeRecord: the text ends inside a quoted field (`final`); the fields read are kept. */
export const RECORD_UNTERMINATED = -2;
/** tokenizeRecord: a quoted field spans more lines or characters than the limits allow. */
export const RECORD_QUOTE_TOO_LONG = -3;
/** tokenizeRecord: the record has more fields than `maxFieldsPerRow`. */
export const RECORD_TOO_MANY_FIELDS = -4;

/**
 * Tokenizes one record that contains a quote, from `i`. Returns the index after its line
 * terminator, or -1 when the text ends before the record does (and `final` is false), or one of
 * the RECORD_* codes (`info.openField` / `openStart` then say which field and where it began).
 */
export function tokenizeRecord(
  s: string,
  i: number,
  final: boolean,
  delim: number,
  fields: string[],
  info: OpenRecord,
  limits?: RecordLimits,
): number {
  const n = s.length;
  let p = i;
  info.newlines = 0;
  /** The next newline at or after the scanned part of a quoted field (-1: none in `s`). */
  let nextNl = -2;
  for (;;) {
    const fieldStart = p;
    if (p < n && s.charCodeAt(p) === QUOTE) {
      let val = '';
      let q = p + 1;
      let spanned = 0;
      for (;;) {
        const close = s.indexOf('"', q);
        if (limits !== undefined) {
          // Count the newlines inside the quote so far: a quote left open by mistake would
          // otherwise swallow the rest of the file as one field.
          const to = close === -1 ? n : close;
          if (nextNl !== -1 && nextNl < q) nextNl = s.indexOf('\n', q);
          while (nextNl !== -1 && nextNl < to) {
            spanned++;
            nextNl = s.indexOf('\n', nextNl + 1);
          }
          if (
            spanned > 0 &&
            (spanned > limits.maxQuotedFieldLines || to - p - 1 > limits.maxQuotedFieldChars)
          ) {
            info.openField = fields.length;
            info.openStart = fieldStart;
            return RECORD_QUOTE_TOO_LONG;
          }
        }
        if (close === -1 || (close + 1 >= n && !final)) {
          info.openField = fields.length;
          info.openStart = fieldStart;
          if (close === -1 && final) {
            // Unterminated quote at the end of the file: keep what there is.
            val += s.slice(q);
            fields.push(val);
            info.newlines += countNewlines(val);
            return RECORD_UNTERMINATED;
          }
          return -1;
        }
        val += s.slice(q, close);
        if (close + 1 < n && s.charCodeAt(close + 1) === QUOTE) {
          val += '"';
          q = close + 2;
          continue;
        }
        p = close + 1;
        break;
      }
      // Text after the closing quote (`"a"b`) is kept, leniently, as part of the field.
      let q2 = p;
      while (q2 < n) {
        const c = s.charCodeAt(q2);
        if (c === delim || c === LF || c === CR) break;
        q2++;
      }
      if (q2 > p) {
        val += s.slice(p, q2);
        p = q2;
      }
      info.newlines += countNewlines(val);
      fields.push(val);
    } else {
      let q = p;
      while (q < n) {
        const c = s.charCodeAt(q);
        if (c === delim || c === LF) break;
        q++;
      }
      let end = q;
      if (q < n && s.charCodeAt(q) === LF && end > p && s.charCodeAt(end - 1) === CR) end--;
      else if (q === n && final && end > p && s.charCodeAt(end - 1) === CR) end--;
      fields.push(s.slice(p, end));
      p = q;
    }
    if (p >= n) {
      if (final) return n;
      info.openField = fields.length - 1;
      info.openStart = fieldStart;
      return -1;
    }
    const c = s.charCodeAt(p);
    if (c === delim) {
      p++;
      if (limits !== undefined && fields.length >= limits.maxFieldsPerRow) {
        info.openField = fields.length;
        info.openStart = p;
        return RECORD_TOO_MANY_FIELDS;
      }
      if (p >= n && !final) {
        info.openField = fields.length;
        info.openStart = p;
        return -1;
      }
      if (p >= n) {
        fields.push('');
        return n;
      }
      continue;
    }
    if (c === CR) {
      if (p + 1 < n) return s.charCodeAt(p + 1) === LF ? p + 2 : p + 1;
      if (final) return p + 1;
      info.openField = fields.length - 1;
      info.openStart = fieldStart;
      return -1;
    }
    return p + 1; // LF
  }
}

function countNewlines(v: string): number {
  let k = v.indexOf('\n');
  let count = 0;
  while (k !== -1) {
    count++;
    k = v.indexOf('\n', k + 1);
  }
  return count;
}

/** The delimiter occurring most often outside quotes in a header line (`,` on a tie or none). */
export function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITER_CANDIDATES) {
    let count = 0;
    let inQuotes = false;
    for (let k = 0; k < headerLine.length; k++) {
      const ch = headerLine[k];
      if (ch === '"') inQuotes = !inQuotes;
      else if (!inQuotes && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function tooManyFields(
  ctx: ParseContext,
  line: number,
  column: string | null,
  count: number,
): IngestError {
  return new IngestError({
    file: ctx.file,
    line,
    column,
    reason: `the row has more than ${ctx.state.limits.maxFieldsPerRow} fields (${count} read so far)`,
    code: 'too-many-fields',
  });
}

function blankFlood(ctx: ParseContext, line: number, run: number): IngestError {
  return new IngestError({
    file: ctx.file,
    line,
    reason: `${run} blank lines in a row, more than the limit of ${ctx.state.limits.maxBlankLines}`,
    code: 'empty-line-flood',
  });
}

function unterminated(
  kind: number,
  at: number,
  limits: Pick<RecordLimits, 'maxQuotedFieldLines' | 'maxQuotedFieldChars'>,
): { code: 'unterminated-quote' | 'quoted-field-too-long'; params: RejectionParams } {
  return kind === RECORD_UNTERMINATED
    ? { code: 'unterminated-quote', params: { at } }
    : {
        code: 'quoted-field-too-long',
        params: { at, lines: limits.maxQuotedFieldLines, chars: limits.maxQuotedFieldChars },
      };
}

/** Two columns of one name would silently lose one's values: the header must say which is which. */
function checkUniqueNames(ctx: ParseContext, header: string[], line: number): void {
  const seen = new Map<string, number>();
  for (let k = 0; k < header.length; k++) {
    const name = header[k];
    // Unnamed columns (a trailing delimiter) carry nothing anyone mapped; leave them be.
    if (name === '') continue;
    const first = seen.get(name);
    if (first !== undefined) {
      throw new IngestError({
        file: ctx.file,
        line,
        column: name,
        reason: `the header names "${name}" twice (columns ${first + 1} and ${k + 1}); rename one so that neither column's values are lost`,
        code: 'duplicate-header',
      });
    }
    seen.set(name, k);
  }
}

function isBlank(v: string): boolean {
  return v.length === 0 || (v.charCodeAt(0) <= 32 && v.trim().length === 0);
}

/** Turns CSV fields into records, with the column positions resolved once from the header. */
class CsvMapper {
  private readonly ncol: number;
  private readonly ci: number;
  private readonly ai: number;
  private readonly ti: number;
  private readonly si: number;
  private readonly lifecycle: number;
  private readonly resource: number;
  private readonly citizen: number;
  private readonly service: number;
  private readonly channel: number;
  private readonly location: number;
  private readonly department: number;
  private readonly sourceSystem: number;
  private readonly attrIdx: number[];
  /** 1 for the columns an event is built from; the fast path slices only those. */
  readonly need: Uint8Array;
  private readonly ts: CachedTimestamp;
  private readonly startTs: CachedTimestamp;

  constructor(
    private readonly header: string[],
    private readonly ctx: ParseContext,
  ) {
    this.ncol = header.length;
    const given = ctx.mapping;
    const find = (field: EventField, required: boolean): number => {
      const name = given[field] ?? (required ? CSV_DEFAULT_MAPPING[field] : undefined);
      if (name === undefined) return -1;
      let k = header.indexOf(name);
      if (k < 0 && required && given[field] === undefined) {
        k = header.indexOf((CSV_FALLBACK_MAPPING as Record<string, string>)[field] ?? '');
      }
      if (k < 0) {
        throw new IngestError({
          file: ctx.file,
          line: 1,
          column: name,
          reason: `the ${field} column "${name}"${
            required && given[field] === undefined
              ? ` (or "${(CSV_FALLBACK_MAPPING as Record<string, string>)[field]}")`
              : ''
          } is missing; the header has ${header
            .slice(0, 30)
            .map((h) => JSON.stringify(h))
            .join(', ')}${header.length > 30 ? ', …' : ''}`,
          code: 'missing-column',
        });
      }
      return k;
    };
    this.ci = find('caseId', true);
    this.ai = find('activity', true);
    this.ti = find('timestamp', true);
    this.si = find('startTimestamp', false);
    // An XES-style CSV (PM4Py export) also gets the XES lifecycle and resource defaults.
    const xesStyle = header[this.ci] === CSV_FALLBACK_MAPPING.caseId && given.caseId === undefined;
    const xesDefault = (field: 'lifecycle' | 'resource'): number =>
      given[field] === undefined && xesStyle
        ? header.indexOf(XES_DEFAULT_MAPPING[field] ?? '')
        : find(field, false);
    this.lifecycle = xesDefault('lifecycle');
    this.resource = xesDefault('resource');
    this.citizen = find('citizen', false);
    this.service = find('service', false);
    this.channel = find('channel', false);
    this.location = find('location', false);
    this.department = find('department', false);
    this.sourceSystem = find('sourceSystem', false);
    const mapped = new Set([
      this.ci,
      this.ai,
      this.ti,
      this.si,
      this.lifecycle,
      this.resource,
      this.citizen,
      this.service,
      this.channel,
      this.location,
      this.department,
      this.sourceSystem,
    ]);
    this.attrIdx = ctx.keepAttributes ? header.map((_, k) => k).filter((k) => !mapped.has(k)) : [];
    this.need = new Uint8Array(this.ncol);
    for (const k of mapped) if (k >= 0) this.need[k] = 1;
    for (const k of this.attrIdx) this.need[k] = 1;
    this.ts = new CachedTimestamp(ctx.timezone);
    this.startTs = new CachedTimestamp(ctx.timezone);
  }

  private opt(f: string[], k: number): string | null {
    if (k < 0) return null;
    const v = f[k];
    return v === '' ? null : v;
  }

  /** `f` holds `count` fields, of which only the needed ones (see `need`) must be filled. */
  map(f: string[], count: number, line: number, out: IngestRecord[], checkEncoding: boolean): void {
    const shape = recordShape(f, count, line, this.ncol, this.header, this.ctx, checkEncoding);
    if (shape !== null) {
      if (shape !== BLANK) out.push(shape);
      return;
    }
    const caseId = f[this.ci];
    if (isBlank(caseId)) {
      out.push(rejected(line, this.header[this.ci], 'missing-case-id'));
      return;
    }
    const activity = f[this.ai];
    if (isBlank(activity)) {
      out.push(rejected(line, this.header[this.ai], 'missing-activity'));
      return;
    }
    const rawTs = f[this.ti];
    if (isBlank(rawTs)) {
      out.push(rejected(line, this.header[this.ti], 'missing-timestamp'));
      return;
    }
    const timestamp = this.ts.parse(rawTs);
    if (timestamp === null) {
      out.push(
        rejected(line, this.header[this.ti], 'unparseable-timestamp', { value: quote(rawTs) }),
      );
      return;
    }
    const implausible = implausibleTime(this.ctx, line, this.header[this.ti], rawTs, timestamp);
    if (implausible !== null) {
      out.push(implausible);
      return;
    }
    let startTimestamp: number | null = null;
    if (this.si >= 0) {
      const raw = f[this.si];
      if (!isBlank(raw)) {
        startTimestamp = this.startTs.parse(raw);
        if (startTimestamp === null) {
          out.push(
            rejected(line, this.header[this.si], 'unparseable-timestamp', { value: quote(raw) }),
          );
          return;
        }
        const odd = implausibleTime(this.ctx, line, this.header[this.si], raw, startTimestamp);
        if (odd !== null) {
          out.push(odd);
          return;
        }
      }
    }
    const attributes: Record<string, string> = this.ctx.keepAttributes ? {} : NO_ATTRIBUTES;
    const idx = this.attrIdx;
    for (let k = 0; k < idx.length; k++) {
      const v = f[idx[k]];
      if (v !== '') setAttribute(attributes, this.header[idx[k]], v);
    }
    const event: NormalizedEvent = {
      caseId,
      activity,
      timestamp,
      startTimestamp,
      lifecycle: this.opt(f, this.lifecycle),
      resource: this.opt(f, this.resource),
      citizen: citizenValue(this.ctx, this.opt(f, this.citizen)),
      service: this.opt(f, this.service),
      channel: this.opt(f, this.channel),
      location: this.opt(f, this.location),
      department: this.opt(f, this.department),
      sourceSystem: this.opt(f, this.sourceSystem),
      attributes,
    };
    out.push({ kind: 'event', line, event });
  }
}

/** What turns the fields of one row into a record (an event or a rejected row). */
export interface RowMapper {
  /** 1 for the columns an event is built from. */
  readonly need: Uint8Array;
  map(f: string[], count: number, line: number, out: IngestRecord[], checkEncoding: boolean): void;
}

/**
 * The row mapper for a header read at `line`, after checking the header (unique names, at most
 * `maxColumns`): one place for every reader of rows with a header (CSV, XLSX).
 */
export function createRowMapper(header: string[], ctx: ParseContext, line: number): RowMapper {
  checkUniqueNames(ctx, header, line);
  if (header.length > ctx.state.limits.maxColumns) {
    throw new IngestError({
      file: ctx.file,
      line,
      reason: `the header has ${header.length} columns, more than the limit of ${ctx.state.limits.maxColumns}`,
      code: 'too-many-columns',
    });
  }
  if (ctx.preset) return new PresetRowMapper(header, ctx, ctx.preset);
  return ctx.ticketRows
    ? new TicketRowMapper(header, ctx, ctx.ticketRows)
    : new CsvMapper(header, ctx);
}

/** Parses CSV text into batches of records, one batch per chunk of text. */
export async function* parseCsv(
  text: AsyncIterable<string>,
  ctx: ParseContext,
): AsyncGenerator<IngestRecord[]> {
  const limits = ctx.state.limits;
  const maxField = limits.maxFieldLength;
  const maxFields = limits.maxFieldsPerRow;
  const recordLimits: RecordLimits = {
    maxFieldsPerRow: maxFields,
    maxQuotedFieldLines: limits.maxQuotedFieldLines,
    maxQuotedFieldChars: limits.maxQuotedFieldChars,
  };
  /** Consecutive blank lines so far. */
  let blankRun = 0;
  let buf = '';
  let line = 1;
  let delim = ctx.delimiter;
  if (delim !== undefined && delim.length !== 1) {
    throw new IngestError({
      file: ctx.file,
      line: null,
      reason: `the delimiter must be one character, not ${JSON.stringify(delim)}`,
      code: 'invalid-option',
    });
  }
  let delimCode = delim === undefined ? -1 : delim.charCodeAt(0);
  let mapper: RowMapper | null = null;
  let header: string[] | null = null;
  let dataRecords = 0;
  const fields: string[] = [];
  /** Reused by the fast path: the fields of the current row (unneeded ones left empty). */
  let row: string[] = [];
  let allColumns = new Uint8Array(0);
  const info: OpenRecord = { newlines: 0, openField: 0, openStart: 0 };

  const checkLengths = (f: string[], at: number): void => {
    for (let k = 0; k < f.length; k++) {
      if (f[k].length > maxField) {
        throw fieldTooLong(ctx, at, header ? (header[k] ?? null) : null, f[k].length);
      }
    }
  };

  /** Parses complete records of `s`; returns how much was consumed. */
  const consume = (s: string, final: boolean, out: IngestRecord[]): number => {
    const n = s.length;
    let i = 0;
    if (delim === undefined) {
      let nl = s.indexOf('\n');
      if (nl === -1) {
        if (!final) {
          if (n > maxField) {
            // A header line this long is a flood of delimiters or one huge field.
            const d = detectDelimiter(s);
            if (s.split(d, maxFields + 1).length > maxFields) {
              throw tooManyFields(ctx, 1, null, maxFields + 1);
            }
            throw fieldTooLong(ctx, 1, null, n);
          }
          return 0;
        }
        nl = n;
      }
      delim = detectDelimiter(s.slice(0, nl));
      delimCode = delim.charCodeAt(0);
    }
    const checkEncoding = s.indexOf('\uFFFD') !== -1;
    let nextQuote = -1;
    while (i < n) {
      let nl = s.indexOf('\n', i);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      if (nextQuote < i) {
        nextQuote = s.indexOf('"', i);
        if (nextQuote === -1) nextQuote = Number.MAX_SAFE_INTEGER;
      }
      let f: string[];
      let count: number;
      let next: number;
      let lines = 1;
      if (nextQuote >= nl) {
        let end = nl;
        if (end > i && s.charCodeAt(end - 1) === CR) end--;
        next = nl + 1;
        if (end === i) {
          if (++blankRun > limits.maxBlankLines) throw blankFlood(ctx, line, blankRun);
          line++;
          i = next;
          continue;
        }
        if (mapper === null) {
          f = s.slice(i, end).split(delim);
          count = f.length;
          if (count > maxFields) throw tooManyFields(ctx, line, null, count);
          if (end - i > maxField) checkLengths(f, line);
        } else {
          // Slice only the columns the events need; count the rest.
          const need = checkEncoding ? allColumns : mapper.need;
          const ncol = need.length;
          f = row;
          count = 0;
          let pos = i;
          for (;;) {
            let d = s.indexOf(delim, pos);
            if (d === -1 || d > end) d = end;
            if (d - pos > maxField) {
              throw fieldTooLong(ctx, line, (header as string[])[count] ?? null, d - pos);
            }
            if (count < ncol) row[count] = need[count] === 1 ? s.slice(pos, d) : '';
            if (++count > maxFields) throw tooManyFields(ctx, line, null, count);
            if (d >= end) break;
            pos = d + 1;
          }
        }
      } else {
        fields.length = 0;
        next = tokenizeRecord(s, i, final, delimCode, fields, info, recordLimits);
        if (next === RECORD_TOO_MANY_FIELDS)
          throw tooManyFields(ctx, line, null, fields.length + 1);
        if (next === RECORD_UNTERMINATED || next === RECORD_QUOTE_TOO_LONG) {
          // Reject the line the record starts on, and read on from the next line: a quote left
          // open must not swallow the rest of the file (every line is then an event or a
          // rejected row).
          const column = header ? (header[info.openField] ?? null) : null;
          const why = unterminated(next, info.openStart - i + 1, limits);
          if (header === null) {
            throw new IngestError({
              file: ctx.file,
              line,
              column,
              reason: rejectionMessage(why.code, why.params, 'en'),
              code: 'unterminated-quote',
            });
          }
          const open = rejected(line, column, why.code, why.params);
          const lineEnd = s.indexOf('\n', i);
          withRaw(open, s.slice(i, lineEnd === -1 ? n : lineEnd), ctx);
          out.push(open);
          dataRecords++;
          blankRun = 0;
          line++;
          i = nl >= n ? n : nl + 1;
          continue;
        }
        if (next === -1) {
          if (n - info.openStart > maxField) {
            throw fieldTooLong(
              ctx,
              line,
              header ? (header[info.openField] ?? null) : null,
              n - info.openStart,
            );
          }
          break;
        }
        f = fields;
        count = f.length;
        checkLengths(f, line);
        lines += info.newlines;
      }
      blankRun = 0;
      if (header === null) {
        header = f.map((h) => h.trim());
        row = new Array<string>(header.length).fill('');
        allColumns = new Uint8Array(header.length).fill(1);
        mapper = createRowMapper(header, ctx, line);
      } else {
        const before = out.length;
        (mapper as RowMapper).map(f, count, line, out, checkEncoding);
        if (out.length > before) {
          dataRecords++;
          // A rejected row keeps the line as it is in the file (rejections are rare: the slice
          // is taken only for them).
          for (let r = before; r < out.length; r++) {
            if (out[r].kind === 'rejected') {
              withRaw(out[r], s.slice(i, next), ctx, identifierValues(header, f, ctx.mapping));
            }
          }
        }
      }
      line += lines;
      i = next;
    }
    if (!final && n - i > maxField && i < n) {
      // A line without an end yet: find the field that is too long.
      fields.length = 0;
      const r = tokenizeRecord(s, i, false, delimCode, fields, info, recordLimits);
      if (r === RECORD_TOO_MANY_FIELDS) throw tooManyFields(ctx, line, null, fields.length + 1);
      if (r === -1 && n - info.openStart > maxField) {
        throw fieldTooLong(
          ctx,
          line,
          header ? (header[info.openField] ?? null) : null,
          n - info.openStart,
        );
      }
    }
    return i;
  };

  for await (const chunk of text) {
    buf = buf.length === 0 ? chunk : buf + chunk;
    const out: IngestRecord[] = [];
    const used = consume(buf, false, out);
    buf = used === 0 ? buf : buf.slice(used);
    if (out.length > 0 || ctx.onProgress) {
      reportProgress(ctx, out);
      if (out.length > 0) yield out;
    }
  }
  const out: IngestRecord[] = [];
  if (buf.length > 0) consume(buf, true, out);
  if (header === null) {
    throw new IngestError({
      file: ctx.file,
      line: null,
      reason: 'the file is empty (no header row)',
      code: 'empty-file',
    });
  }
  if (dataRecords === 0 && out.length === 0) {
    throw new IngestError({
      file: ctx.file,
      line: 1,
      reason: 'the file has a header row but no data rows',
      code: 'header-only',
    });
  }
  reportProgress(ctx, out);
  if (out.length > 0) yield out;
}
