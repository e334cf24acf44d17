/**
 * Shapes of the HTTP API (`/api/v1`), shared by the api, the worker, the cli and the web app.
 * The web app imports nothing else from the server side.
 */
import type { MiningResult } from '@onetrip/mining';

export type { MiningResult } from '@onetrip/mining';
export type {
  ActivityStats,
  Bottleneck,
  DfgEdge,
  DurationStats,
  Quantiles,
  TripStats,
  Variant,
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
  mapping: ColumnMapping | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateDatasetRequest {
  name: string;
  description?: string;
  timezone?: string;
}

export type UploadStatus = 'receiving' | 'completed' | 'failed';

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
  /** Stable problem code of a failed upload (as in ProblemDetails.code), else null. */
  errorCode?: string | null;
  error: string | null;
  /** The first rejected rows; the full list is a separate download. */
  rejected: RejectedRowDto[];
  createdAt: string;
  finishedAt: string | null;
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

export interface CreateRunRequest {
  params?: RunParams;
}

export interface RunDto {
  id: string;
  datasetId: string;
  datasetVersion: number;
  status: RunStatus;
  /** 0..1 */
  progress: number;
  params: RunParams;
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
