import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AppConfig,
  CONFIG,
  DatasetEntity,
  EventRepository,
  StagedRow,
  UploadEntity,
  UploadRepository,
} from '@onetrip/backend';
import { ColumnMapping, DEFAULT_COLUMN_MAPPING, EVENT_FIELDS, UploadDto } from '@onetrip/contracts';
import { IngestError, eventIdentity, pseudonymize, readEvents } from '@onetrip/ingest';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { DatasetsService } from '../datasets/datasets.service';
import { ProblemException, isUuid, notFound } from '../problem/problem';
import { validate } from '../problem/validate';
import { IncomingFile, receiveFile, tooLarge } from './multipart';

/** More rejected rows than this share of all rows fails the upload (issue #4's default policy). */
export const REJECTED_SHARE_LIMIT = 0.05;
/** Rejected rows shown in an upload report; the rest stay in rejected_row. */
const REPORT_REJECTED = 20;

const mappingSchema = z
  .object(Object.fromEntries(EVENT_FIELDS.map((f) => [f, z.string().min(1).optional()])))
  .strict();

function parseMapping(text: string | undefined): Partial<ColumnMapping> | undefined {
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
    errorCode: u.errorCode,
    error: u.error,
    rejected,
    createdAt: u.createdAt.toISOString(),
    finishedAt: u.finishedAt ? u.finishedAt.toISOString() : null,
  };
}

@Injectable()
export class UploadsService {
  private readonly logger = new Logger('Uploads');

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly datasets: DatasetsService,
    private readonly uploads: UploadRepository,
    private readonly events: EventRepository,
  ) {}

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
    return receiveFile(
      req,
      { maxFileBytes: this.config.maxUploadBytes, fileField: 'file', leadingFields: ['mapping'] },
      (file, fields, requestComplete) => this.ingest(dataset, file, fields, requestComplete),
    );
  }

  private async ingest(
    dataset: DatasetEntity,
    file: IncomingFile,
    fields: Readonly<Record<string, string>>,
    requestComplete: Promise<void>,
  ): Promise<UploadDto> {
    const given = parseMapping(fields.mapping);
    const upload = await this.uploads.create({ datasetId: dataset.id, fileName: file.fileName });
    const instance = `/api/v1/uploads/${upload.id}`;
    try {
      const mapping = given ?? dataset.mapping ?? undefined;
      // The format follows the file name's extension (.csv, .ndjson, .xes, .gz), else is sniffed.
      const items = readEvents(file.stream, {
        file: file.fileName,
        mapping,
        timezone: dataset.timezone,
      });
      const staging = await this.events.stage(dataset.id, upload.id, this.stagedRows(items));
      try {
        // Commit nothing before the whole request has arrived intact.
        await requestComplete;
        const { events, rejected, firstRejected } = staging.counts;
        const total = events + rejected;
        if (total === 0) {
          throw new ProblemException(422, 'upload.empty', `${file.fileName} contains no events.`, {
            file: file.fileName,
            instance,
          });
        }
        if (firstRejected && rejected / total > REJECTED_SHARE_LIMIT) {
          const problem = new ProblemException(
            422,
            'upload.too-many-rejected',
            `${rejected} of ${total} rows were rejected (more than ${REJECTED_SHARE_LIMIT * 100}%); ` +
              `first at line ${firstRejected.line}: ${firstRejected.reason}. Nothing was imported.`,
            {
              file: file.fileName,
              line: firstRejected.line,
              ...(firstRejected.column === null ? {} : { column: firstRejected.column }),
              instance,
            },
          );
          await staging.fail({
            bytes: file.bytes(),
            code: problem.problem.code,
            message: problem.message,
          });
          throw problem;
        }
        const saved = given ? { ...DEFAULT_COLUMN_MAPPING, ...given } : null;
        const merged = await staging.merge({ bytes: file.bytes(), mapping: saved });
        this.logger.log(
          `upload ${upload.id}: ${merged.inserted} new, ${merged.duplicates} duplicate, ` +
            `${merged.rejected} rejected; dataset ${dataset.id} at version ${merged.datasetVersion}`,
        );
      } finally {
        await staging.release();
      }
    } catch (error) {
      const problem = this.toProblem(error, file.fileName, instance);
      const current = await this.uploads.findById(upload.id);
      if (current?.status === 'receiving') {
        await this.uploads.markFailed(upload.id, {
          bytes: file.bytes(),
          code: problem?.problem.code ?? 'internal',
          message: problem?.message ?? 'internal error',
        });
      }
      throw problem ?? error;
    }
    const done = await this.uploads.findById(upload.id);
    if (!done) throw notFound('upload', upload.id);
    return this.report(done);
  }

  private async *stagedRows(items: ReturnType<typeof readEvents>): AsyncGenerator<StagedRow> {
    const key = this.config.pseudonymKey;
    for await (const item of items) {
      if (item.kind === 'rejected') {
        yield { kind: 'rejected', line: item.line, column: item.column, reason: item.reason };
        continue;
      }
      const e = item.event;
      // Pseudonymize first: neither the stored row nor the identity hash sees the raw id.
      const citizen = e.citizen ? pseudonymize(e.citizen, key) : null;
      const event = { ...e, citizen };
      yield {
        kind: 'event',
        event: {
          identity: eventIdentity(event),
          caseId: e.caseId,
          activity: e.activity,
          timestamp: e.timestamp,
          startTimestamp: e.startTimestamp ?? null,
          lifecycle: e.lifecycle ?? null,
          resource: e.resource ?? null,
          citizenKey: citizen,
          service: e.service ?? null,
          channel: e.channel ?? null,
          location: e.location ?? null,
          department: e.department ?? null,
          sourceSystem: e.sourceSystem ?? null,
          attributes: e.attributes,
          line: item.line,
        },
      };
    }
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
    return null;
  }

  private async report(upload: UploadEntity): Promise<UploadDto> {
    const rejected = await this.uploads.firstRejected(upload.id, REPORT_REJECTED);
    return toUploadDto(
      upload,
      rejected.map((r) => ({ line: r.line, column: r.column, reason: r.reason })),
    );
  }
}
