import { Injectable } from '@nestjs/common';
import type { RejectionCode, UploadErrorPolicy } from '@onetrip/contracts';
import { DataSource, Repository } from 'typeorm';
import { RejectedRowEntity } from '../entities/rejected-row.entity';
import { UploadEntity } from '../entities/upload.entity';
import { UPLOAD_LOCK_SQL } from './event.repository';

/** A rejected row to store (IngestRecord 'rejected' of @onetrip/ingest, as the api keeps it). */
export interface RejectedRowInput {
  line: number;
  column: string | null;
  reason: string;
  code?: RejectionCode | null;
  params?: Readonly<Record<string, string | number>> | null;
  raw?: string | null;
}

/** What deleting an upload did (UploadRepository.delete). */
export type UploadDeletion =
  | { outcome: 'missing' }
  | { outcome: 'ingesting'; uploadIds: string[] }
  | {
      outcome: 'deleted';
      datasetId: string;
      /** The events this upload had added (its duplicates of earlier events were never its own). */
      eventsRemoved: number;
      /** Runs of the dataset deleted with their results, because they had mined those events. */
      runsRemoved: number;
      /** Of those, the ones queued or running, whose jobs the caller removes. */
      activeRunIds: string[];
    };

@Injectable()
export class UploadRepository {
  private readonly uploads: Repository<UploadEntity>;
  private readonly rejected: Repository<RejectedRowEntity>;

  constructor(private readonly dataSource: DataSource) {
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
  async addRejected(uploadId: string, rows: readonly RejectedRowInput[]): Promise<void> {
    if (rows.length === 0) return;
    await this.uploads.query(
      `INSERT INTO rejected_row (upload_id, line, "column", reason, code, params, raw)
       SELECT $1, line, col, reason, code, params::jsonb, raw
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS r(line, col, reason, code, params, raw)`,
      [
        uploadId,
        rows.map((r) => r.line),
        rows.map((r) => r.column),
        rows.map((r) => r.reason),
        rows.map((r) => r.code ?? null),
        rows.map((r) => (r.params ? JSON.stringify(r.params) : null)),
        rows.map((r) => r.raw ?? null),
      ],
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

  /**
   * Deletes an upload with the events it added and its rejected rows, in one transaction with the
   * dataset row locked (as an upload's merge and DatasetRepository.delete lock it). When events
   * went, the dataset's version moves on and every run of the dataset goes with its results and
   * facets: they were mined on those events. Refused while any upload of the dataset is still
   * receiving (its de-duplication may rest on the events being deleted).
   */
  delete(id: string): Promise<UploadDeletion> {
    return this.dataSource.transaction(async (manager) => {
      const found: { dataset_id: string }[] = await manager.query(
        `SELECT d.id AS dataset_id FROM upload u JOIN dataset d ON d.id = u.dataset_id
          WHERE u.id = $1 FOR UPDATE OF d`,
        [id],
      );
      const datasetId = found[0]?.dataset_id;
      if (datasetId === undefined) return { outcome: 'missing' };
      const receiving: { id: string }[] = await manager.query(
        `SELECT id FROM upload WHERE dataset_id = $1 AND status = 'receiving'`,
        [datasetId],
      );
      if (receiving.length > 0) {
        return { outcome: 'ingesting', uploadIds: receiving.map((u) => u.id) };
      }
      await manager.query('DELETE FROM rejected_row WHERE upload_id = $1', [id]);
      const events = await manager.query<[unknown[], number]>(
        'DELETE FROM event WHERE dataset_id = $1 AND upload_id = $2',
        [datasetId, id],
      );
      const eventsRemoved = events[1];
      let runs: { id: string; status: string }[] = [];
      if (eventsRemoved > 0) {
        runs = await manager.query('SELECT id, status FROM mining_run WHERE dataset_id = $1', [
          datasetId,
        ]);
        await manager.query(
          'DELETE FROM mining_result WHERE run_id IN (SELECT id FROM mining_run WHERE dataset_id = $1)',
          [datasetId],
        );
        await manager.query('DELETE FROM mining_run WHERE dataset_id = $1', [datasetId]);
        await manager.query('DELETE FROM dataset_facets WHERE dataset_id = $1', [datasetId]);
        await manager.query(
          `UPDATE dataset SET version = version + 1, event_count = event_count - $2::bigint,
             updated_at = now() WHERE id = $1`,
          [datasetId, eventsRemoved],
        );
      }
      await manager.query('DELETE FROM upload WHERE id = $1', [id]);
      return {
        outcome: 'deleted',
        datasetId,
        eventsRemoved,
        runsRemoved: runs.length,
        activeRunIds: runs
          .filter((r) => r.status === 'queued' || r.status === 'running')
          .map((r) => r.id),
      };
    });
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
   * Every rejected row of an upload, in file order, a page at a time (keyset pagination on
   * (line, id), so memory stays at one page whatever the count).
   */
  async *rejectedRows(uploadId: string, pageSize = 5000): AsyncGenerator<RejectedRowEntity[]> {
    let after: { line: number; id: string } | null = null;
    for (;;) {
      const page: RejectedRowEntity[] = await this.rejected
        .createQueryBuilder('r')
        .where('r.upload_id = :uploadId', { uploadId })
        .andWhere(after ? '(r.line, r.id) > (:line, :id)' : 'TRUE', after ?? {})
        .orderBy('r.line', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .limit(pageSize)
        .getMany();
      if (page.length === 0) return;
      yield page;
      if (page.length < pageSize) return;
      const last = page[page.length - 1];
      after = { line: last.line, id: last.id };
    }
  }
}
