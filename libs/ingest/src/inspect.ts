/**
 * A first look at a file for the mapping dialog: its format, encoding, delimiter, column names
 * and a few rows of values, with a suggested mapping. Reads only as far as it needs.
 */
import type { ColumnMapping } from '@onetrip/contracts';
import { SaxesParser } from 'saxes';
import { detectDelimiter, tokenizeRecord } from './csv';
import { IngestError } from './errors';
import { suggestMapping } from './mapping';
import { asString } from './ndjson';
import { definedOnly, formatFromName, sniffFormat } from './read-events';
import { readText, type ReadState } from './source';
import { ATTRIBUTE_TAGS } from './xes';
import { xlsxSheets } from './xlsx';
import { DEFAULT_LIMITS, type IngestFormat, type IngestLimits } from './types';

export interface InspectOptions {
  file: string;
  format?: IngestFormat;
  encoding?: string;
  delimiter?: string;
  /** Rows of values to return (default 20). */
  rows?: number;
  limits?: Partial<IngestLimits>;
  /**
   * The source holds only the start of the file (the web app sends the first 64 KiB): a gzip
   * stream that stops short and a cut last line or XES element are expected, not errors.
   */
  prefix?: boolean;
  /** XLSX only: the sheet to describe (name or 1-based number); default the first with a value. */
  sheet?: string;
}

export interface FileInspection {
  format: IngestFormat;
  /** The bytes were gzip-compressed. */
  gzip: boolean;
  /** The encoding used (given or detected). */
  encoding: string;
  /** CSV only. */
  delimiter: string | null;
  /** CSV header; NDJSON keys in order of first appearance; XES event keys and `case:` trace keys. */
  columns: string[];
  /** Up to `rows` rows, aligned with `columns` ('' where a row has no value). */
  sample: string[][];
  /** suggestMapping(columns, sample); for XES, the XES defaults where those keys exist. */
  suggested: Partial<ColumnMapping>;
  /** XLSX only (else null): every sheet of the workbook, and the one described. */
  sheets: string[] | null;
  sheet: string | null;
}

/** Reads the start of a file and describes its columns. Fatal problems throw IngestError. */
export async function inspectFile(
  source: string | NodeJS.ReadableStream,
  options: InspectOptions,
): Promise<FileInspection> {
  const limit = options.rows ?? 20;
  const state: ReadState = {
    file: options.file,
    limits: { ...DEFAULT_LIMITS, ...definedOnly(options.limits ?? {}) },
    bytes: 0,
    gzip: false,
    encoding: 'utf-8',
  };
  if ((options.format ?? formatFromName(options.file)) === 'xlsx') {
    return inspectXlsx(source, options, state, limit);
  }
  const text = readText(source, state, options.encoding);
  let format: IngestFormat | null = options.format ?? formatFromName(options.file);
  let rows: Record<string, string>[] = [];
  let columns: string[] = [];
  let delimiter: string | null = null;
  let buf = '';
  let done = false;
  // One pass over the text, format decided on the first chunk.
  let xes: XesCollector | null = null;
  const prefix = options.prefix === true;
  try {
    for await (const chunk of text) {
      format ??= sniffFormat(chunk);
      if (format === 'xes') {
        xes ??= new XesCollector(options.file, limit);
        xes.write(chunk);
        done = xes.rows.length >= limit;
      } else {
        buf += chunk;
        done = countLines(buf) > limit + 1;
      }
      if (buf.length > state.limits.maxFieldLength * 4) done = true;
      if (done) break;
    }
  } catch (err) {
    // A prefix of a gzip file ends where the compressed stream is cut: read what came before.
    if (!(prefix && err instanceof IngestError && err.code === 'gzip-truncated')) throw err;
  } finally {
    await text.return(undefined);
  }
  if (format === null || (format !== 'xes' && buf.trim() === '')) {
    throw new IngestError({
      file: options.file,
      line: null,
      reason: 'the file is empty',
      code: 'empty-file',
    });
  }
  if (format === 'csv') {
    delimiter = options.delimiter ?? detectDelimiter(buf.slice(0, indexOrEnd(buf, '\n')));
    const records = csvRecords(buf, !done && !prefix, delimiter, limit + 1);
    columns = (records.shift() ?? []).map((h) => h.trim());
    rows = records.map((r) => Object.fromEntries(columns.map((c, k) => [c, r[k] ?? ''])));
  } else if (format === 'ndjson') {
    const seen = new Set<string>();
    for (const line of buf.split('\n')) {
      if (rows.length >= limit) break;
      const t = line.trim();
      if (t === '') continue;
      let o: unknown;
      try {
        o = JSON.parse(t);
      } catch {
        continue; // an incomplete last line, or a bad one: the import will report it
      }
      if (typeof o !== 'object' || o === null || Array.isArray(o)) continue;
      const row: Record<string, string> = {};
      for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
        seen.add(k);
        row[k] = asString(v) ?? '';
      }
      rows.push(row);
    }
    columns = [...seen];
  } else {
    const collector = xes ?? new XesCollector(options.file, limit);
    if (!done && !prefix) collector.close();
    rows = collector.rows;
    columns = collector.columns();
  }
  const sample = rows.slice(0, limit).map((r) => columns.map((c) => r[c] ?? ''));
  let suggested = suggestMapping(columns, sample);
  if (format === 'xes') {
    const has = (k: string): boolean => columns.includes(k);
    suggested = definedOnly({
      caseId: has('case:concept:name') ? 'case:concept:name' : suggested.caseId,
      activity: has('concept:name') ? 'concept:name' : suggested.activity,
      timestamp: has('time:timestamp') ? 'time:timestamp' : suggested.timestamp,
      lifecycle: has('lifecycle:transition') ? 'lifecycle:transition' : undefined,
      resource: has('org:resource') ? 'org:resource' : undefined,
    });
  }
  return {
    format,
    gzip: state.gzip,
    encoding: state.encoding,
    delimiter,
    columns,
    sample,
    suggested,
    sheets: null,
    sheet: null,
  };
}

/**
 * The sheets of a workbook and the chosen sheet's header and first rows. A workbook is read
 * whole-file (its directory is at the end), so `prefix` does not apply.
 */
async function inspectXlsx(
  source: string | NodeJS.ReadableStream,
  options: InspectOptions,
  state: ReadState,
  limit: number,
): Promise<FileInspection> {
  const book = await xlsxSheets(source, { file: options.file, state });
  let columns: string[] = [];
  const sample: string[][] = [];
  let chosen: string | null = null;
  try {
    outer: for await (const { sheet, rows } of book.rows(options.sheet)) {
      chosen = sheet;
      for (const r of rows) {
        if (chosen !== null && columns.length === 0) {
          columns = r.cells.map((h) => h.trim());
          continue;
        }
        sample.push(columns.map((_, k) => r.cells[k] ?? ''));
        if (sample.length >= limit) break outer;
      }
    }
  } finally {
    book.close();
  }
  if (chosen === null) {
    throw new IngestError({
      file: options.file,
      line: null,
      reason: 'the workbook has no sheet with a value in it',
      code: 'empty-file',
    });
  }
  return {
    format: 'xlsx',
    gzip: false,
    encoding: 'utf-8',
    delimiter: null,
    columns,
    sample,
    suggested: suggestMapping(columns, sample),
    sheets: book.sheets,
    sheet: chosen,
  };
}

function indexOrEnd(s: string, ch: string): number {
  const k = s.indexOf(ch);
  return k === -1 ? s.length : k;
}

function countLines(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\n'); k !== -1; k = s.indexOf('\n', k + 1)) n++;
  return n;
}

/** Up to `max` complete records of `s` (all of it when `final`). */
function csvRecords(s: string, final: boolean, delimiter: string, max: number): string[][] {
  const out: string[][] = [];
  const info = { newlines: 0, openField: 0, openStart: 0 };
  let i = 0;
  while (i < s.length && out.length < max) {
    const fields: string[] = [];
    const next = tokenizeRecord(s, i, final, delimiter.charCodeAt(0), fields, info);
    if (next === -1) break;
    if (!(fields.length === 1 && fields[0].trim() === '')) out.push(fields);
    if (next === -2) break;
    i = next;
  }
  return out;
}

/** Collects the attributes of the first events of an XES log (trace keys as `case:<key>`). */
class XesCollector {
  readonly rows: Record<string, string>[] = [];
  private readonly parser = new SaxesParser({ position: true });
  private readonly order = new Map<string, number>();
  /**
   * Attribute names the log declares in `<global scope="trace|event">`: its columns even when the
   * first bytes end before the first event (BPIC 2015 holds hundreds of kB of log-level meta data
   * first). Log-level attributes are not columns.
   */
  private readonly declared = new Map<string, number>();
  private globalScope: string | null = null;
  private trace: Record<string, string> = {};
  private event: Record<string, string> | null = null;
  private readonly stack: string[] = [];

  constructor(
    private readonly file: string,
    private readonly limit: number,
  ) {
    this.parser.on('doctype', (doctype) => {
      if (/<!ENTITY/i.test(doctype)) {
        throw new IngestError({
          file,
          line: this.parser.line,
          reason: 'the DOCTYPE declares entities; entity expansion is refused',
          code: 'entity-expansion',
        });
      }
    });
    this.parser.on('opentag', (tag) => {
      const parent = this.stack[this.stack.length - 1];
      if (tag.name === 'trace' && parent === 'log') this.trace = {};
      if (tag.name === 'event' && parent === 'trace') this.event = {};
      if (tag.name === 'global' && parent === 'log') {
        const scope = tag.attributes.scope;
        this.globalScope = typeof scope === 'string' ? scope : 'event';
      }
      if (ATTRIBUTE_TAGS.has(tag.name) && parent === 'global' && this.globalScope !== null) {
        const key = tag.attributes.key;
        if (
          typeof key === 'string' &&
          (this.globalScope === 'trace' || this.globalScope === 'event')
        ) {
          const name = this.globalScope === 'trace' ? `case:${key}` : key;
          if (!this.declared.has(name)) this.declared.set(name, this.declared.size);
        }
      }
      if (ATTRIBUTE_TAGS.has(tag.name) && (parent === 'trace' || parent === 'event')) {
        const key = tag.attributes.key;
        const value = tag.attributes.value ?? '';
        if (typeof key === 'string' && typeof value === 'string') {
          const name = parent === 'trace' ? `case:${key}` : key;
          if (!this.order.has(name)) this.order.set(name, this.order.size);
          if (parent === 'trace') this.trace[name] = value;
          else if (this.event !== null) this.event[name] = value;
        }
      }
      this.stack.push(tag.name);
    });
    this.parser.on('closetag', () => {
      const name = this.stack.pop();
      if (name === 'global') this.globalScope = null;
      if (name === 'event' && this.event !== null) {
        if (this.rows.length < this.limit) this.rows.push({ ...this.trace, ...this.event });
        this.event = null;
      }
    });
  }

  write(chunk: string): void {
    try {
      this.parser.write(chunk);
    } catch (err) {
      throw this.malformed(err);
    }
  }

  close(): void {
    try {
      this.parser.close();
    } catch (err) {
      throw this.malformed(err);
    }
  }

  /** The attributes seen on traces and events, then those only declared as globals. */
  columns(): string[] {
    return [...new Set([...this.order.keys(), ...this.declared.keys()])];
  }

  private malformed(err: unknown): IngestError {
    if (err instanceof IngestError) return err;
    const msg = err instanceof Error ? err.message : String(err);
    return new IngestError({
      file: this.file,
      line: this.parser.line,
      reason: `malformed XML: ${msg.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`,
      code: 'xml-malformed',
      cause: err,
    });
  }
}
