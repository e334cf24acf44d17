import { Injectable } from '@nestjs/common';
import type { RunParams, RunStatus } from '@onetrip/contracts';
import type { MiningResult, PartialResultJson } from '@onetrip/mining';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { MiningResultEntity } from '../entities/mining-result.entity';
import { MiningRunEntity } from '../entities/mining-run.entity';
import { RunShardEntity, type ShardStatus } from '../entities/run-shard.entity';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** What storing a shard's partial did: false when the run is no longer running (cancelled). */
export type ShardStored =
  { stored: false } | { stored: true; shardsDone: number; shards: number; counted: boolean };

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

  /** Progress of a running run; false when it is no longer running (cancelled: stop mining). */
  async setProgress(id: string, progress: number, rowsRead?: number): Promise<boolean> {
    const r = await this.runs.update(
      { id, status: 'running' },
      {
        progress: Math.min(1, Math.max(0, progress)),
        ...(rowsRead === undefined ? {} : { rowsRead }),
      },
    );
    return (r.affected ?? 0) > 0;
  }

  /**
   * THE point where a run finishes with a result (unsharded runs and the merge of sharded ones
   * both end here): stores the result, marks the run completed and drops its shards' partials, in
   * one transaction. False (nothing stored) when the run was cancelled or failed meanwhile. Work
   * that must follow a finished run (e.g. a goal's value) belongs here, or right after it.
   */
  async complete(id: string, result: MiningResult, rowsRead?: number): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const r = await m
        .getRepository(MiningRunEntity)
        .createQueryBuilder()
        .update()
        .set({
          status: 'completed',
          progress: 1,
          error: null,
          finishedAt: () => 'now()',
          ...(rowsRead === undefined ? {} : { rowsRead }),
        })
        .where('id = :id AND status IN (:...statuses)', { id, statuses: ['queued', 'running'] })
        .execute();
      if ((r.affected ?? 0) === 0) return false;
      await m.getRepository(MiningResultEntity).upsert({ runId: id, result }, ['runId']);
      await m.getRepository(RunShardEntity).update({ runId: id }, { partial: null });
      return true;
    });
  }

  /**
   * Splits a running run into `count` shards (one run_shard row each), unless it was split
   * before (a re-run planning job keeps the first split). Answers the run's shard count and the
   * shards not done yet; null when the run is no longer running.
   */
  async planShards(
    id: string,
    count: number,
  ): Promise<{ shards: number; pending: number[] } | null> {
    return this.dataSource.transaction(async (m) => {
      const rows = await m.query<{ shards: number }[]>(
        `WITH u AS (UPDATE mining_run SET shards = coalesce(shards, $2)
           WHERE id = $1 AND status = 'running' RETURNING shards) SELECT shards FROM u`,
        [id, count],
      );
      const shards = rows[0]?.shards;
      if (shards === undefined) return null;
      if (shards === 1) return { shards, pending: [] };
      await m.query(
        `INSERT INTO run_shard (run_id, shard_no) SELECT $1, generate_series(0, $2 - 1)
         ON CONFLICT DO NOTHING`,
        [id, shards],
      );
      const pending = await m.query<{ shard_no: number }[]>(
        `SELECT shard_no FROM run_shard WHERE run_id = $1 AND status <> 'done' ORDER BY shard_no`,
        [id],
      );
      return { shards, pending: pending.map((p) => p.shard_no) };
    });
  }

  listShards(runId: string): Promise<RunShardEntity[]> {
    return this.dataSource.getRepository(RunShardEntity).find({
      where: { runId },
      order: { shardNo: 'ASC' },
      select: [
        'runId',
        'shardNo',
        'status',
        'rowsRead',
        'attempts',
        'worker',
        'error',
        'updatedAt',
      ],
    });
  }

  /**
   * A shard attempt begins: counted, its reader noted, its rows read reset. A shard done before
   * stays done, with its rows read (its re-run overwrites its partial but is not counted twice,
   * and the run's rows read stay whole while it re-reads). False when the run
   * is not running or the shard is gone (cancelled).
   */
  async startShard(runId: string, shard: number, worker: string): Promise<boolean> {
    const rows = await this.dataSource.query<{ status: ShardStatus }[]>(
      `WITH u AS (
         UPDATE run_shard SET attempts = attempts + 1, worker = $3, error = NULL,
           rows_read = CASE WHEN status = 'done' THEN rows_read ELSE 0 END,
           status = CASE WHEN status = 'done' THEN 'done' ELSE 'running' END, updated_at = now()
         WHERE run_id = $1 AND shard_no = $2
           AND EXISTS (SELECT 1 FROM mining_run WHERE id = $1 AND status = 'running')
         RETURNING status)
       SELECT status FROM u`,
      [runId, shard, worker],
    );
    return rows.length > 0;
  }

  /**
   * A shard's rows read so far, and the run's progress from all its shards' rows over `total`
   * (kept below 1 until the result is stored). False when the run is no longer running.
   */
  async shardProgress(
    runId: string,
    shard: number,
    rowsRead: number,
    total: number,
  ): Promise<boolean> {
    await this.dataSource.query(
      `UPDATE run_shard SET rows_read = $3
       WHERE run_id = $1 AND shard_no = $2 AND status <> 'done'`,
      [runId, shard, rowsRead],
    );
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH r AS (SELECT coalesce(sum(rows_read), 0)::bigint AS n FROM run_shard WHERE run_id = $1),
       u AS (UPDATE mining_run SET rows_read = r.n,
               progress = least(0.99, CASE WHEN $2::float8 > 0 THEN r.n / $2::float8 ELSE 0 END)
             FROM r WHERE id = $1 AND status = 'running' RETURNING id)
       SELECT id FROM u`,
      [runId, total],
    );
    return rows.length > 0;
  }

  /**
   * Stores a shard's partial (overwriting the one of an earlier attempt) and, the first time the
   * shard is done, adds it to the run's counter, in one transaction: the answer tells whether
   * every shard is now done (shardsDone === shards), which the merge waits for. Not stored when
   * the shard or run is gone or no longer running (cancelled, failed).
   */
  async storeShard(
    runId: string,
    shard: number,
    partial: PartialResultJson,
    rowsRead: number,
  ): Promise<ShardStored> {
    // Compressed before the transaction: its row locks are held only for the writes.
    const encoded = await gzip(JSON.stringify(partial));
    return this.dataSource.transaction(async (m) => {
      const run = await lockedRun(m, runId);
      if (run?.status !== 'running') return { stored: false };
      const before = await m.query<{ status: ShardStatus }[]>(
        `SELECT status FROM run_shard WHERE run_id = $1 AND shard_no = $2 FOR UPDATE`,
        [runId, shard],
      );
      if (before.length === 0) return { stored: false };
      await m.query(
        `UPDATE run_shard SET partial = $3, status = 'done', rows_read = $4, error = NULL,
           updated_at = now() WHERE run_id = $1 AND shard_no = $2`,
        [runId, shard, encoded, rowsRead],
      );
      const counted = before[0].status !== 'done';
      // The run's rows read: every shard's, this one's final count included (same transaction).
      const [after] = await m.query<{ shards_done: number; shards: number }[]>(
        `WITH u AS (UPDATE mining_run SET shards_done = shards_done + ${counted ? 1 : 0},
           rows_read = (SELECT coalesce(sum(rows_read), 0) FROM run_shard WHERE run_id = $1)
         WHERE id = $1 RETURNING shards_done, shards) SELECT * FROM u`,
        [runId],
      );
      return { stored: true, shardsDone: after.shards_done, shards: after.shards, counted };
    });
  }

  /** A failed shard attempt that Bull will retry: back to queued (a done shard stays done). */
  async shardRetry(runId: string, shard: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE run_shard SET error = $3, updated_at = now(),
         status = CASE WHEN status = 'done' THEN 'done' ELSE 'queued' END
       WHERE run_id = $1 AND shard_no = $2`,
      [runId, shard, error],
    );
  }

  /** Puts a shard whose job vanished back to queued for its new job (a done one stays done). */
  async shardBackToQueued(runId: string, shard: number): Promise<void> {
    await this.shardRetry(runId, shard, 'its job was lost; queued again');
  }

  /** The stored partial of one shard (null when not stored). */
  async shardPartial(runId: string, shard: number): Promise<PartialResultJson | null> {
    const rows = await this.dataSource.query<{ partial: Buffer | null }[]>(
      `SELECT partial FROM run_shard WHERE run_id = $1 AND shard_no = $2`,
      [runId, shard],
    );
    const stored = rows[0]?.partial;
    if (!stored) return null;
    return JSON.parse((await gunzip(stored)).toString('utf8')) as PartialResultJson;
  }

  /**
   * Cancels a queued or running run: status cancelled and every shard row (with its partial)
   * deleted, in one transaction. Answers the run as it was before (its shard count tells which
   * jobs to remove), or null when it is not unfinished.
   */
  async cancel(id: string): Promise<MiningRunEntity | null> {
    return this.dataSource.transaction(async (m) => {
      const run = await lockedRun(m, id);
      if (!run || (run.status !== 'queued' && run.status !== 'running')) return null;
      const before = await m.getRepository(MiningRunEntity).findOneByOrFail({ id });
      await m
        .getRepository(MiningRunEntity)
        .update({ id }, { status: 'cancelled', finishedAt: new Date() });
      await m.getRepository(RunShardEntity).delete({ runId: id });
      return before;
    });
  }

  /** Marks a run failed; `why` is the code of a mining input error, with its parameters. */
  async fail(
    id: string,
    error: string,
    why?: { code: string; params: Readonly<Record<string, string | number>> },
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.failIn(m, id, error, why);
    });
  }

  private async failIn(
    m: EntityManager,
    id: string,
    error: string,
    why?: { code: string; params: Readonly<Record<string, string | number>> },
  ): Promise<void> {
    await m.getRepository(RunShardEntity).delete({ runId: id });
    await m.getRepository(MiningRunEntity).update(
      { id, status: In(['queued', 'running']) },
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

  /** Fails a run unless it finished meanwhile (its shards dropped); false when it had. */
  async failUnfinished(id: string, error: string): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const run = await lockedRun(m, id);
      if (!run || (run.status !== 'queued' && run.status !== 'running')) return false;
      await m.getRepository(RunShardEntity).delete({ runId: id });
      await m
        .getRepository(MiningRunEntity)
        .update({ id }, { status: 'failed', error, finishedAt: new Date() });
      return true;
    });
  }

  /** Back to queued after a failed attempt that Bull will retry. */
  async requeue(id: string, error: string): Promise<void> {
    await this.runs.update({ id }, { status: 'queued', error });
  }

  findResult(runId: string): Promise<MiningResultEntity | null> {
    return this.results.findOneBy({ runId });
  }
}

/** The run's status, its row locked until the transaction ends (null when it does not exist). */
async function lockedRun(m: EntityManager, id: string): Promise<{ status: RunStatus } | null> {
  const rows = await m.query<{ status: RunStatus }[]>(
    `SELECT status FROM mining_run WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}
