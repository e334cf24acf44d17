import { Injectable } from '@nestjs/common';
import type { KpiSeriesLine } from '@onetrip/mining';
import { DataSource, Repository } from 'typeorm';
import { GoalEntity } from '../entities/goal.entity';

/** What a goal is measured on, per dataset version: the newest completed unfiltered run. */
export interface MeasuredVersion {
  datasetVersion: number;
  runId: string;
  finishedAt: Date | null;
  /** The result's monthly KPI series; null when it was stored before series existed. */
  month: KpiSeriesLine[] | null;
}

/** Goals, and the KPI series of the stored results they are measured on. */
@Injectable()
export class GoalRepository {
  private readonly goals: Repository<GoalEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.goals = dataSource.getRepository(GoalEntity);
  }

  create(
    fields: Omit<GoalEntity, 'id' | 'createdAt' | 'updatedAt' | 'dataset'>,
  ): Promise<GoalEntity> {
    return this.goals.save(this.goals.create(fields));
  }

  listByDataset(datasetId: string): Promise<GoalEntity[]> {
    return this.goals.find({ where: { datasetId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  find(datasetId: string, id: string): Promise<GoalEntity | null> {
    return this.goals.findOneBy({ datasetId, id });
  }

  async save(goal: GoalEntity): Promise<GoalEntity> {
    return this.goals.save(goal);
  }

  async remove(datasetId: string, id: string): Promise<boolean> {
    const r = await this.goals.delete({ datasetId, id });
    return (r.affected ?? 0) > 0;
  }

  /**
   * Per dataset version (oldest first), the newest completed run without a filter and its
   * monthly series, read out of the stored result in the database (not the whole result).
   * `latestOnly`: the newest version only.
   */
  async measuredVersions(datasetId: string, latestOnly = false): Promise<MeasuredVersion[]> {
    const rows: {
      dataset_version: number;
      run_id: string;
      finished_at: Date | null;
      month: KpiSeriesLine[] | null;
    }[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (r.dataset_version) r.dataset_version, r.id AS run_id, r.finished_at,
                res.result -> 'insights' -> 'kpiSeries' -> 'month' AS month
           FROM mining_run r JOIN mining_result res ON res.run_id = r.id
          WHERE r.dataset_id = $1 AND r.status = 'completed' AND NOT (r.params ? 'filter')
          ORDER BY r.dataset_version DESC, r.finished_at DESC NULLS LAST, r.created_at DESC
       ) v ORDER BY v.dataset_version ${latestOnly ? 'DESC LIMIT 1' : 'ASC'}`,
      [datasetId],
    );
    return rows.map((r) => ({
      datasetVersion: r.dataset_version,
      runId: r.run_id,
      finishedAt: r.finished_at,
      month: r.month,
    }));
  }
}
