import {
  EVENT_FIELDS,
  type ColumnMapping,
  type EventField,
  type EventLogFormat,
  type IdentifierChoices,
  type TablePreset,
} from '@onetrip/contracts';
import type { TicketRowColumns } from './ticket-rows';
import type { MiningEvent } from '@onetrip/mining';

/** The formats ingest reads: EventLogFormat of @onetrip/contracts. */
export type IngestFormat = EventLogFormat;

/**
 * Guards against hostile or broken files, all in one place (docs/ingest.md#limits). Each has a
 * stable code: the size limits are fatal (`IngestError`), the quote and timestamp limits reject
 * the row (a rejected record with a `code`) and the read goes on.
 */
export interface IngestLimits {
  /** Longest field (CSV), attribute value (XES) or line (NDJSON), in characters. */
  maxFieldLength: number;
  /** Most columns a CSV header may have. */
  maxColumns: number;
  /** Most fields any CSV row may have (`too-many-fields`), counted as the row is read. */
  maxFieldsPerRow: number;
  /**
   * A quoted CSV field that spans lines must close within this many lines and characters, else
   * its row is rejected as `unterminated-quote` and reading resumes on the next line.
   */
  maxQuotedFieldLines: number;
  maxQuotedFieldChars: number;
  /** Most consecutive blank lines (CSV, NDJSON) before the read fails (`empty-line-flood`). */
  maxBlankLines: number;
  /** Most bytes a gzip file may expand to. */
  maxDecompressedBytes: number;
  /**
   * Most decompressed bytes per compressed byte read so far (`decompression-ratio`), checked once
   * the output passes `decompressionRatioFreeBytes` (small files may expand as they like).
   */
  maxDecompressionRatio: number;
  decompressionRatioFreeBytes: number;
  /** Most characters of an .xlsx shared-strings table, which is held while its sheet is read. */
  maxSharedStringChars: number;
  /** Earliest plausible event time, epoch ms (`timestamp-too-early` before it). */
  earliestTimestamp: number;
  /** Latest plausible event time, as ms after the start of the read. */
  latestTimestampAheadMs: number;
}

export const DEFAULT_LIMITS: IngestLimits = {
  maxFieldLength: 1024 * 1024,
  maxColumns: 2000,
  maxFieldsPerRow: 10_000,
  maxQuotedFieldLines: 100,
  maxQuotedFieldChars: 64 * 1024,
  maxBlankLines: 10_000,
  maxDecompressedBytes: 16 * 1024 * 1024 * 1024,
  maxDecompressionRatio: 200,
  decompressionRatioFreeBytes: 64 * 1024 * 1024,
  maxSharedStringChars: 256 * 1024 * 1024,
  earliestTimestamp: 0, // 1970-01-01T00:00:00Z
  latestTimestampAheadMs: 366 * 24 * 60 * 60 * 1000,
};

/** Stable codes of row problems that carry one (older row problems have only a reason). */
export type { RejectionCode, RejectionParams } from '@onetrip/contracts';
import type { RejectionCode, RejectionParams } from '@onetrip/contracts';

export interface IngestProgress {
  /** Bytes read from the source (compressed bytes for a gzip file). */
  bytes: number;
  /** Records (events and rejected rows) produced so far. */
  rows: number;
}

export interface ReadOptions {
  /** Name used in error messages; never opened when the source is a stream. */
  file: string;
  /** Default: from the extension of `file` (.csv .tsv .ndjson .jsonl .xes, each optionally .gz; .xlsx), else sniffed. */
  format?: IngestFormat;
  /** Logical field -> column / attribute name. Unmapped columns become attributes. */
  mapping?: Partial<ColumnMapping>;
  /** IANA zone for timestamps without an offset. Default 'UTC'. */
  timezone?: string;
  /** 'utf-8', 'gbk', 'gb18030', 'utf-16le' … (anything iconv-lite knows). Detected when absent. */
  encoding?: string;
  /** CSV delimiter. Detected from the header line when absent (, ; tab |). */
  delimiter?: string;
  limits?: Partial<IngestLimits>;
  /**
   * Keep unmapped columns in `attributes` (default true). `false` gives every event an empty
   * attributes object, which is markedly faster when nobody reads them (the mining engine).
   */
  attributes?: boolean;
  /** When set, `citizen` is replaced by pseudonymize(citizen, key) before the event is yielded. */
  pseudonymizeKey?: string;
  /**
   * When set, attributes that look like citizen identifiers are pseudonymized with `key` (or
   * kept or dropped as `choices` say per column): see IdentifierGuard in identifiers.ts.
   */
  identifiers?: { key: string; choices?: IdentifierChoices };
  /** Called after every chunk read from the source. */
  onProgress?: (p: IngestProgress) => void;
  /**
   * CSV only: one row per hall queue ticket (取号时间, 叫号时间, 开始服务时间, 完成时间, 窗口),
   * each row becoming ticket, call and service events (ticket-rows.ts). `true` finds the
   * columns by their header names; the mapping's caseId (else 票号 / ticket) is the ticket number.
   */
  ticketRows?: boolean | TicketRowColumns;
  /**
   * CSV and .xlsx: a government table read by its preset (presets.ts; docs/ingest.md#government-tables):
   * a GB/T 39046 case, process or special-procedure table, or 12345 work orders, each row
   * becoming several events of the case (办件编号). The mapping's caseId, citizen, service,
   * channel, location, department and resource name those columns instead of the header names.
   */
  preset?: TablePreset;
  /** XLSX only: the sheet, by name or 1-based number. Default: the first sheet with a value. */
  sheet?: string;
}

/**
 * One normalized event: the mining contract's event (instants in epoch ms) plus its attributes.
 * Optional fields are always present on parsed events (null when absent). The lifecycle
 * instance id stays an attribute (`concept:instance`) here.
 */
export interface NormalizedEvent extends Omit<MiningEvent, 'instance'> {
  /** Every unmapped column / attribute with a non-empty value. XES trace attributes as `case:<key>`. */
  attributes: Record<string, string>;
}

export type IngestRecord =
  | { kind: 'event'; line: number; event: NormalizedEvent }
  | {
      kind: 'rejected';
      line: number;
      column: string | null;
      /** The English message of `code` with `params` (rejectionMessage of @onetrip/contracts). */
      reason: string;
      code: RejectionCode;
      params: RejectionParams;
      /** The row as it is in the file (CSV line, NDJSON line), when the format has one. */
      raw?: string;
    };

/** The optional logical fields, in the order of EVENT_FIELDS (writers and identity hashing rely
 * on it: changing it changes every event's identity). */
export type OptionalField = Exclude<EventField, 'caseId' | 'activity' | 'timestamp'>;
const REQUIRED_FIELDS: ReadonlySet<EventField> = new Set(['caseId', 'activity', 'timestamp']);
export const OPTIONAL_FIELDS: readonly OptionalField[] = EVENT_FIELDS.filter(
  (f): f is OptionalField => !REQUIRED_FIELDS.has(f),
);
export type OptionalStringField = Exclude<OptionalField, 'startTimestamp'>;
export const OPTIONAL_STRING_FIELDS = OPTIONAL_FIELDS.filter(
  (f): f is OptionalStringField => f !== 'startTimestamp',
);
