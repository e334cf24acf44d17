/** Uploads: the multipart upload and its options, the report, the history, the preview. */
import { z } from 'zod';
import { REJECTION_CODES } from './rejections';
import { count, id, instant } from './common';
import { ChannelRolesSchema } from './channels';
import { EventLogFormatSchema, PartialColumnMappingSchema } from './event-log';
import { QueueActivitiesSchema, UploadLayoutSchema } from './queue';

/**
 * What an upload does with an unmapped column (docs/ingest.md#citizen-identifiers): keep its
 * values, replace each by `pseudonym:` + its keyed hash (the default for columns that look like
 * citizen identifiers), or leave the column out.
 */
export const IdentifierActionSchema = z.enum(['keep', 'pseudonymize', 'drop']);
export type IdentifierAction = z.infer<typeof IdentifierActionSchema>;
export const IDENTIFIER_ACTIONS: readonly IdentifierAction[] = IdentifierActionSchema.options;
/** Column name → action: the upload option `identifiers`, for columns whose default should change. */
export const IdentifierChoicesSchema = z.record(z.string().min(1), IdentifierActionSchema);
export type IdentifierChoices = Record<string, IdentifierAction>;

export const UploadStatusSchema = z.enum(['receiving', 'completed', 'failed']);
export type UploadStatus = z.infer<typeof UploadStatusSchema>;

/** What an upload does with rejected rows: `skip` them (up to a share of all rows) or `fail`. */
export const UploadErrorPolicySchema = z.enum(['skip', 'fail']);
export type UploadErrorPolicy = z.infer<typeof UploadErrorPolicySchema>;

/**
 * The upload options, given as form fields (before the file part) or query parameters: text,
 * hence the coercion. Other fields pass (the form's `mapping` and `file` are read separately).
 */
export const UploadOptionsSchema = z
  .object({
    onError: UploadErrorPolicySchema.optional().describe(
      'skip rejected rows (default; up to maxRejectedRatio) or fail on the first one',
    ),
    maxRejectedRatio: z.coerce.number().min(0).max(1).optional().describe('0..1, default 0.05'),
    uploadId: z
      .string()
      .uuid()
      .optional()
      .describe('Client-chosen upload id, to poll GET /uploads/:id while it runs'),
    encoding: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .optional()
      .describe('utf-8, gbk, gb18030, … (detected when absent)'),
    layout: UploadLayoutSchema.optional(),
    sheet: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(
        '.xlsx only: the sheet by name, else by 1-based number (default: the first with a value)',
      ),
  })
  .passthrough();
export type UploadOptions = z.infer<typeof UploadOptionsSchema>;

/** The multipart form of `POST …/uploads` and `…/uploads/preview` (the preview reads `encoding` only). */
export const UploadFormSchema = UploadOptionsSchema.extend({
  mapping: z
    .string()
    .optional()
    .describe(
      'JSON ColumnMapping, e.g. {"caseId":"办件编号"}; must come before the file part. ' +
        'Defaults to the mapping saved with the dataset, else case_id / activity / timestamp.',
    ),
  channelRoles: z
    .string()
    .optional()
    .describe(
      'JSON ChannelRoles, e.g. {"大厅":"in-person","网上":"online"}: saved with the dataset on ' +
        'success (replacing its roles); runs without their own inPerson count its in-person values',
    ),
  queueActivities: z
    .string()
    .optional()
    .describe(
      'JSON QueueActivities, e.g. {"ticket":["取号"],"call":["叫号"],"abandon":["过号"]}: saved ' +
        'with the dataset on success; runs without their own queue*Activities params use them',
    ),
  identifiers: z
    .string()
    .optional()
    .describe(
      'JSON IdentifierChoices, e.g. {"手机号":"drop"}: what to do with unmapped columns; columns ' +
        'that look like citizen identifiers are pseudonymized unless kept here',
    ),
  file: z.string().meta({ format: 'binary', description: 'The event log (CSV, NDJSON or XES)' }),
});

/** Query of `GET /api/v1/datasets/:id/uploads`. */
export const UploadListQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .describe('At most this many (1–100, default 20)'),
});

export const RejectedRowDtoSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  reason: z.string().describe('In English; `code` with `params` gives it in any language'),
  code: z
    .enum(REJECTION_CODES)
    .optional()
    .describe('Why the row was rejected (docs/ingest.md#rejected-rows); absent for older rows'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  raw: z.string().optional().describe('The row as it was in the file (CSV or NDJSON line)'),
});
export type RejectedRowDto = z.infer<typeof RejectedRowDtoSchema>;

export const UploadDtoSchema = z.object({
  id: id(),
  datasetId: id(),
  fileName: z.string(),
  status: UploadStatusSchema,
  bytes: count(),
  rowsRead: count(),
  rowsAccepted: count(),
  rowsRejected: count(),
  rowsDuplicate: count().describe(
    'Rows already in the dataset (same identity) and therefore not added again',
  ),
  onError: UploadErrorPolicySchema.optional().describe(
    "The upload's error policy (docs/ingest.md#server-side)",
  ),
  maxRejectedRatio: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('With skip, more rejected rows than this share of all rows fails the upload'),
  errorCode: z
    .string()
    .nullable()
    .optional()
    .describe('Stable problem code of a failed upload (as in ProblemDetails.code), else null'),
  error: z.string().nullable(),
  rejected: z
    .array(RejectedRowDtoSchema)
    .describe('The first rejected rows; the full list is a separate download'),
  rejectedStored: count()
    .optional()
    .describe(
      'Rejected rows stored and downloadable (the first MAX_REJECTED_ROWS_KEPT); ' +
        'less than rowsRejected when more were rejected than kept',
    ),
  createdAt: instant(),
  finishedAt: instant().nullable(),
});
export type UploadDto = z.infer<typeof UploadDtoSchema>;

/** An upload in a dataset's history (`GET /api/v1/datasets/:id/uploads`): its report without the rejected rows. */
export const UploadSummaryDtoSchema = UploadDtoSchema.omit({
  rejected: true,
  rejectedStored: true,
});
export type UploadSummaryDto = z.infer<typeof UploadSummaryDtoSchema>;

/** Answer of `DELETE /api/v1/uploads/:id`: what went with the upload. */
export const UploadDeletionDtoSchema = z.object({
  eventsRemoved: count().describe(
    'Events the upload had added (rows that repeated earlier events were never its own)',
  ),
  runsRemoved: count().describe(
    "The dataset's runs deleted with their results because they had mined those events",
  ),
});
export type UploadDeletionDto = z.infer<typeof UploadDeletionDtoSchema>;

/** Answer of POST /datasets/:id/uploads/preview: what the file looks like and how to map it. */
/** What the preview's sample rows say about one column (columnStats of @onetrip/ingest). */
export const ColumnStatsSchema = z.object({
  column: z.string(),
  distinct: count().describe('Distinct non-empty values in the sample rows'),
  emptyShare: z.number().min(0).max(1).describe('Share of sample rows where the column is empty'),
  timestampShare: z
    .number()
    .min(0)
    .max(1)
    .describe('Share of the non-empty values that read as a timestamp'),
  times: z
    .array(z.number().nullable())
    .optional()
    .describe('Per sample row, the instant read (epoch ms) or null; only for columns with times'),
});
export type ColumnStats = z.infer<typeof ColumnStatsSchema>;

export const UploadPreviewDtoSchema = z.object({
  fileName: z.string(),
  format: EventLogFormatSchema,
  gzip: z.boolean(),
  encoding: z
    .string()
    .describe(
      'The encoding the upload would use (given, byte-order mark, XML declaration, or detected)',
    ),
  delimiter: z.string().nullable().describe('CSV only; null otherwise'),
  sheets: z
    .array(z.string())
    .nullable()
    .optional()
    .describe('XLSX only: every sheet of the workbook, in order (null or absent otherwise)'),
  sheet: z
    .string()
    .nullable()
    .optional()
    .describe('XLSX only: the sheet described (the one asked for, else the first with a value)'),
  headers: z
    .array(z.string())
    .describe('Column names (CSV header, NDJSON keys, XES attribute keys)'),
  rows: z
    .array(z.array(z.string()))
    .describe("Up to 50 rows, values in header order ('' when absent); for XES, the first events"),
  columnStats: z
    .array(ColumnStatsSchema)
    .optional()
    .describe('Per column, what the sample rows say about it (in header order)'),
  suggestedMapping: PartialColumnMappingSchema.describe(
    'Suggested from the headers and the sample rows (suggestMapping of @onetrip/ingest)',
  ),
  identifierColumns: z
    .array(z.string())
    .describe(
      'Columns that look like citizen identifiers (by name, or by sample values shaped like a ' +
        'Chinese ID or phone number). Left unmapped, they are stored pseudonymized unless the ' +
        "upload's `identifiers` option says otherwise; mapped as the citizen, they become the citizen key",
    ),
  savedMapping: PartialColumnMappingSchema.nullable().describe(
    "The dataset's saved mapping (from its last successful upload), if any",
  ),
  suggestedChannelRoles: z
    .record(z.string(), ChannelRolesSchema)
    .describe(
      'Column → suggested role of each of its sample values (docs/ingest.md#channel-roles), for ' +
        'every column with at most 30 distinct sample values: whichever column is mapped as ' +
        'the channel, the dialog can show its values',
    ),
  savedChannelRoles: ChannelRolesSchema.nullable().describe(
    "The dataset's channel roles, if any (they win over the suggestion for the same value)",
  ),
  suggestedQueueActivities: z
    .record(z.string(), QueueActivitiesSchema)
    .describe(
      'Column → the queue activities among its sample values (docs/ingest.md#queue-activities), ' +
        'for every column with a known ticket or call name; with layout ticket-rows, under the ' +
        "key '' the activities the rows become",
    ),
  savedQueueActivities: QueueActivitiesSchema.nullable().describe(
    "The dataset's queue activities, if any",
  ),
  suggestedLayout: UploadLayoutSchema.describe(
    'ticket-rows when the headers are those of a one-row-per-ticket queue export (a ticket ' +
      'time and a call time column, found by their names); a table preset (gbt-case, ' +
      'gbt-process, gbt-special-procedure, work-order-12345) when they are those of that table ' +
      '(docs/ingest.md#government-tables; CSV and .xlsx); else events',
  ),
  bytesRead: count().describe(
    'Bytes of the file that were read (at most 64 KiB, before decompression)',
  ),
});
export type UploadPreviewDto = z.infer<typeof UploadPreviewDtoSchema>;
