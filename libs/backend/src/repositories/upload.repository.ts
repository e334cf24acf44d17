import { Inject, Injectable } from '@nestjs/common';
import type { UploadErrorPolicy } from '@onetrip/contracts';
import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import { DataSource, Repository } from 'typeorm';
import { AppConfig, CONFIG } from '../config/config';
import { connectPg } from '../database/pg-connection';
import { RejectedRowEntity } from '../entities/rejected-row.entity';
import { UploadEntity } from '../entities/upload.entity';
import { UPLOAD_LOCK_SQL } from './event.repository';
import { assertUuid } from './uuid';

@Injectable()
export class UploadRepository {
  private readonly uploads: Repository<UploadEntity>;
  private readonly rejected: Repository<RejectedRowEntity>;

  constructor(
    dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    this.uploads = dataSource.getRepository(UploadEntity);
    this.rejected = dataSource.getRepository(RejectedRowEntity);
  }

  create(input: {
    id?: string;
    datasetId: string;
    fileName: string;
    onError?: UploadErrorPolicy;
    maxRejectedRatio?: number;
  }): Promise<UploadEntity> {
    return this.uploads.save(this.uploads.create({ ...input, status: 'receiving' }));
  }

  /** A dataset's uploads, newest first. */
  listByDataset(datasetId: string, limit: number): Promise<UploadEntity[]> {
    return this.uploads.find({
      where: { datasetId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
    });
  }

  async exists(id: string): Promise<boolean> {
    return this.uploads.existsBy({ id });
  }

  /** Live counts of an upload still receiving (the progress bar); no-op once it finished. */
  async updateProgress(
    id: string,
    input: { bytes: number; rowsRead: number; rowsRejected: number },
  ): Promise<void> {
    await this.uploads.update(
      { id, status: 'receiving' },
      { bytes: input.bytes, rowsRead: input.rowsRead, rowsRejected: input.rowsRejected },
    );
  }

  /**
   * Stores rejected rows at once, outside the upload's transaction: they stay downloadable
   * whether the upload then commits or fails.
   */
  async addRejected(
    uploadId: string,
    rows: readonly { line: number; column: string | null; reason: string }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.uploads.query(
      `INSERT INTO rejected_row (upload_id, line, "column", reason)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`,
      [uploadId, rows.map((r) => r.line), rows.map((r) => r.column), rows.map((r) => r.reason)],
    );
  }

  /**
   * Marks failed every upload still `receiving` whose ingest session is gone (its api was killed
   * or lost the database): a live ingest holds its upload's advisory lock, so those are skipped.
   * Their events were never committed; the dataset is as it was. Returns how many were marked.
   */
  async failInterrupted(datasetId?: string): Promise<number> {
    const rows = await this.uploads.query<{ id: string }[]>(
      `UPDATE upload SET status = 'failed', error_code = 'upload.interrupted',
         error = 'The upload was interrupted before it finished (the server stopped or lost its database connection); nothing was imported.',
         finished_at = now()
       WHERE status = 'receiving' AND ($1::uuid IS NULL OR dataset_id = $1::uuid)
         AND pg_try_advisory_xact_lock(${UPLOAD_LOCK_SQL.replace('%ID%', 'id')})
       RETURNING id`,
      [datasetId ?? null],
    );
    // node-postgres answers an UPDATE … RETURNING through TypeORM as [rows, count].
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown as { id: string }[]) : rows;
    return list.length;
  }

  findById(id: string): Promise<UploadEntity | null> {
    return this.uploads.findOneBy({ id });
  }

  /** How many rejected rows of an upload are stored. */
  async countRejected(uploadId: string): Promise<number> {
    const rows = await this.rejected.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM rejected_row WHERE upload_id = $1',
      [uploadId],
    );
    return rows[0]?.n ?? 0;
  }

  /** The first rejected rows of an upload, in file order. */
  firstRejected(uploadId: string, limit: number): Promise<RejectedRowEntity[]> {
    return this.rejected.find({ where: { uploadId }, order: { line: 'ASC' }, take: limit });
  }

  /** Marks an upload failed (bad request, parse error, size limit, error policy, aborted). */
  async markFailed(
    id: string,
    input: {
      bytes: number;
      code: string;
      message: string;
      rowsRead?: number;
      rowsRejected?: number;
    },
  ): Promise<void> {
    await this.uploads.update(
      { id },
      {
        status: 'failed',
        bytes: input.bytes,
        ...(input.rowsRead === undefined ? {} : { rowsRead: input.rowsRead, rowsAccepted: 0 }),
        ...(input.rowsRejected === undefined ? {} : { rowsRejected: input.rowsRejected }),
        errorCode: input.code,
        error: input.message,
        finishedAt: new Date(),
      },
    );
  }

  /**
   * Every rejected row of an upload as CSV (`line,column,reason`, with a header), streamed from
   * PostgreSQL with COPY. The connection closes when the stream ends or is destroyed.
   */
  async rejectedCsv(uploadId: string): Promise<Readable> {
    const id = assertUuid(uploadId);
    const client = await connectPg(this.config.databaseUrl, 'onetrip-copy');
    // A cell starting with = + - @ (or a tab or carriage return) is a formula to a spreadsheet,
    // and a column name comes from the user's file: a leading apostrophe makes it text.
    const cell = (c: string): string =>
      `CASE WHEN ${c} ~ '^[=+@\\t\\r-]' THEN '''' || ${c} ELSE ${c} END`;
    const stream = client.query(
      copyTo(
        `COPY (SELECT line, ${cell('"column"')} AS "column", ${cell('reason')} AS reason
         FROM rejected_row WHERE upload_id = '${id}'
         ORDER BY line, id) TO STDOUT WITH (FORMAT csv, HEADER)`,
      ),
    );
    stream.once('close', () => void client.end().catch(() => undefined));
    return stream;
  }
}
