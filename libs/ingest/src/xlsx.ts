/**
 * Excel workbooks (.xlsx, Office Open XML). An .xlsx is a zip: yauzl reads its central
 * directory and inflates one entry at a time, and saxes scans each entry's XML as it inflates,
 * so a sheet is never held whole (docs/decisions/0011-xlsx-streamed-with-yauzl-and-saxes.md).
 * The shared-strings table is held (every cell refers into it) but bounded by
 * `maxSharedStringChars`. Every entry is bounded like gzip: absolute size and ratio.
 *
 * Rows become fields under the first non-empty row (the header), and go through the CSV row
 * mapper: the same mapping, timestamp parsing and row problems, each row problem naming the
 * sheet and the cell (`sheet "Orders", cell C7: …`). Cells with a date number format hold
 * Excel serial days (1900 or 1904 system) without a zone: they become `YYYY-MM-DD HH:mm:ss`
 * text, read in the upload's time zone like any text timestamp.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import * as yauzl from 'yauzl';
import { createRowMapper, type RowMapper } from './csv';
import { identifierValues, quote, reportProgress, withRaw, type ParseContext } from './context';
import { IngestError } from './errors';
import type { IngestRecord } from './types';

/** What reading a workbook needs of the parse context. */
type XlsxContext = Pick<ParseContext, 'file' | 'state'>;

export interface XlsxSheetInfo {
  name: string;
  /** Zip entry of the sheet's XML. */
  path: string;
}

interface Workbook {
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
  sheets: XlsxSheetInfo[];
  date1904: boolean;
  /** Per cell style index (`s`), whether its number format is a date. */
  dateStyles: boolean[];
  sharedStrings: string[];
}

/** Excel's built-in date and time number formats (ECMA-376 18.8.30, with the CJK ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

const MS_PER_DAY = 86_400_000;
/** Serial day 0 of the 1900 system as Excel counts after 1900-03-01 (it thinks 1900 was leap). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function xlsxError(
  file: string,
  reason: string,
  code: 'xlsx-malformed' | 'sheet-not-found',
): IngestError {
  return new IngestError({ file, line: null, reason, code });
}

/** True when a custom number format shows a date or a time (d, m, y, h, s outside literals). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .split(';')[0];
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** The serial day `serial` as zone-less local text (`YYYY-MM-DD HH:mm:ss[.SSS]`). */
export function serialToText(serial: number, date1904: boolean): string {
  let days = serial;
  // 1900 system: serials below 61 count from 1899-12-31 (Excel's phantom 1900-02-29 is 60).
  if (!date1904 && days < 61) days += 1;
  const ms = Math.round(days * MS_PER_DAY) + (date1904 ? EPOCH_1904 : EPOCH_1900);
  const iso = new Date(ms).toISOString(); // the instant's UTC fields are the local wall time
  const frac = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac === '000' ? '' : `.${frac}`}`;
}

/** Column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnLetters(k: number): string {
  let s = '';
  for (let n = k + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

/** 0-based column index of a cell reference like `AB12`, or -1. */
function columnIndex(ref: string): number {
  let k = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    k = k * 26 + (c - 64);
  }
  return i === 0 ? -1 : k - 1;
}

function openZip(source: string): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile): void => {
      if (err || !zip) reject(err ?? new Error('no zip'));
      else resolve(zip);
    };
    yauzl.open(source, options, done);
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const out = new Map<string, yauzl.Entry>();
  return new Promise((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      out.set(e.fileName.replace(/^\//, ''), e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(out));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/**
 * A workbook sent as a stream is spooled to a temporary file first (a zip's directory is at its
 * end), at most `max` bytes; the caller removes the folder when done.
 */
async function spool(
  stream: NodeJS.ReadableStream,
  max: number,
  file: string,
): Promise<{ path: string; remove: () => void }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'onetrip-xlsx-'));
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  const target = path.join(dir, 'workbook.xlsx');
  let n = 0;
  try {
    await pipeline(
      stream as AsyncIterable<Buffer | string>,
      async function* (chunks: AsyncIterable<Buffer | string>) {
        for await (const chunk of chunks) {
          const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          n += b.length;
          if (n > max) {
            throw new IngestError({
              file,
              line: null,
              reason: `the workbook is larger than the limit of ${max} bytes`,
              code: 'decompressed-too-large',
            });
          }
          yield b;
        }
      },
      createWriteStream(target),
    );
  } catch (err) {
    remove();
    throw err;
  }
  return { path: target, remove };
}

/**
 * Scans one zip entry's XML, inflating it as it goes, with the zip-bomb limits: at most
 * `maxDecompressedBytes`, and at most `maxDecompressionRatio` times the entry's compressed size
 * once past `decompressionRatioFreeBytes`. A DOCTYPE is refused: Office never writes one.
 */
async function* scanEntry(
  wb: Pick<Workbook, 'zip' | 'entries'>,
  path: string,
  ctx: XlsxContext,
  handlers: (p: SaxesParser) => void,
  /** Called after every inflated chunk; a generator may yield what the handlers collected. */
): AsyncGenerator<void> {
  const entry = wb.entries.get(path);
  if (entry === undefined)
    throw xlsxError(ctx.file, `the workbook has no ${path}`, 'xlsx-malformed');
  const limits = ctx.state.limits;
  const stream = await new Promise<Readable>((resolve, reject) =>
    wb.zip.openReadStream(entry, (err, s) =>
      err || !s ? reject(err ?? new Error('no stream')) : resolve(s),
    ),
  );
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    throw new IngestError({
      file: ctx.file,
      line: null,
      reason: `${path} declares a DOCTYPE; entity declarations are refused`,
      code: 'entity-expansion',
    });
  });
  handlers(parser);
  let out = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      out += chunk.length;
      ctx.state.bytes += chunk.length;
      if (out > limits.maxDecompressedBytes) {
        throw new IngestError({
          file: ctx.file,
          line: null,
          reason: `${path} expands beyond the limit of ${limits.maxDecompressedBytes} bytes`,
          code: 'decompressed-too-large',
        });
      }
      if (
        out > limits.decompressionRatioFreeBytes &&
        out > limits.maxDecompressionRatio * Math.max(1, entry.compressedSize)
      ) {
        throw new IngestError({
          file: ctx.file,
          line: null,
          reason:
            `${path} expands more than ${limits.maxDecompressionRatio} times ` +
            `(${entry.compressedSize} compressed bytes gave ${out} bytes and counting)`,
          code: 'decompression-ratio',
        });
      }
      parser.write(chunk.toString('utf8'));
      yield;
    }
    parser.close();
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw xlsxError(
      ctx.file,
      `${path} is not a readable part of an .xlsx (${err instanceof Error ? err.message : String(err)})`,
      'xlsx-malformed',
    );
  } finally {
    stream.destroy();
  }
}

async function drain(it: AsyncGenerator<void>): Promise<void> {
  for await (const _ of it) void _;
}

function attr(tag: SaxesTagPlain, name: string): string | undefined {
  const v = tag.attributes[name];
  return typeof v === 'string' ? v : undefined;
}

/** Target of a relationship, as a zip path (relative to xl/ unless absolute). */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

async function openWorkbook(
  source: string | NodeJS.ReadableStream,
  ctx: XlsxContext,
): Promise<Workbook> {
  let zip: yauzl.ZipFile;
  let remove = (): void => undefined;
  try {
    let at: string;
    if (typeof source === 'string') at = source;
    else {
      const spooled = await spool(source, ctx.state.limits.maxDecompressedBytes, ctx.file);
      at = spooled.path;
      remove = spooled.remove;
    }
    zip = await openZip(at);
  } catch (err) {
    remove();
    if (err instanceof IngestError) throw err;
    throw xlsxError(
      ctx.file,
      `not a readable .xlsx workbook (${err instanceof Error ? err.message : String(err)})`,
      'xlsx-malformed',
    );
  }
  zip.on('close', remove);
  try {
    return await readParts(zip, ctx);
  } catch (err) {
    zip.close(); // and the spooled copy is removed
    throw err;
  }
}

/** The workbook's directory, sheets, date system, date styles and shared strings. */
async function readParts(zip: yauzl.ZipFile, ctx: XlsxContext): Promise<Workbook> {
  const entries = await listEntries(zip);
  const wb: Workbook = {
    zip,
    entries,
    sheets: [],
    date1904: false,
    dateStyles: [],
    sharedStrings: [],
  };
  const rels = new Map<string, string>();
  if (entries.has('xl/_rels/workbook.xml.rels')) {
    await drain(
      scanEntry(wb, 'xl/_rels/workbook.xml.rels', ctx, (p) =>
        p.on('opentag', (t) => {
          const id = attr(t, 'Id');
          const target = attr(t, 'Target');
          if (t.name === 'Relationship' && id && target) rels.set(id, resolveTarget(target));
        }),
      ),
    );
  }
  await drain(
    scanEntry(wb, 'xl/workbook.xml', ctx, (p) =>
      p.on('opentag', (t) => {
        if (t.name === 'workbookPr') {
          const v = attr(t, 'date1904');
          wb.date1904 = v === '1' || v === 'true';
        } else if (t.name === 'sheet') {
          const name = attr(t, 'name') ?? '';
          const rid = attr(t, 'r:id');
          const path = (rid && rels.get(rid)) ?? `xl/worksheets/sheet${wb.sheets.length + 1}.xml`;
          wb.sheets.push({ name, path });
        }
      }),
    ),
  );
  if (entries.has('xl/styles.xml')) await readStyles(wb, ctx);
  if (entries.has('xl/sharedStrings.xml')) await readSharedStrings(wb, ctx);
  return wb;
}

async function readStyles(wb: Workbook, ctx: XlsxContext): Promise<void> {
  const custom = new Map<number, boolean>();
  let inCellXfs = false;
  await drain(
    scanEntry(wb, 'xl/styles.xml', ctx, (p) => {
      p.on('opentag', (t) => {
        if (t.name === 'numFmt') {
          custom.set(Number(attr(t, 'numFmtId')), isDateFormat(attr(t, 'formatCode') ?? ''));
        } else if (t.name === 'cellXfs') inCellXfs = true;
        else if (t.name === 'xf' && inCellXfs) {
          const id = Number(attr(t, 'numFmtId') ?? '0');
          wb.dateStyles.push(custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
        }
      });
      p.on('closetag', (t) => {
        if (t.name === 'cellXfs') inCellXfs = false;
      });
    }),
  );
}

async function readSharedStrings(wb: Workbook, ctx: XlsxContext): Promise<void> {
  const max = ctx.state.limits.maxSharedStringChars;
  let total = 0;
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  await drain(
    scanEntry(wb, 'xl/sharedStrings.xml', ctx, (p) => {
      p.on('opentag', (t) => {
        if (t.name === 'si') current = '';
        else if (t.name === 't' && !inPhonetic) inText = true;
        else if (t.name === 'rPh') inPhonetic = true;
      });
      p.on('text', (s) => {
        if (!inText || current === null) return;
        current += s;
        total += s.length;
        if (total > max) {
          throw new IngestError({
            file: ctx.file,
            line: null,
            reason: `the shared strings of the workbook exceed the limit of ${max} characters`,
            code: 'field-too-long',
          });
        }
      });
      p.on('closetag', (t) => {
        if (t.name === 't') inText = false;
        else if (t.name === 'rPh') inPhonetic = false;
        else if (t.name === 'si') {
          wb.sharedStrings.push(current ?? '');
          current = null;
        }
      });
    }),
  );
}

/** The chosen sheet: by name, else by 1-based number; undefined = the first non-empty one. */
function chooseSheets(wb: Workbook, sheet: string | undefined, file: string): XlsxSheetInfo[] {
  if (sheet === undefined || sheet === '') return wb.sheets;
  const named = wb.sheets.find((s) => s.name === sheet);
  if (named) return [named];
  if (/^\d+$/.test(sheet)) {
    const k = Number(sheet);
    if (k >= 1 && k <= wb.sheets.length) return [wb.sheets[k - 1]];
  }
  throw xlsxError(
    file,
    `the workbook has no sheet ${quote(sheet)}; its sheets are ${wb.sheets.map((s) => quote(s.name)).join(', ')}`,
    'sheet-not-found',
  );
}

/** One row of a sheet: its 1-based row number and its cell texts by 0-based column. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** The rows of one sheet with a value in at least one cell, as they inflate. */
async function* sheetRows(
  wb: Workbook,
  sheet: XlsxSheetInfo,
  ctx: XlsxContext,
): AsyncGenerator<SheetRow[]> {
  const maxField = ctx.state.limits.maxFieldLength;
  const maxFields = ctx.state.limits.maxFieldsPerRow;
  let batch: SheetRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let nonEmpty = false;
  let col = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inValue = false;
  let inInline = false;
  let inPhonetic = false;
  const where = (): string => `sheet ${quote(sheet.name)}, cell ${columnLetters(col)}${rowNumber}`;
  const scan = scanEntry(wb, sheet.path, ctx, (p) => {
    p.on('opentag', (t) => {
      switch (t.name) {
        case 'row': {
          const r = attr(t, 'r');
          rowNumber = r === undefined ? rowNumber + 1 : Number(r);
          cells = [];
          nonEmpty = false;
          col = -1;
          break;
        }
        case 'c': {
          const ref = attr(t, 'r');
          col = ref === undefined ? col + 1 : columnIndex(ref);
          if (col >= maxFields) {
            throw new IngestError({
              file: ctx.file,
              line: rowNumber,
              reason: `${where()} is beyond the limit of ${maxFields} fields per row`,
              code: 'too-many-fields',
            });
          }
          type = attr(t, 't') ?? 'n';
          style = Number(attr(t, 's') ?? '0');
          value = '';
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (inInline && !inPhonetic) inValue = true;
          break;
      }
    });
    p.on('text', (s) => {
      if (!inValue) return;
      value += s;
      if (value.length > maxField) {
        throw new IngestError({
          file: ctx.file,
          line: rowNumber,
          reason: `${where()} is longer than the limit of ${maxField} characters`,
          code: 'field-too-long',
        });
      }
    });
    p.on('closetag', (t) => {
      switch (t.name) {
        case 'v':
        case 't':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c': {
          const text = cellText(type, style, value);
          if (text !== '') {
            while (cells.length < col) cells.push('');
            cells[col] = text;
            nonEmpty = true;
          }
          break;
        }
        case 'row':
          if (nonEmpty) batch.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
          break;
      }
    });
  });
  const cellText = (t: string, s: number, v: string): string => {
    if (t === 's') {
      const k = Number(v);
      const str = wb.sharedStrings[k];
      if (str === undefined) {
        throw xlsxError(
          ctx.file,
          `${where()} refers to a missing shared string ${k}`,
          'xlsx-malformed',
        );
      }
      return str;
    }
    if (t === 'b') return v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : v;
    if (t === 'n' && v !== '' && wb.dateStyles[s] === true) {
      const serial = Number(v);
      if (Number.isFinite(serial)) return serialToText(serial, wb.date1904);
    }
    return v; // str, inlineStr, e (#N/A …), d (ISO 8601 text) and plain numbers
  };
  for await (const _ of scan) {
    void _;
    if (batch.length > 0) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The workbook's sheet names, in order (for the mapping dialog's sheet chooser). */
export interface OpenWorkbook {
  sheets: string[];
  /** Rows of the chosen sheet (see chooseSheets), in batches as they inflate. */
  rows: (sheet: string | undefined) => AsyncGenerator<{ sheet: string; rows: SheetRow[] }>;
  close: () => void;
}

export async function xlsxSheets(
  source: string | NodeJS.ReadableStream,
  ctx: XlsxContext,
): Promise<OpenWorkbook> {
  const wb = await openWorkbook(source, ctx);
  async function* rows(
    sheet: string | undefined,
  ): AsyncGenerator<{ sheet: string; rows: SheetRow[] }> {
    for (const s of chooseSheets(wb, sheet, ctx.file)) {
      let any = false;
      for await (const batch of sheetRows(wb, s, ctx)) {
        any = true;
        yield { sheet: s.name, rows: batch };
      }
      if (any) return;
    }
  }
  return { sheets: wb.sheets.map((s) => s.name), rows, close: () => wb.zip.close() };
}

/** Parses a workbook's chosen sheet (default: the first with a value) into batches of records. */
export async function* parseXlsx(
  source: string | NodeJS.ReadableStream,
  ctx: ParseContext,
  sheet: string | undefined,
): AsyncGenerator<IngestRecord[]> {
  const book = await xlsxSheets(source, ctx);
  let mapper: RowMapper | null = null;
  let header: string[] = [];
  let dataRecords = 0;
  let f: string[] = [];
  try {
    for await (const { sheet: name, rows } of book.rows(sheet)) {
      const out: IngestRecord[] = [];
      for (const r of rows) {
        if (mapper === null) {
          header = r.cells.map((h) => h.trim());
          mapper = createRowMapper(
            header,
            { ...ctx, file: `${ctx.file} (sheet ${quote(name)})` },
            r.row,
          );
          f = new Array<string>(header.length);
          continue;
        }
        // Excel leaves out empty trailing cells; a value right of the header is a wrong row.
        const count = Math.max(header.length, r.cells.length);
        for (let k = 0; k < count; k++) f[k] = r.cells[k] ?? '';
        f.length = count;
        const before = out.length;
        mapper.map(f, count, r.row, out, false);
        for (let k = before; k < out.length; k++) {
          const rec = out[k];
          if (rec.kind !== 'rejected') continue;
          const c = rec.column === null ? -1 : header.indexOf(rec.column);
          const cell = c < 0 ? `row ${r.row}` : `cell ${columnLetters(c)}${r.row}`;
          rec.reason = `sheet ${quote(name)}, ${cell}: ${rec.reason}`;
          // Where in the workbook, for any language; the row's cells as the original row.
          rec.params = {
            ...rec.params,
            sheet: name,
            cell: c < 0 ? '' : `${columnLetters(c)}${r.row}`,
          };
          withRaw(rec, f.slice(0, count).join('\t'), ctx, identifierValues(header, f, ctx.mapping));
        }
        if (out.length > before) dataRecords++;
      }
      reportProgress(ctx, out);
      if (out.length > 0) yield out;
    }
  } finally {
    book.close();
  }
  if (mapper === null) {
    throw new IngestError({
      file: ctx.file,
      line: null,
      reason: 'the workbook has no sheet with a value in it',
      code: 'empty-file',
    });
  }
  if (dataRecords === 0) {
    throw new IngestError({
      file: ctx.file,
      line: 1,
      reason: 'the sheet has a header row but no data rows',
      code: 'header-only',
    });
  }
}
