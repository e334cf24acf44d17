import type {
  AuditAction,
  AuditEventDto,
  DatasetAccessUserDto,
  UserDto,
  ChannelRoles,
  CreatedIngestionKeyDto,
  DatasetDto,
  EventField,
  FacetsDto,
  IngestionKeyDto,
  GoalDto,
  JourneyTimelineDto,
  MiningResult,
  RunDto,
  RunResultDto,
  UploadDto,
  UploadErrorPolicy,
  UploadPreviewDto,
  UploadLayout,
  UploadSummaryDto,
} from '@onetrip/contracts';
import type { Locale } from '../i18n/i18n';
import type { QueueDraft } from '../views/queue-activities';
import type { Route } from '../views/route';

// Everything the app shows, in one place. Controllers (src/controllers) change it; every region
// and panel renders from it.

export type DatasetsState =
  | { status: 'loading'; items: DatasetDto[] }
  | { status: 'ready'; items: DatasetDto[] }
  | { status: 'error'; items: DatasetDto[]; error: unknown };

/** Deleting a dataset: asked (waiting for the confirmation), deleting, or refused. */
export type DeleteDatasetState =
  | { status: 'idle' }
  | { status: 'confirm'; id: string }
  | { status: 'deleting'; id: string }
  | { status: 'error'; id: string; error: unknown };

export type CreateState =
  { status: 'idle' } | { status: 'creating' } | { status: 'error'; error: unknown };

/** What the user chose in the mapping dialog (a column per field, '' = not mapped). */
export interface UploadDraft {
  mapping: Record<EventField, string>;
  /** null = the detected encoding. */
  encoding: string | null;
  /** .xlsx only: the sheet chosen (null = the first with a value). */
  sheet?: string | null;
  onError: UploadErrorPolicy;
  /** As typed, in percent (validated on confirm). */
  maxRejectedPercent: string;
  /** Channel roles the user chose in the dialog (value → role), over the saved and suggested ones. */
  channelRoles?: ChannelRoles;
  /** The layout the user chose (else the preview's suggestedLayout). */
  layout?: UploadLayout;
  /** The queue activity lists as the user typed them (views/queue-activities.ts). */
  queueActivities?: QueueDraft;
}

/** Live counts of a running upload (from GET /uploads/:id; null until it first answers). */
export interface UploadRows {
  rowsRead: number;
  rowsRejected: number;
}

export type UploadState =
  | { status: 'idle' }
  /** The first 64 KiB are being looked at. */
  | { status: 'previewing'; file: File; encoding: string | null; sheet?: string | null }
  | { status: 'previewFailed'; file: File; error: unknown }
  /** The mapping dialog; `error` is a mistake found on confirm. */
  | {
      status: 'preview';
      file: File;
      preview: UploadPreviewDto;
      draft: UploadDraft;
      error?: unknown;
    }
  | {
      status: 'uploading';
      fileName: string;
      uploadId: string;
      loaded: number;
      total: number;
      rows: UploadRows | null;
    }
  /** Bytes are all sent; the server is still parsing and storing rows. */
  | { status: 'processing'; fileName: string; uploadId: string; rows: UploadRows | null }
  /** Cancel was pressed: waiting for the server to confirm what became of the upload. */
  | { status: 'cancelling'; fileName: string; uploadId: string }
  | { status: 'cancelled'; fileName: string }
  /** `lateCancel`: cancel came after the server had stored everything. */
  | { status: 'done'; upload: UploadDto; lateCancel?: boolean }
  /** The upload failed; `upload` is its record (counts, rejected rows) when the server kept one. */
  | { status: 'failed'; error: unknown; upload: UploadDto | null }
  | { status: 'error'; error: unknown };

export type RunState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'watching'; run: RunDto }
  | { status: 'loadingResult'; run: RunDto }
  | { status: 'done'; run: RunDto; result: RunResultDto }
  | { status: 'error'; error: unknown; run: RunDto | null };

/** A filtered (or the base) result: mining, failed, or there. */
export type ResultEntry =
  | { status: 'running'; run: RunDto | null }
  | { status: 'done'; result: MiningResult }
  | { status: 'error'; error: unknown };

export type Loadable<T> =
  { status: 'loading' } | { status: 'done'; value: T } | { status: 'error'; error: unknown };

/**
 * What the dashboard has fetched, by key (see `store/dashboard-data.ts`): results per (dataset
 * version, run params, filter), facets per dataset version, journey timelines per journey. Kept
 * for the session, so switching views or going back to a filter fetches nothing.
 */
export interface DashboardData {
  results: ReadonlyMap<string, ResultEntry>;
  facets: ReadonlyMap<string, Loadable<FacetsDto>>;
  timelines: ReadonlyMap<string, Loadable<JourneyTimelineDto>>;
  /** Reform goals per dataset version (the goals view); dropped after a save to load again. */
  goals: ReadonlyMap<string, Loadable<GoalDto[]>>;
}

/** The selected dataset's recent uploads (the upload history panel). */
export interface UploadHistoryState {
  datasetId: string;
  loading: boolean;
  items: UploadSummaryDto[];
  error: unknown;
  /** Deleting one upload: asked to confirm, under way, or refused (absent: none). */
  deletion?: UploadDeletionState;
}

export type UploadDeletionState =
  { status: 'confirm' | 'deleting'; id: string } | { status: 'error'; id: string; error: unknown };

/**
 * The selected dataset's ingestion keys (the keys panel). Kept while the dataset stays selected,
 * so a key just created survives a language switch; `created` is its only copy of the secret.
 */
export interface KeysState {
  datasetId: string;
  loading: boolean;
  /** A create or revoke is on its way. */
  busy: boolean;
  items: IngestionKeyDto[];
  error: unknown;
  created: CreatedIngestionKeyDto | null;
  copied: boolean;
  /** The key whose revoke waits for the second click. */
  pendingRevoke: string | null;
  /** The name being typed for the next key. */
  name: string;
  /** The control that takes keyboard focus when the panel is next drawn (`data-focus` key). */
  focus: string | null;
}

/** The audit page's filter, as typed (empty: not filtered; dates as yyyy-mm-dd). */
export interface AuditFilterDraft {
  username: string;
  action: AuditAction | '';
  datasetId: string;
  from: string;
  to: string;
}

/** The admin's audit page: the filter applied, the page shown and the cursors to go back. */
export interface AuditState {
  filter: AuditFilterDraft;
  loading: boolean;
  items: AuditEventDto[];
  /** The `before` cursor of the page shown (null: the newest page). */
  before: string | null;
  /** The cursors of the newer pages, for "Newer". */
  newer: (string | null)[];
  /** The cursor of the next, older page; null on the last page. */
  next: string | null;
  error: unknown;
}

/** Who accessed the selected dataset (the data-tracker panel). */
export interface AccessState {
  datasetId: string;
  loading: boolean;
  users: DatasetAccessUserDto[];
  error: unknown;
}

export interface AppState {
  locale: Locale;
  datasets: DatasetsState;
  create: CreateState;
  deleteDataset: DeleteDatasetState;
  selectedId: string | null;
  upload: UploadState;
  run: RunState;
  /** What the URL says: dataset, view, filters, map settings, selection. */
  route: Route;
  dashboard: DashboardData;
  uploadHistory: UploadHistoryState | null;
  keys: KeysState | null;
  /** Who is logged in (null in tests that mount the app without a session). */
  user: UserDto | null;
  audit: AuditState | null;
  access: AccessState | null;
}
