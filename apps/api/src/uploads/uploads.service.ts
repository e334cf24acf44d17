import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  AppConfig,
  CONFIG,
  DatasetEntity,
  EventIngest,
  EventRepository,
  type EventToStore,
  UploadEntity,
  UploadRepository,
  isConnectionError,
} from '@onetrip/backend';
import {
  ColumnMapping,
  PartialColumnMappingSchema as mappingSchema,
  UploadListQuerySchema as LIST_QUERY,
  UploadOptionsSchema as policySchema,
  IdentifierChoices,
  UploadDto,
  UploadErrorPolicy,
  UploadPreviewDto,
  UploadSummaryDto,
} from '@onetrip/contracts';
import {
  IngestError,
  type IngestFormat,
  type IngestRecord,
  pseudonymize,
  readEventBatches,
} from '@onetrip/ingest';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { DatasetsService } from '../datasets/datasets.service';
import { ProblemException, isUuid, notFound } from '../problem/problem';
import { validate } from '../problem/validate';
import { parseIdentifiers } from './identifiers-option';
import { receiveFile, tooLarge } from './multipart';
import { PREVIEW_BYTES, previewFile } from './preview';

/** More rejected rows than this share of all rows fails the upload (issue #4's default policy). */
export const REJECTED_SHARE_LIMIT = 0.05;
/** Rejected rows shown in an upload report; the rest stay in rejected_row. */
const REPORT_REJECTED = 20;
/** How often a running upload writes its live counts (bytes, rows) to its row. */
const PROGRESS_INTERVAL_MS = 1000;
/**
 * Rejected rows are written in groups of this many while the upload runs, each write awaited
 * before the next batch is read: without that wait a file of millions of bad rows filled the
 * heap faster than they were stored. Only the first `maxRejectedRowsKept` are stored at all.
 */
const REJECTED_FLUSH = 1000;
/** Distinct citizen identifiers whose pseudonyms are remembered during one upload. */
const PSEUDONYM_CACHE = 65_536;

export interface UploadPolicy {
  onError: UploadErrorPolicy;
  /** 0..1: more rejected rows than this share of all rows fails the upload (policy `skip`). */
  maxRejectedRatio: number;
}

export const DEFAULT_POLICY: UploadPolicy = {
  onError: 'skip',
  maxRejectedRatio: REJECTED_SHARE_LIMIT,
};

/** What one ingest reads: an upload's file part, or a pushed NDJSON body. */
export interface IngestInput {
  fileName: string;
  stream: Readable;
  /** Bytes received so far. */
  bytes(): number;
  format?: IngestFormat;
  encoding?: string;
  /** Resolves when the whole request arrived intact; nothing is committed before. */
  requestComplete: Promise<void>;
  mapping?: Partial<ColumnMapping>;
  /** Save the (completed) mapping with the dataset on success. */
  saveMapping: boolean;
  /** Per unmapped column: keep, pseudonymize or drop (default: IdentifierGuard's rules). */
  identifiers?: IdentifierChoices;
  policy: UploadPolicy;
  /** A client-chosen upload id (to poll progress from the start), else a new one. */
  uploadId?: string;
  /** Fails with 413 beyond this many events (the push endpoint's batch limit). */
  maxEvents?: number;
}

/** The upload options given as form fields (before the file) or query parameters. */
export function parseUploadOptions(values: Record<string, string | undefined>): {
  policy: UploadPolicy;
  uploadId?: string;
  encoding?: string;
} {
  const parsed = policySchema.safeParse(
    Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      field: i.path.join('.'),
      message: i.message,
    }));
    throw new ProblemException(
      400,
      'upload.options-invalid',
      `Invalid upload options: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      { errors },
    );
  }
  const o = parsed.data;
  return {
    policy: {
      onError: o.onError ?? DEFAULT_POLICY.onError,
      maxRejectedRatio: o.maxRejectedRatio ?? DEFAULT_POLICY.maxRejectedRatio,
    },
    ...(o.uploadId === undefined ? {} : { uploadId: o.uploadId }),
    ...(o.encoding === undefined ? {} : { encoding: o.encoding }),
  };
}

export function parseMapping(text: string | undefined): Partial<ColumnMapping> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProblemException(
      400,
      'upload.mapping-invalid',
      'The mapping field is not valid JSON.',
    );
  }
  try {
    return validate(mappingSchema, json, 'mapping');
  } catch (error) {
    if (error instanceof ProblemException) {
      throw new ProblemException(
        400,
        'upload.mapping-invalid',
        error.problem.detail ?? 'Invalid mapping.',
        {
          errors: error.problem.errors,
        },
      );
    }
    throw error;
  }
}

/** Says, when it is so, that only the first rejected rows were stored. */
function keptNote(rejected: number, kept: number): string {
  return rejected > kept
    ? ` Only the first ${kept} rejected rows were stored (MAX_REJECTED_ROWS_KEPT); the rest were counted.`
    : '';
}

export function toUploadDto(u: UploadEntity, rejected: UploadDto['rejected']): UploadDto {
  return {
    id: u.id,
    datasetId: u.datasetId,
    fileName: u.fileName,
    status: u.status,
    bytes: u.bytes,
    rowsRead: u.rowsRead,
    rowsAccepted: u.rowsAccepted,
    rowsRejected: u.rowsRejected,
    rowsDuplicate: u.rowsDuplicate,
    onError: u.onError,
    maxRejectedRatio: u.maxRejectedRatio,
    errorCode: u.errorCode,
    error: u.error,
    rejected,
    createdAt: u.createdAt.toISOString(),
    finishedAt: u.finishedAt ? u.finishedAt.toISOString() : null,
  };
}

@Injectable()
export class UploadsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Uploads');

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetsService,
    private readonly uploads: UploadRepository,
    private readonly events: EventRepository,
  ) {}

  /** Uploads left `receiving` by an api that died are marked failed when the next one starts. */
  async onApplicationBootstrap(): Promise<void> {
    const n = await this.uploads.failInterrupted();
    if (n > 0) this.logger.warn(`${n} interrupted upload(s) marked failed; no events were kept`);
  }

  /**
   * A dataset's uploads, newest first (at most `limit`, 1–100, default 20). Uploads an api left
   * `receiving` when it died are marked failed first, so a reloaded page shows what happened.
   */
  async list(datasetId: string, query: Record<string, unknown>): Promise<UploadSummaryDto[]> {
    const { limit } = validate(LIST_QUERY, query, 'query');
    const dataset = await this.datasets.require(datasetId);
    await this.uploads.failInterrupted(dataset.id);
    const uploads = await this.uploads.listByDataset(dataset.id, limit);
    return uploads.map((u) => {
      const { rejected: _rejected, ...summary } = toUploadDto(u, []);
      return summary;
    });
  }

  async get(id: string): Promise<UploadDto> {
    const upload = isUuid(id) ? await this.uploads.findById(id) : null;
    if (!upload) throw notFound('upload', id);
    return this.report(upload);
  }

  /** All rejected rows of an upload as a CSV stream. */
  async rejectedCsv(id: string): Promise<{ fileName: string; stream: Readable }> {
    const upload = isUuid(id) ? await this.uploads.findById(id) : null;
    if (!upload) throw notFound('upload', id);
    const base = upload.fileName.replace(/\.[^.]*$/, '') || 'upload';
    return { fileName: `${base}.rejected.csv`, stream: await this.uploads.rejectedCsv(id) };
  }

  /** Streams a multipart upload through ingest into the dataset; answers with the report. */
  async receive(datasetId: string, req: IncomingMessage): Promise<UploadDto> {
    const dataset = await this.datasets.require(datasetId);
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      throw new ProblemException(
        415,
        'upload.not-multipart',
        'Send the file as multipart/form-data in a part named "file".',
      );
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.config.maxUploadBytes) {
      throw tooLarge(this.config.maxUploadBytes);
    }
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    return receiveFile(
      req,
      {
        maxFileBytes: this.config.maxUploadBytes,
        fileField: 'file',
        leadingFields: [
          'mapping',
          'identifiers',
          'onError',
          'maxRejectedRatio',
          'uploadId',
          'encoding',
        ],
      },
      (file, fields, requestComplete) => {
        const options = parseUploadOptions({ ...query, ...fields });
        const given = parseMapping(fields.mapping ?? query.mapping);
        const identifiers = parseIdentifiers(fields.identifiers ?? query.identifiers);
        return this.ingest(dataset, {
          ...(identifiers === undefined ? {} : { identifiers }),
          fileName: file.fileName,
          stream: file.stream,
          bytes: () => file.bytes(),
          requestComplete,
          ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
          ...(given === undefined ? {} : { mapping: given }),
          saveMapping: given !== undefined,
          policy: options.policy,
          ...(options.uploadId === undefined ? {} : { uploadId: options.uploadId }),
        });
      },
    );
  }

  /**
   * Looks at the first 64 KiB of a file (multipart part "file"; the rest, if sent, is discarded):
   * format, encoding, delimiter, headers, sample rows, a suggested mapping and the dataset's
   * saved one. Nothing is stored. Clients should send only the first 64 KiB (`file.slice`).
   */
  async preview(datasetId: string, req: IncomingMessage): Promise<UploadPreviewDto> {
    const dataset = await this.datasets.require(datasetId);
    if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
      throw new ProblemException(
        415,
        'upload.not-multipart',
        'Send the file as multipart/form-data in a part named "file".',
      );
    }
    return receiveFile(
      req,
      { maxFileBytes: this.config.maxUploadBytes, fileField: 'file', leadingFields: ['encoding'] },
      async (file, fields) => {
        const { encoding } = parseUploadOptions({ encoding: fields.encoding });
        const parts: Buffer[] = [];
        let length = 0;
        let complete = true;
        for await (const chunk of file.stream as AsyncIterable<Buffer>) {
          parts.push(chunk);
          length += chunk.length;
          if (length >= PREVIEW_BYTES) {
            complete = false;
            break;
          }
        }
        const head = Buffer.concat(parts).subarray(0, PREVIEW_BYTES);
        if (head.length === 0) {
          throw new ProblemException(422, 'upload.empty', `${file.fileName} is empty.`);
        }
        let preview;
        try {
          preview = await previewFile(head, file.fileName, {
            complete: complete && length <= PREVIEW_BYTES,
            ...(encoding === undefined ? {} : { encoding }),
          });
        } catch (error) {
          throw this.toProblem(error, file.fileName, `/api/v1/datasets/${dataset.id}`) ?? error;
        }
        return { ...preview, savedMapping: dataset.mapping, bytesRead: head.length };
      },
    );
  }

  /**
   * Reads events into the dataset in one transaction (docs/ingest.md#server-side): rejected rows
   * are stored as they come, live counts are written every second, the error policy decides at
   * the end (or at the first rejected row with `fail`). Answers with the upload's report.
   */
  async ingest(dataset: DatasetEntity, input: IngestInput): Promise<UploadDto> {
    await this.uploads.failInterrupted(dataset.id);
    const uploadId = input.uploadId ?? randomUUID();
    if (input.uploadId !== undefined && (await this.uploads.exists(uploadId))) {
      throw new ProblemException(409, 'upload.exists', `Upload ${uploadId} already exists.`);
    }
    const instance = `/api/v1/uploads/${uploadId}`;
    const session = await this.events.openIngest(dataset.id, uploadId);
    const counts = { events: 0, rejected: 0 };
    /** Rejected rows stored (or queued to be): the first `maxRejectedRowsKept`. */
    let rejectedKept = 0;
    const rejectedCap = this.config.maxRejectedRowsKept;
    let rejectedBuffer: { line: number; column: string | null; reason: string }[] = [];
    let firstRejected: { line: number; column: string | null; reason: string } | null = null;
    let rejectedWrites: Promise<void> = Promise.resolve();
    const flushRejected = (): Promise<void> => {
      const rows = rejectedBuffer;
      rejectedBuffer = [];
      rejectedWrites = rejectedWrites.then(() => this.uploads.addRejected(uploadId, rows));
      return rejectedWrites;
    };
    let progress: ReturnType<typeof setInterval> | undefined;
    let progressWrite: Promise<void> = Promise.resolve();
    const stopProgress = async (): Promise<void> => {
      if (progress !== undefined) clearInterval(progress);
      progress = undefined;
      await progressWrite;
    };
    let created = false;
    try {
      await this.uploads.create({
        id: uploadId,
        datasetId: dataset.id,
        fileName: input.fileName,
        onError: input.policy.onError,
        maxRejectedRatio: input.policy.maxRejectedRatio,
      });
      created = true;
      progress = setInterval(() => {
        progressWrite = progressWrite
          .then(() =>
            this.uploads.updateProgress(uploadId, {
              bytes: input.bytes(),
              rowsRead: counts.events + counts.rejected,
              rowsRejected: counts.rejected,
            }),
          )
          .catch((e: unknown) => this.logger.warn(`upload ${uploadId} progress: ${String(e)}`));
      }, PROGRESS_INTERVAL_MS);
      progress.unref();
      await session.begin();
      const mapping = input.mapping ?? dataset.mapping ?? undefined;
      const batches = readEventBatches(input.stream, {
        file: input.fileName,
        mapping,
        timezone: dataset.timezone,
        // Unmapped columns that look like citizen identifiers are stored pseudonymized.
        identifiers: { key: this.config.pseudonymKey, choices: input.identifiers },
        ...(input.format === undefined ? {} : { format: input.format }),
        ...(input.encoding === undefined ? {} : { encoding: input.encoding }),
      });
      const toStaged = this.stager();
      for await (const batch of batches) {
        const staged: EventToStore[] = [];
        for (const item of batch) {
          if (item.kind === 'event') {
            staged.push(toStaged(item));
            continue;
          }
          const row = { line: item.line, column: item.column, reason: item.reason };
          counts.rejected += 1;
          firstRejected ??= row;
          if (rejectedKept < rejectedCap) {
            rejectedBuffer.push(row);
            rejectedKept += 1;
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
                instance,
              },
            );
          }
        }
        counts.events += staged.length;
        if (input.maxEvents !== undefined && counts.events > input.maxEvents) {
          throw new ProblemException(
            413,
            'events.too-many',
            `A push carries at most ${input.maxEvents} events; send the rest in another request.`,
            { instance },
          );
        }
        if (rejectedBuffer.length >= REJECTED_FLUSH) await flushRejected();
        await session.add(staged);
      }
      // Commit nothing before the whole request has arrived intact.
      await input.requestComplete;
      await flushRejected();
      const total = counts.events + counts.rejected;
      if (total === 0) {
        throw new ProblemException(422, 'upload.empty', `${input.fileName} contains no events.`, {
          file: input.fileName,
          instance,
        });
      }
      const ratio = input.policy.maxRejectedRatio;
      if (firstRejected && counts.rejected / total > ratio) {
        throw new ProblemException(
          422,
          'upload.too-many-rejected',
          `${counts.rejected} of ${total} rows were rejected (more than ${+(ratio * 100).toFixed(4)}%); ` +
            `first at line ${firstRejected.line}: ${firstRejected.reason}. Nothing was imported.` +
            keptNote(counts.rejected, rejectedKept),
          {
            file: input.fileName,
            line: firstRejected.line,
            ...(firstRejected.column === null ? {} : { column: firstRejected.column }),
            instance,
          },
        );
      }
      await stopProgress();
      const saved =
        // As given: a field left out keeps meaning "the format's default" (XES keeps its own).
        input.saveMapping && input.mapping ? input.mapping : null;
      const merged = await session.commit({
        totals: { bytes: input.bytes(), rowsRead: total, rowsRejected: counts.rejected },
        mapping: saved,
      });
      this.logger.log(
        `upload ${uploadId}: ${merged.inserted} new, ${merged.duplicates} duplicate, ` +
          `${counts.rejected} rejected; dataset ${dataset.id} at version ${merged.datasetVersion}`,
      );
    } catch (error) {
      await stopProgress();
      await this.abandon(session, error);
      // The row may be another request's (the same client-chosen id, at the same moment).
      if (!created) throw this.toProblem(error, input.fileName, instance) ?? error;
      await flushRejected().catch((e: unknown) =>
        this.logger.warn(`upload ${uploadId}: storing rejected rows: ${String(e)}`),
      );
      const problem = this.toProblem(error, input.fileName, instance);
      try {
        const current = await this.uploads.findById(uploadId);
        if (current?.status === 'receiving') {
          await this.uploads.markFailed(uploadId, {
            bytes: input.bytes(),
            rowsRead: counts.events + counts.rejected,
            rowsRejected: counts.rejected,
            code: problem?.problem.code ?? 'internal',
            message: problem?.message ?? 'internal error',
          });
        }
      } catch (markError) {
        // The database is gone: failInterrupted marks the row once it is back.
        if (!isConnectionError(markError)) throw markError;
        this.logger.warn(`upload ${uploadId}: marked failed later: ${String(markError)}`);
      }
      throw problem ?? error;
    } finally {
      await session.release();
    }
    const done = await this.uploads.findById(uploadId);
    if (!done) throw notFound('upload', uploadId);
    return this.report(done);
  }

  private async abandon(session: EventIngest, error: unknown): Promise<void> {
    try {
      await session.rollback();
    } catch (rollbackError) {
      // The connection is closed by release(); the transaction dies with it.
      this.logger.warn(`rollback after ${String(error)}: ${String(rollbackError)}`);
    }
  }

  /**
   * An event record made ready to store, pseudonymizing first: neither the stored row nor the identity
   * hash sees the raw citizen id. Pseudonyms are cached per upload (a citizen has many events;
   * an HMAC costs more than parsing the row), bounded so memory stays flat.
   */
  private stager(): (item: Extract<IngestRecord, { kind: 'event' }>) => EventToStore {
    const key = this.config.pseudonymKey;
    const cache = new Map<string, string>();
    const pseudonym = (raw: string): string => {
      let p = cache.get(raw);
      if (p === undefined) {
        if (cache.size >= PSEUDONYM_CACHE) cache.clear();
        p = pseudonymize(raw, key);
        // `raw` is a slice of the parser's 64 KiB input chunk: keyed as is, every cached
        // citizen would keep its whole chunk alive. Concatenating then slicing makes V8 copy it.
        cache.set((' ' + raw).slice(1), p);
      }
      return p;
    };
    return (item) => {
      const e = item.event;
      if (e.citizen) e.citizen = pseudonym(e.citizen);
      return item;
    };
  }

  /** User-caused errors become problems; anything else stays an internal error (null). */
  private toProblem(error: unknown, fileName: string, instance: string): ProblemException | null {
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
      return this.toProblem(error.cause, fileName, instance);
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

  private async report(upload: UploadEntity): Promise<UploadDto> {
    const rejected = await this.uploads.firstRejected(upload.id, REPORT_REJECTED);
    const stored =
      rejected.length < REPORT_REJECTED
        ? rejected.length
        : await this.uploads.countRejected(upload.id);
    return {
      ...toUploadDto(
        upload,
        rejected.map((r) => ({ line: r.line, column: r.column, reason: r.reason })),
      ),
      rejectedStored: stored,
    };
  }
}
