/**
 * What the first bytes of a file look like, for the mapping dialog: format, encoding, delimiter,
 * headers and up to 50 sample rows, with a suggested mapping. Reads at most PREVIEW_BYTES of the
 * file (a gzip is inflated only as far as those bytes go); the last, probably cut, line is dropped.
 */
import type { UploadPreviewDto } from '@onetrip/contracts';
import { formatFromName, identifierColumns, suggestMapping } from '@onetrip/ingest';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { constants, inflateSync, gunzipSync } from 'node:zlib';

export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 50;

export type FilePreview = Omit<UploadPreviewDto, 'savedMapping' | 'bytesRead'>;

function inflatePrefix(bytes: Buffer): Buffer {
  try {
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    // A gzip whose header parses but whose stream is cut: inflate the raw deflate body.
    try {
      return inflateSync(bytes.subarray(10), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return Buffer.alloc(0);
    }
  }
}

function detectEncoding(bytes: Buffer, given: string | undefined, xml: boolean): string {
  if (given) return given.toLowerCase();
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (xml) {
    const declared = /^<\?xml[^>]*encoding=["']([A-Za-z0-9_.-]+)["']/.exec(
      bytes.subarray(0, 200).toString('latin1'),
    );
    if (declared?.[1]) return declared[1].toLowerCase();
  }
  // Cut at the last newline so a multi-byte character split at the end is not held against it.
  const end = bytes.lastIndexOf(0x0a);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(end > 0 ? bytes.subarray(0, end) : bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The delimiter (, ; tab |) that occurs most often outside quotes in the header line. */
function detectDelimiter(header: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** NDJSON values as the upload reads them: text as is, numbers and booleans as text, JSON else. */
function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return `${v}`;
  return JSON.stringify(v);
}

export function previewFile(
  head: Buffer,
  fileName: string,
  options: { encoding?: string; complete: boolean },
): FilePreview {
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const bytes = gzip ? inflatePrefix(head) : head;
  const nameFormat = formatFromName(fileName);
  const first = bytes
    .subarray(0, 64)
    .toString('latin1')
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart();
  const format =
    nameFormat ?? (first.startsWith('<') ? 'xes' : first.startsWith('{') ? 'ndjson' : 'csv');
  const encoding = detectEncoding(bytes, options.encoding, format === 'xes');
  let text = iconv.decode(bytes, encoding).replace(/^\uFEFF/, '');
  if (!options.complete || gzip) {
    const cut = text.lastIndexOf('\n');
    text = cut >= 0 ? text.slice(0, cut + 1) : '';
  }
  const base = { fileName, format, gzip, encoding } as const;

  if (format === 'ndjson') {
    const records: Record<string, unknown>[] = [];
    for (const line of text.split(/\r?\n/)) {
      if (records.length >= PREVIEW_ROWS) break;
      if (line.trim() === '') continue;
      try {
        const v: unknown = JSON.parse(line);
        if (v && typeof v === 'object' && !Array.isArray(v))
          records.push(v as Record<string, unknown>);
      } catch {
        // A bad line is the upload's business (a rejected row); the preview skips it.
      }
    }
    const headers = [...new Set(records.flatMap((r) => Object.keys(r)))];
    const rows = records.map((r) => headers.map((h) => asText(r[h])));
    return {
      ...base,
      delimiter: null,
      headers,
      rows,
      suggestedMapping: suggestMapping(headers, rows),
      identifierColumns: identifierColumns(headers, rows),
    };
  }

  if (format === 'xes') {
    const keys = new Set<string>();
    for (const m of text.matchAll(/<(?:string|date|int|float|boolean|id)\s+key="([^"]{1,200})"/g)) {
      if (m[1]) keys.add(m[1]);
    }
    const headers = [...keys];
    return {
      ...base,
      delimiter: null,
      headers,
      rows: [],
      suggestedMapping: suggestMapping(headers),
      identifierColumns: identifierColumns(headers, []),
    };
  }

  const headerLine = text.slice(0, Math.max(0, text.indexOf('\n'))) || text;
  const delimiter = detectDelimiter(headerLine);
  let records: string[][] = [];
  try {
    records = parse(text, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      to_line: PREVIEW_ROWS + 1,
    });
  } catch {
    records = [];
  }
  const headers = (records[0] ?? []).map((h) => h.trim());
  const rows = records.slice(1, PREVIEW_ROWS + 1).map((r) => headers.map((_, i) => r[i] ?? ''));
  return {
    ...base,
    delimiter,
    headers,
    rows,
    suggestedMapping: suggestMapping(headers, rows),
    identifierColumns: identifierColumns(headers, rows),
  };
}
