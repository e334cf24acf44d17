/**
 * Stable codes of fatal ingest problems. Row problems are not errors: they are yielded as
 * `rejected` records.
 */
export type IngestErrorCode =
  | 'empty-file'
  | 'header-only'
  | 'missing-column'
  | 'too-many-columns'
  | 'too-many-fields'
  | 'duplicate-header'
  | 'unterminated-quote'
  | 'empty-line-flood'
  | 'field-too-long'
  | 'xml-malformed'
  | 'entity-expansion'
  | 'gzip-truncated'
  | 'gzip-corrupt'
  | 'decompressed-too-large'
  | 'decompression-ratio'
  | 'unknown-encoding'
  | 'invalid-timezone'
  | 'invalid-option'
  | 'read-failed'
  | 'xlsx-malformed'
  | 'sheet-not-found'
  | 'unsupported-format'
  | 'invalid-value';

/** A fatal problem with an input file, located as precisely as we can. */
export class IngestError extends Error {
  readonly file: string;
  /** 1-based physical line, or null when the problem has no line (e.g. a truncated gzip). */
  readonly line: number | null;
  /** Column (CSV header, XES attribute key) or null. */
  readonly column: string | null;
  /** Human-readable reason without the location (the message adds it). */
  readonly reason: string;
  readonly code: IngestErrorCode;

  constructor(init: {
    file: string;
    line: number | null;
    column?: string | null;
    reason: string;
    code: IngestErrorCode;
    cause?: unknown;
  }) {
    const where = init.line === null ? init.file : `${init.file}:${init.line}`;
    const col = init.column ? ` (column "${init.column}")` : '';
    super(
      `${where}${col}: ${init.reason}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = 'IngestError';
    this.file = init.file;
    this.line = init.line;
    this.column = init.column ?? null;
    this.reason = init.reason;
    this.code = init.code;
  }
}
