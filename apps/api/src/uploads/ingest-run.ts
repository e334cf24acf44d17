/**
 * One ingest: a file part or a pushed body read through @onetrip/ingest into a dataset, in one
 * transaction (docs/ingest.md#server-side). Rejected rows are stored as they come (the first
 * `maxRejectedRowsKept`, each write awaited before the next batch is read), live counts are
 * written every second, and the error policy decides at the end (or at the first rejected row
 * with `fail`). On failure the upload row says why and nothing of the file is kept.
 */
import type { Logger } from '@nestjs/common';
import {
  AppConfig,
  DatasetEntity,
  EventIngest,
  EventRepository,
  type EventToStore,
  type RejectedRowInput,
  UploadRepository,
  isConnectionError,
} from '@onetrip/backend';
import {
  isTablePreset,
  type ChannelRoles,
  type ColumnMapping,
  type IdentifierChoices,
  type QueueActivities,
  type TablePreset,
  type UploadLayout,
} from '@onetrip/contracts';
import { IngestError, type IngestFormat, readEventBatches } from '@onetrip/ingest';
import type { Readable } from 'node:stream';
import { ProblemException } from '../problem/problem';
import type { UploadPolicy } from './upload-options';

/** How often a running upload writes its live counts (bytes, rows) to its row. */
const PROGRESS_INTERVAL_MS = 1000;
/**
 * Rejected rows are written in groups of this many while the upload runs, each write awaited
 * before the next batch is read: without that wait a file of millions of bad rows filled the
 * heap faster than they were stored. Only the first `maxRejectedRowsKept` are stored at all.
 */
const REJECTED_FLUSH = 1000;

/** What one ingest reads: an upload's file part, or a pushed NDJSON body. */
export interface IngestInput {
  fileName: string;
  stream: Readable;
  /** Bytes received so far. */
  bytes(): number;
  format?: IngestFormat;
  encoding?: string;
  /** .xlsx only: the sheet (name or 1-based number). */
  sheet?: string;
  /** Resolves when the whole request arrived intact; nothing is committed before. */
  requestComplete: Promise<void>;
  mapping?: Partial<ColumnMapping>;
  /** Save the (completed) mapping with the dataset on success. */
  saveMapping: boolean;
  /** Per unmapped column: keep, pseudonymize or drop (default: IdentifierGuard's rules). */
  identifiers?: IdentifierChoices;
  /** Channel roles to save with the dataset on success (absent: it keeps its own). */
  channelRoles?: ChannelRoles;
  /** Queue activities to save with the dataset on success (absent: it keeps its own). */
  queueActivities?: QueueActivities;
  /**
   * 'ticket-rows': a CSV with one row per queue ticket (@onetrip/ingest ReadOptions.ticketRows);
   * a table preset (gbt-case, …): ReadOptions.preset.
   */
  layout?: UploadLayout;
  policy: UploadPolicy;
  /** A client-chosen upload id (to poll progress from the start), else a new one. */
  uploadId?: string;
  /** Fails with 413 beyond this many events (the push endpoint's batch limit). */
  maxEvents?: number;
}

export interface IngestRunDeps {
  config: AppConfig;
  uploads: UploadRepository;
  events: EventRepository;
  logger: Logger;
}

type RejectedRow = RejectedRowInput;

/** Says, when it is so, that only the first rejected rows were stored. */
function keptNote(rejected: number, kept: number): string {
  return rejected > kept
    ? ` Only the first ${kept} rejected rows were stored (MAX_REJECTED_ROWS_KEPT); the rest were counted.`
    : '';
}

export class IngestRun {
  private readonly instance: string;
  private readonly counts = { events: 0, rejected: 0 };
  /** Rejected rows stored (or queued to be): the first `maxRejectedRowsKept`. */
  private rejectedKept = 0;
  private rejectedBuffer: RejectedRow[] = [];
  private firstRejected: RejectedRow | null = null;
  private rejectedWrites: Promise<void> = Promise.resolve();
  private progress: ReturnType<typeof setInterval> | undefined;
  private progressWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: IngestRunDeps,
    private readonly dataset: DatasetEntity,
    private readonly input: IngestInput,
    private readonly uploadId: string,
  ) {
    this.instance = `/api/v1/uploads/${uploadId}`;
  }

  /** Runs the ingest; resolves when the upload is committed, rejects with a problem otherwise. */
  async run(): Promise<void> {
    const { uploads, events, logger } = this.deps;
    const { input, dataset, uploadId } = this;
    const session = await events.openIngest(dataset.id, uploadId);
    let created = false;
    try {
      await uploads.create({
        id: uploadId,
        datasetId: dataset.id,
        fileName: input.fileName,
        onError: input.policy.onError,
        maxRejectedRatio: input.policy.maxRejectedRatio,
      });
      created = true;
      this.startProgress();
      await session.begin();
      await this.read(session);
      // Commit nothing before the whole request has arrived intact.
      await input.requestComplete;
      await this.flushRejected();
      const total = this.checkPolicy();
      await this.stopProgress();
      const saved =
        // As given: a field left out keeps meaning "the format's default" (XES keeps its own).
        // A table preset's mapping is one table's of several: the dataset keeps its own.
        input.saveMapping && input.mapping && !this.preset() ? input.mapping : null;
      const merged = await session.commit({
        totals: { bytes: input.bytes(), rowsRead: total, rowsRejected: this.counts.rejected },
        mapping: saved,
        channelRoles: this.rolesToSave(),
        queueActivities: input.queueActivities ?? null,
      });
      logger.log(
        `upload ${uploadId}: ${merged.inserted} new, ${merged.duplicates} duplicate, ` +
          `${this.counts.rejected} rejected; dataset ${dataset.id} at version ${merged.datasetVersion}`,
      );
    } catch (error) {
      await this.stopProgress();
      await this.abandon(session, error);
      const problem = toUploadProblem(error, input.fileName, this.instance);
      // The row may be another request's (the same client-chosen id, at the same moment).
      if (created) await this.recordFailure(problem);
      throw problem ?? error;
    } finally {
      await session.release();
    }
  }

  /**
   * The channel roles saved on success: the upload's, if any. A one-row-per-ticket export
   * without a mapped channel writes `hall`, which is in person: when the dataset's roles (from
   * a case table's 申报来源, say) lack it, it is added, so the queue visits stay trips.
   */
  private rolesToSave(): ChannelRoles | null {
    const { input, dataset } = this;
    const roles = input.channelRoles ?? dataset.channelRoles;
    const writesHall = input.layout === 'ticket-rows' && !input.mapping?.channel;
    if (!writesHall || roles === null || roles === undefined) return input.channelRoles ?? null;
    if (Object.keys(roles).some((value) => value.trim().toLowerCase() === 'hall')) {
      return input.channelRoles ?? null;
    }
    return { ...roles, hall: 'in-person' };
  }

  /** The table preset the upload is read with, or null. */
  private preset(): TablePreset | null {
    const { layout } = this.input;
    return layout !== undefined && isTablePreset(layout) ? layout : null;
  }

  /** Reads the batches into the session, counting and keeping rejected rows. */
  private async read(session: EventIngest): Promise<void> {
    const { config } = this.deps;
    const { input, dataset } = this;
    const preset = this.preset();
    const batches = readEventBatches(input.stream, {
      file: input.fileName,
      // A table preset finds its columns by name; the dataset's saved mapping (of another table,
      // perhaps) does not apply to it, only the mapping sent with the upload.
      mapping: (preset ? input.mapping : (input.mapping ?? dataset.mapping)) ?? undefined,
      timezone: dataset.timezone,
      // Neither the stored row nor the identity hash sees a raw citizen id.
      pseudonymizeKey: config.pseudonymKey,
      // Unmapped columns that look like citizen identifiers are stored pseudonymized.
      identifiers: { key: config.pseudonymKey, choices: input.identifiers },
      ...(input.format === undefined ? {} : { format: input.format }),
      ...(input.encoding === undefined ? {} : { encoding: input.encoding }),
      ticketRows: input.layout === 'ticket-rows',
      ...(preset === null ? {} : { preset }),
      ...(input.sheet === undefined ? {} : { sheet: input.sheet }),
    });
    for await (const batch of batches) {
      const staged: EventToStore[] = [];
      for (const item of batch) {
        if (item.kind === 'event') staged.push(item);
        else {
          this.reject({
            line: item.line,
            column: item.column,
            reason: item.reason,
            code: item.code,
            params: item.params,
            raw: item.raw ?? null,
          });
        }
      }
      this.counts.events += staged.length;
      if (input.maxEvents !== undefined && this.counts.events > input.maxEvents) {
        throw new ProblemException(
          413,
          'events.too-many',
          `A push carries at most ${input.maxEvents} events; send the rest in another request.`,
          { instance: this.instance },
        );
      }
      if (this.rejectedBuffer.length >= REJECTED_FLUSH) await this.flushRejected();
      await session.add(staged);
    }
  }

  private reject(row: RejectedRow): void {
    const { input } = this;
    this.counts.rejected += 1;
    this.firstRejected ??= row;
    if (this.rejectedKept < this.deps.config.maxRejectedRowsKept) {
      this.rejectedBuffer.push(row);
      this.rejectedKept += 1;
    }
    if (input.policy.onError === 'fail') {
      throw new ProblemException(
        422,
        'upload.rejected-row',
        `Line ${row.line}${row.column === null ? '' : `, column ${row.column}`}: ${row.reason}. ` +
          'The upload fails on the first rejected row (onError=fail); nothing was imported.',
        {
          file: input.fileName,
          line: row.line,
          ...(row.column === null ? {} : { column: row.column }),
          instance: this.instance,
        },
      );
    }
  }

  /** The rows read; throws when there were none or too many were rejected. */
  private checkPolicy(): number {
    const { input, counts, firstRejected } = this;
    const total = counts.events + counts.rejected;
    if (total === 0) {
      throw new ProblemException(422, 'upload.empty', `${input.fileName} contains no events.`, {
        file: input.fileName,
        instance: this.instance,
      });
    }
    const ratio = input.policy.maxRejectedRatio;
    if (firstRejected && counts.rejected / total > ratio) {
      throw new ProblemException(
        422,
        'upload.too-many-rejected',
        `${counts.rejected} of ${total} rows were rejected (more than ${+(ratio * 100).toFixed(4)}%); ` +
          `first at line ${firstRejected.line}: ${firstRejected.reason}. Nothing was imported.` +
          keptNote(counts.rejected, this.rejectedKept),
        {
          file: input.fileName,
          line: firstRejected.line,
          ...(firstRejected.column === null ? {} : { column: firstRejected.column }),
          instance: this.instance,
        },
      );
    }
    return total;
  }

  private flushRejected(): Promise<void> {
    const rows = this.rejectedBuffer;
    this.rejectedBuffer = [];
    this.rejectedWrites = this.rejectedWrites.then(() =>
      this.deps.uploads.addRejected(this.uploadId, rows),
    );
    return this.rejectedWrites;
  }

  private startProgress(): void {
    const { uploads, logger } = this.deps;
    this.progress = setInterval(() => {
      this.progressWrite = this.progressWrite
        .then(() =>
          uploads.updateProgress(this.uploadId, {
            bytes: this.input.bytes(),
            rowsRead: this.counts.events + this.counts.rejected,
            rowsRejected: this.counts.rejected,
          }),
        )
        .catch((e: unknown) => logger.warn(`upload ${this.uploadId} progress: ${String(e)}`));
    }, PROGRESS_INTERVAL_MS);
    this.progress.unref();
  }

  private async stopProgress(): Promise<void> {
    if (this.progress !== undefined) clearInterval(this.progress);
    this.progress = undefined;
    await this.progressWrite;
  }

  private async abandon(session: EventIngest, error: unknown): Promise<void> {
    try {
      await session.rollback();
    } catch (rollbackError) {
      // The connection is closed by release(); the transaction dies with it.
      this.deps.logger.warn(`rollback after ${String(error)}: ${String(rollbackError)}`);
    }
  }

  /** Stores the rejected rows read so far and marks the upload failed with the problem's code. */
  private async recordFailure(problem: ProblemException | null): Promise<void> {
    const { uploads, logger } = this.deps;
    const { uploadId } = this;
    await this.flushRejected().catch((e: unknown) =>
      logger.warn(`upload ${uploadId}: storing rejected rows: ${String(e)}`),
    );
    try {
      const current = await uploads.findById(uploadId);
      if (current?.status === 'receiving') {
        await uploads.markFailed(uploadId, {
          bytes: this.input.bytes(),
          rowsRead: this.counts.events + this.counts.rejected,
          rowsRejected: this.counts.rejected,
          code: problem?.problem.code ?? 'internal',
          message: problem?.message ?? 'internal error',
        });
      }
    } catch (markError) {
      // The database is gone: failInterrupted marks the row once it is back.
      if (!isConnectionError(markError)) throw markError;
      logger.warn(`upload ${uploadId}: marked failed later: ${String(markError)}`);
    }
  }
}

/** User-caused errors become problems; anything else stays an internal error (null). */
export function toUploadProblem(
  error: unknown,
  fileName: string,
  instance: string,
): ProblemException | null {
  if (error instanceof ProblemException) {
    return error.problem.instance
      ? error
      : new ProblemException(error.problem.status, error.problem.code, error.message, {
          ...error.problem,
          instance,
        });
  }
  // Our own stream errors (size limit, aborted request) come back wrapped as read failures.
  if (error instanceof IngestError && error.cause instanceof ProblemException) {
    return toUploadProblem(error.cause, fileName, instance);
  }
  if (error instanceof IngestError) {
    return new ProblemException(422, `ingest.${error.code}`, error.message, {
      file: error.file || fileName,
      ...(error.line === null ? {} : { line: error.line }),
      ...(error.column === null ? {} : { column: error.column }),
      instance,
    });
  }
  if (isConnectionError(error)) {
    return new ProblemException(
      503,
      'upload.interrupted',
      'The connection to the database was lost during the upload; nothing was imported. ' +
        'Send the file again once the service is back.',
      { file: fileName, instance },
    );
  }
  return null;
}
