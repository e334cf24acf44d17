import { Injectable } from '@nestjs/common';
import type { RunParams, RunStatus } from '@onetrip/contracts';
import type { MiningResult } from '@onetrip/mining';
import { DataSource, In, Repository } from 'typeorm';
import { MiningResultEntity } from '../entities/mining-result.entity';
import { MiningRunEntity } from '../entities/mining-run.entity';

@Injectable()
export class RunRepository {
  private readonly runs: Repository<MiningRunEntity>;
  private readonly results: Repository<MiningResultEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.runs = dataSource.getRepository(MiningRunEntity);
    this.results = dataSource.getRepository(MiningResultEntity);
  }

  /**
   * Records a queued run, or answers null when an identical run (same dataset version and params)
   * is already unfinished: the unique index uq_mining_run_active decides between two requests
   * arriving at the same moment.
   */
  async create(input: {
    datasetId: string;
    datasetVersion: number;
    params: RunParams;
    paramsHash: string;
  }): Promise<MiningRunEntity | null> {
    // ON CONFLICT DO NOTHING: the loser of the race gets no row (and no logged error).
    const result = await this.runs
      .createQueryBuilder()
      .insert()
      .into(MiningRunEntity)
      .values({ ...input, status: 'queued', progress: 0 })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (result.raw as { id?: string }[])[0]?.id;
    return id === undefined ? null : this.findById(id);
  }

  findById(id: string): Promise<MiningRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  /** The newest run with these params on this dataset version in one of the given states. */
  findSame(
    key: { datasetId: string; paramsHash: string; datasetVersion: number },
    statuses: RunStatus[],
  ): Promise<MiningRunEntity | null> {
    return this.runs.findOne({
      where: { ...key, status: In(statuses) },
      order: { createdAt: 'DESC' },
    });
  }

  listByDataset(datasetId: string, limit: number): Promise<MiningRunEntity[]> {
    return this.runs.find({ where: { datasetId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Runs that should have a live job: the reconciler's worklist. */
  listUnfinished(): Promise<MiningRunEntity[]> {
    return this.runs.find({
      where: { status: In(['queued', 'running']) },
      order: { createdAt: 'ASC' },
    });
  }

  /** queued|running → running; false when the run is already finished (a stale job). */
  async markRunning(id: string): Promise<boolean> {
    const r = await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'running', progress: 0, error: null, startedAt: () => 'now()' })
      .where('id = :id AND status IN (:...statuses)', { id, statuses: ['queued', 'running'] })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.runs.update(
      { id, status: 'running' },
      { progress: Math.min(1, Math.max(0, progress)) },
    );
  }

  /** Stores the result and marks the run completed, in one transaction. */
  async complete(id: string, result: MiningResult): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(MiningResultEntity).upsert({ runId: id, result }, ['runId']);
      await m
        .getRepository(MiningRunEntity)
        .update({ id }, { status: 'completed', progress: 1, error: null, finishedAt: new Date() });
    });
  }

  /** Marks a run failed; `why` is the code of a mining input error, with its parameters. */
  async fail(
    id: string,
    error: string,
    why?: { code: string; params: Readonly<Record<string, string | number>> },
  ): Promise<void> {
    await this.runs.update(
      { id },
      {
        status: 'failed',
        error,
        errorCode: why?.code ?? null,
        errorParams: why ? { ...why.params } : null,
        finishedAt: new Date(),
      },
    );
  }

  /**
   * An unfinished run whose job was lost goes back to queued (progress 0) for its new job; false
   * when it finished meanwhile.
   */
  async backToQueued(id: string): Promise<boolean> {
    const r = await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'queued', progress: 0 })
      .where('id = :id AND status IN (:...statuses)', { id, statuses: ['queued', 'running'] })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  /** Fails a run unless it finished meanwhile; false when it had. */
  async failUnfinished(id: string, error: string): Promise<boolean> {
    const r = await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'failed', error, finishedAt: () => 'now()' })
      .where('id = :id AND status IN (:...statuses)', { id, statuses: ['queued', 'running'] })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  /** Back to queued after a failed attempt that Bull will retry. */
  async requeue(id: string, error: string): Promise<void> {
    await this.runs.update({ id }, { status: 'queued', error });
  }

  findResult(runId: string): Promise<MiningResultEntity | null> {
    return this.results.findOneBy({ runId });
  }
}
