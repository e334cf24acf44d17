/**
 * Shapes of the HTTP API (`/api/v1`), shared by the api, the worker, the cli and the web app.
 * The web app imports nothing else from the server side.
 */
import type { MiningResult } from '@onetrip/mining';

export type { MiningResult } from '@onetrip/mining';
export type {
  JourneyFilter,
  ActivityStats,
  Bottleneck,
  DfgEdge,
  DurationStats,
  Quantiles,
  TripStats,
  Variant,
  ActivityInsight,
  ChannelSequence,
  ChannelSequences,
  EdgeInsight,
  Histogram,
  Insights,
  JourneyRef,
  KpiPeriod,
  Kpis,
  QueueHeatCell,
  QueueWaits,
  ReturnReason,
  TripBreakdownRow,
  TripBreakdowns,
  VariantLeadTime,
  WaitAttribution,
  WaitRow,
} from '@onetrip/mining';

/** The logical fields an event log column can be mapped to. */
export const EVENT_FIELDS = [
  'caseId',
  'activity',
  'timestamp',
  'startTimestamp',
  'lifecycle',
  'resource',
  'citizen',
  'service',
  'channel',
  'location',
  'department',
  'sourceSystem',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

/** Source column name for each logical field; caseId, activity and timestamp are required. */
export type ColumnMapping = { caseId: string; activity: string; timestamp: string } & Partial<
  Record<Exclude<EventField, 'caseId' | 'activity' | 'timestamp'>, string>
>;

export const DEFAULT_COLUMN_MAPPING: ColumnMapping = {
  caseId: 'case_id',
  activity: 'activity',
  timestamp: 'timestamp',
};

export interface DatasetDto {
  id: string;
  name: string;
  description: string | null;
  /** IANA zone in which timestamps without an offset are read. */
  timezone: string;
  /** Increases on every successful change of the dataset's events. */
  version: number;
  eventCount: number;
  /** The mapping of the last upload that gave one, as given: fields left out use the defaults. */
  mapping: Partial<ColumnMapping> | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateDatasetRequest {
  name: string;
  description?: string;
  timezone?: string;
}

/**
 * What an upload does with an unmapped column (docs/ingest.md#citizen-identifiers): keep its
 * values, replace each by `pseudonym:` + its keyed hash (the default for columns that look like
 * citizen identifiers), or leave the column out.
 */
export type IdentifierAction = 'keep' | 'pseudonymize' | 'drop';
export const IDENTIFIER_ACTIONS: readonly IdentifierAction[] = ['keep', 'pseudonymize', 'drop'];
/** Column name → action: the upload option `identifiers`, for columns whose default should change. */
export type IdentifierChoices = Record<string, IdentifierAction>;

export type UploadStatus = 'receiving' | 'completed' | 'failed';

/** What an upload does with rejected rows: `skip` them (up to a share of all rows) or `fail`. */
export type UploadErrorPolicy = 'skip' | 'fail';

export interface RejectedRowDto {
  line: number;
  column: string | null;
  reason: string;
}

export interface UploadDto {
  id: string;
  datasetId: string;
  fileName: string;
  status: UploadStatus;
  bytes: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Rows already in the dataset (same identity) and therefore not added again. */
  rowsDuplicate: number;
  /** The upload's error policy (docs/ingest.md#server-side). */
  onError?: UploadErrorPolicy;
  /** 0..1: with `skip`, more rejected rows than this share of all rows fails the upload. */
  maxRejectedRatio?: number;
  /** Stable problem code of a failed upload (as in ProblemDetails.code), else null. */
  errorCode?: string | null;
  error: string | null;
  /** The first rejected rows; the full list is a separate download. */
  rejected: RejectedRowDto[];
  createdAt: string;
  finishedAt: string | null;
}

/** An upload in a dataset's history (`GET /api/v1/datasets/:id/uploads`): its report without the rejected rows. */
export type UploadSummaryDto = Omit<UploadDto, 'rejected'>;

/** An ingestion key of a dataset (the secret itself only in CreatedIngestionKeyDto). */
export interface IngestionKeyDto {
  id: string;
  datasetId: string;
  name: string | null;
  /** The key's first 12 characters, to tell keys apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Answer of POST /datasets/:id/ingestion-keys: the only time the key is shown. */
export interface CreatedIngestionKeyDto extends IngestionKeyDto {
  key: string;
}

/** Answer of POST /datasets/:id/uploads/preview: what the file looks like and how to map it. */
export interface UploadPreviewDto {
  fileName: string;
  format: 'csv' | 'ndjson' | 'xes';
  gzip: boolean;
  /** The encoding the upload would use (given, byte-order mark, XML declaration, or detected). */
  encoding: string;
  /** CSV only; null otherwise. */
  delimiter: string | null;
  /** Column names (CSV header, NDJSON keys, XES attribute keys). */
  headers: string[];
  /** Up to 50 rows, values in header order ('' when absent). Empty for XES. */
  rows: string[][];
  /** Suggested from the headers and the sample rows (suggestMapping of @onetrip/ingest). */
  suggestedMapping: Partial<ColumnMapping>;
  /**
   * Columns that look like citizen identifiers (by name, or by sample values shaped like a
   * Chinese ID or phone number). Left unmapped, they are stored pseudonymized unless the upload's
   * `identifiers` option says otherwise; mapped as the citizen, they become the citizen key.
   */
  identifierColumns: string[];
  /** The dataset's saved mapping (from its last successful upload), if any. */
  savedMapping: Partial<ColumnMapping> | null;
  /** Bytes of the file that were read (at most 64 KiB, before decompression). */
  bytesRead: number;
}

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

/** Options of a mining run; every field optional, defaults as in the mining contract. */
export interface RunParams {
  lifecycle?: 'auto' | 'none';
  journey?: 'case' | 'citizen' | 'citizen+service';
  journeyGapSeconds?: number;
  inPerson?: string[];
  tripGapSeconds?: number;
}

/**
 * Which journeys a run mines (docs/api.md#filtered-runs). Every field optional; fields combine
 * with AND, values within one list with OR. A journey is kept whole (never cut down to the
 * matching events) when it starts in [from, to) and, for each given list, at least one of its
 * events has one of the values, and its activity sequence is one of the given variants.
 */
export interface RunFilter {
  /** ISO 8601 instant, inclusive. */
  from?: string;
  /** ISO 8601 instant, exclusive. */
  to?: string;
  service?: string[];
  department?: string[];
  /** Halls (the event `location`). */
  location?: string[];
  channel?: string[];
  /** Keep journeys whose activity sequence is exactly this one (shorthand for one variant). */
  variant?: string[];
  /** Keep journeys whose activity sequence is one of these. */
  variants?: string[][];
}

export interface CreateRunRequest {
  params?: RunParams;
  filter?: RunFilter;
}

export interface RunDto {
  id: string;
  datasetId: string;
  datasetVersion: number;
  status: RunStatus;
  /** 0..1 */
  progress: number;
  params: RunParams;
  /** The run's filter in canonical form; absent or {} when it mines every journey. */
  filter?: RunFilter;
  error: string | null;
  /** True when an identical earlier run on the same dataset version answered this request. */
  cached: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunResultDto {
  runId: string;
  datasetId: string;
  datasetVersion: number;
  result: MiningResult;
}

/** One distinct value of an event field, with how many events carry it. */
export interface FacetValue {
  value: string;
  events: number;
}

/** `GET /api/v1/datasets/:id/facets`: the values filter controls offer. */
export interface FacetsDto {
  datasetId: string;
  datasetVersion: number;
  events: number;
  /** Earliest and latest event timestamp (ISO 8601), null for an empty dataset. */
  timeSpan: { from: string; to: string } | null;
  /** Events per calendar month (dataset time zone, 'YYYY-MM'), for the brush. */
  months: { period: string; events: number }[];
  /** Most events first; at most 500 values each. */
  services: FacetValue[];
  departments: FacetValue[];
  locations: FacetValue[];
  channels: FacetValue[];
}

/** One event of a journey timeline. */
export interface TimelineEventDto {
  caseId: string;
  activity: string;
  /** ISO 8601; null when the instance has no start. */
  start: string | null;
  /** ISO 8601 completion instant. */
  complete: string;
  channel: string | null;
  location: string | null;
  service: string | null;
  department: string | null;
  resource: string | null;
  sourceSystem: string | null;
  /** 1-based number of the in-person trip this instance belongs to, else null. */
  trip: number | null;
}

export interface TimelineTripDto {
  /** 1-based */
  trip: number;
  location: string | null;
  start: string;
  end: string;
}

export interface TimelineJourneyDto {
  /** ISO 8601 start of the journey's first instance (matches JourneyRef.start). */
  start: string;
  end: string;
  leadTimeSeconds: number;
  events: TimelineEventDto[];
  trips: TimelineTripDto[];
}

/**
 * `GET /api/v1/datasets/:id/journeys/:key/timeline`: every journey of one key (a case id, or a
 * citizen key with `?service=` for journey 'citizen+service'), split and measured with the
 * mining definitions and the given run params.
 */
export interface JourneyTimelineDto {
  datasetId: string;
  key: string;
  service: string | null;
  journey: 'case' | 'citizen' | 'citizen+service';
  journeys: TimelineJourneyDto[];
}

export interface HealthDto {
  status: 'ok' | 'error';
  checks: { postgres: 'up' | 'down'; redis: 'up' | 'down' };
}

/** RFC 9457 problem details with a stable machine-readable `code`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  /** Where a user-caused error sits in an input file. */
  file?: string;
  line?: number;
  column?: string;
  errors?: { field: string; message: string }[];
}
