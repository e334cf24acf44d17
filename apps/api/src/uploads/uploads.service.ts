import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  AppConfig,
  CONFIG,
  DatasetEntity,
  EventRepository,
  UploadEntity,
  UploadRepository,
} from '@onetrip/backend';
import {
  isRejectionCode,
  type RejectionLocale,
  UploadListQuerySchema,
  UploadDeletionDto,
  UploadDto,
  UploadPreviewDto,
  UploadSummaryDto,
} from '@onetrip/contracts';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { DatasetsService } from '../datasets/datasets.service';
import { ProblemException, isUuid, notFound } from '../problem/problem';
import { validate } from '../problem/validate';
import type { AuthUser } from '../auth/auth-user';
import { rowScope } from '../auth/row-scope';
import { IngestRun, toUploadProblem, type IngestInput } from './ingest-run';
import { receiveFile, tooLarge } from './multipart';
import { isWorkbookName, PREVIEW_BYTES, previewFile } from './preview';
import { rejectedRowsCsv } from './rejected-csv';
import { parseUploadOptions, readIngestOptions } from './upload-options';

/** Uploads and previews come as multipart/form-data with the file in a part named "file". */
function requireMultipart(req: IncomingMessage): void {
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
    throw new ProblemException(
      415,
      'upload.not-multipart',
      'Send the file as multipart/form-data in a part named "file".',
    );
  }
}

/** Rejected rows shown in an upload report; the rest stay in rejected_row. */
const REPORT_REJECTED = 20;

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
    const { limit } = validate(UploadListQuerySchema, query, 'query');
    const dataset = await this.datasets.require(datasetId);
    await this.uploads.failInterrupted(dataset.id);
    const uploads = await this.uploads.listByDataset(dataset.id, limit);
    return uploads.map((u) => {
      const { rejected: _rejected, ...summary } = toUploadDto(u, []);
      return summary;
    });
  }

  /**
   * Deletes an upload with the events it added and its rejected rows; when events went, the
   * dataset's runs and results go too (they were mined on them) and its version moves on.
   * 409 `upload.receiving` while an upload of the dataset is still being read.
   */
  async delete(id: string): Promise<UploadDeletionDto> {
    const upload = isUuid(id) ? await this.uploads.findById(id) : null;
    if (!upload) throw notFound('upload', id);
    // An upload an api left `receiving` when it died is failed first, so it can be deleted.
    await this.uploads.failInterrupted(upload.datasetId);
    const deletion = await this.uploads.delete(id);
    if (deletion.outcome === 'missing') throw notFound('upload', id);
    if (deletion.outcome === 'ingesting') {
      throw new ProblemException(
        409,
        'upload.receiving',
        `Dataset ${upload.datasetId} has an upload still being read (${deletion.uploadIds.join(', ')}); ` +
          'wait for it to finish or cancel it, then delete the upload.',
      );
    }
    this.logger.log(
      `upload ${id} deleted: ${deletion.eventsRemoved} event(s), ${deletion.runsRemoved} run(s)`,
    );
    await this.datasets.removeJobs(deletion.activeRunIds);
    return { eventsRemoved: deletion.eventsRemoved, runsRemoved: deletion.runsRemoved };
  }

  async get(id: string): Promise<UploadDto> {
    const upload = isUuid(id) ? await this.uploads.findById(id) : null;
    if (!upload) throw notFound('upload', id);
    return this.report(upload);
  }

  /**
   * All rejected rows of an upload as a CSV stream in `locale` (rejected-csv.ts: UTF-8 with a
   * BOM, formula-safe cells, the original rows).
   */
  /**
   * The rejected rows as CSV: raw rows of the file, which no department filter can scope, so a
   * row-scoped user (docs/security.md#row-level-scoping) is refused them.
   */
  async rejectedCsv(
    id: string,
    locale: RejectionLocale,
    user: AuthUser,
  ): Promise<{ fileName: string; stream: Readable }> {
    const upload = isUuid(id) ? await this.uploads.findById(id) : null;
    if (!upload) throw notFound('upload', id);
    if (rowScope(user, await this.datasets.require(upload.datasetId)) !== null) {
      throw new ProblemException(
        403,
        'scope.raw-rows',
        'Rejected rows are raw rows of the file and cannot be limited to your departments; ' +
          "only an admin or an analyst of the dataset's department may download them.",
      );
    }
    const base = upload.fileName.replace(/\.[^.]*$/, '') || 'upload';
    const stream = Readable.from(rejectedRowsCsv(this.uploads.rejectedRows(upload.id), locale), {
      objectMode: false,
    });
    return { fileName: `${base}.rejected.csv`, stream };
  }

  /** Streams a multipart upload through ingest into the dataset; answers with the report. */
  async receive(datasetId: string, req: IncomingMessage): Promise<UploadDto> {
    const dataset = await this.datasets.require(datasetId);
    requireMultipart(req);
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
          'channelRoles',
          'queueActivities',
          'layout',
          'onError',
          'maxRejectedRatio',
          'uploadId',
          'encoding',
          'sheet',
        ],
      },
      (file, fields, requestComplete) => {
        const options = readIngestOptions({ ...query, ...fields });
        return this.ingest(dataset, {
          fileName: file.fileName,
          stream: file.stream,
          bytes: () => file.bytes(),
          requestComplete,
          ...options,
          saveMapping: options.mapping !== undefined,
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
    requireMultipart(req);
    return receiveFile(
      req,
      {
        maxFileBytes: this.config.maxUploadBytes,
        fileField: 'file',
        leadingFields: ['encoding', 'sheet'],
      },
      async (file, fields) => {
        const { encoding, sheet } = parseUploadOptions({
          encoding: fields.encoding,
          sheet: fields.sheet,
        });
        // A workbook's directory is at its end: the preview needs all of it.
        const whole = isWorkbookName(file.fileName);
        const parts: Buffer[] = [];
        let length = 0;
        let complete = true;
        for await (const chunk of file.stream as AsyncIterable<Buffer>) {
          parts.push(chunk);
          length += chunk.length;
          if (!whole && length >= PREVIEW_BYTES) {
            complete = false;
            break;
          }
        }
        const head = whole ? Buffer.concat(parts) : Buffer.concat(parts).subarray(0, PREVIEW_BYTES);
        if (head.length === 0) {
          throw new ProblemException(422, 'upload.empty', `${file.fileName} is empty.`);
        }
        let preview;
        try {
          preview = await previewFile(head, file.fileName, {
            complete: whole || (complete && length <= PREVIEW_BYTES),
            ...(encoding === undefined ? {} : { encoding }),
            ...(sheet === undefined ? {} : { sheet }),
          });
        } catch (error) {
          throw toUploadProblem(error, file.fileName, `/api/v1/datasets/${dataset.id}`) ?? error;
        }
        return {
          ...preview,
          savedMapping: dataset.mapping,
          savedChannelRoles: dataset.channelRoles,
          savedQueueActivities: dataset.queueActivities,
          bytesRead: head.length,
        };
      },
    );
  }

  /**
   * Reads events into the dataset in one transaction (IngestRun, docs/ingest.md#server-side) and
   * answers with the upload's report.
   */
  async ingest(dataset: DatasetEntity, input: IngestInput): Promise<UploadDto> {
    await this.uploads.failInterrupted(dataset.id);
    const uploadId = input.uploadId ?? randomUUID();
    if (input.uploadId !== undefined && (await this.uploads.exists(uploadId))) {
      throw new ProblemException(409, 'upload.exists', `Upload ${uploadId} already exists.`);
    }
    const deps = {
      config: this.config,
      uploads: this.uploads,
      events: this.events,
      logger: this.logger,
    };
    await new IngestRun(deps, dataset, input, uploadId).run();
    const done = await this.uploads.findById(uploadId);
    if (!done) throw notFound('upload', uploadId);
    return this.report(done);
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
        rejected.map((r) => ({
          line: r.line,
          column: r.column,
          reason: r.reason,
          ...(isRejectionCode(r.code) ? { code: r.code, params: r.params ?? {} } : {}),
          ...(r.raw === null ? {} : { raw: r.raw }),
        })),
      ),
      rejectedStored: stored,
    };
  }
}
