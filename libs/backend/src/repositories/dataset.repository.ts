import { Injectable } from '@nestjs/common';
import type { ChannelRoles, DeadlineSettings, QueueActivities } from '@onetrip/contracts';
import { DataSource, Repository } from 'typeorm';

/** What deleting a dataset did: `ingesting` when an upload is still being read (nothing deleted). */
export type DatasetDeletion =
  | { outcome: 'deleted'; activeRunIds: string[] }
  | { outcome: 'missing' }
  | { outcome: 'ingesting'; uploadIds: string[] };

/**
 * Every table holding rows of a dataset, children first, with the condition that picks them.
 * `event` has no foreign key (its volume), so it is deleted explicitly; the others cascade too,
 * but are deleted explicitly so that the order and the set are written down in one place.
 */
const DATASET_ROWS: readonly { table: string; where: string }[] = [
  { table: 'rejected_row', where: 'upload_id IN (SELECT id FROM upload WHERE dataset_id = $1)' },
  { table: 'event', where: 'dataset_id = $1' },
  {
    table: 'mining_result',
    where: 'run_id IN (SELECT id FROM mining_run WHERE dataset_id = $1)',
  },
  { table: 'mining_run', where: 'dataset_id = $1' },
  { table: 'upload', where: 'dataset_id = $1' },
  { table: 'dataset_facets', where: 'dataset_id = $1' },
  { table: 'ingestion_key', where: 'dataset_id = $1' },
  { table: 'dataset', where: 'id = $1' },
];
import { DatasetEntity } from '../entities/dataset.entity';

@Injectable()
export class DatasetRepository {
  private readonly repo: Repository<DatasetEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(DatasetEntity);
  }

  create(input: {
    name: string;
    description: string | null;
    timezone: string;
    department: string | null;
  }): Promise<DatasetEntity> {
    return this.repo.save(this.repo.create(input));
  }

  /** Newest first; with `departments`, only datasets of those departments or of none. */
  list(departments?: readonly string[]): Promise<DatasetEntity[]> {
    const qb = this.repo.createQueryBuilder('d').orderBy('d.created_at', 'DESC');
    if (departments) {
      qb.where('(d.department IS NULL OR d.department = ANY(:departments))', {
        departments: [...departments],
      });
    }
    return qb.getMany();
  }

  findById(id: string): Promise<DatasetEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Sets what may change after the upload (fields left out stay); null when the dataset is gone. */
  async updateSettings(
    id: string,
    settings: {
      channelRoles?: ChannelRoles | null;
      queueActivities?: QueueActivities | null;
      deadlines?: DeadlineSettings | null;
      timezone?: string;
      department?: string | null;
    },
  ): Promise<DatasetEntity | null> {
    const result = await this.repo.update({ id }, settings);
    return result.affected ? this.findById(id) : null;
  }

  /**
   * Deletes the dataset and all its rows in one transaction. Refused (nothing deleted) while an
   * upload is still receiving: the dataset row is locked first, so no upload can start or finish
   * in between. Returns the runs that were queued or running, whose jobs the caller removes.
   */
  delete(id: string): Promise<DatasetDeletion> {
    return this.dataSource.transaction(async (manager) => {
      const locked: unknown[] = await manager.query(
        'SELECT id FROM dataset WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (locked.length === 0) return { outcome: 'missing' };
      const receiving: { id: string }[] = await manager.query(
        `SELECT id FROM upload WHERE dataset_id = $1 AND status = 'receiving'`,
        [id],
      );
      if (receiving.length > 0) {
        return { outcome: 'ingesting', uploadIds: receiving.map((u) => u.id) };
      }
      const active: { id: string }[] = await manager.query(
        `SELECT id FROM mining_run WHERE dataset_id = $1 AND status IN ('queued', 'running')`,
        [id],
      );
      for (const { table, where } of DATASET_ROWS) {
        await manager.query(`DELETE FROM ${table} WHERE ${where}`, [id]);
      }
      return { outcome: 'deleted', activeRunIds: active.map((r) => r.id) };
    });
  }
}
