import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AppConfig,
  CONFIG,
  JobProducer,
  shardJobId,
  MiningRunEntity,
  RunRecovery,
  RunRepository,
  runKeyHash,
  splitStoredParams,
  storedRunParams,
  withDatasetSettings,
} from '@onetrip/backend';
import { CreateRunRequestSchema, type RunDto, type RunResultDto } from '@onetrip/contracts';
import type { AuthUser } from '../auth/auth-user';
import { resultForReader, rowScope, runWithinScope, scopedRunFilter } from '../auth/row-scope';
import { DatasetsService } from '../datasets/datasets.service';
import { ProblemException, isUuid, notFound } from '../problem/problem';
import { validate } from '../problem/validate';

const LATEST_RUNS = 20;

export function toRunDto(run: MiningRunEntity, cached = false): RunDto {
  const { params, filter } = splitStoredParams(run.params);
  return {
    id: run.id,
    datasetId: run.datasetId,
    datasetVersion: run.datasetVersion,
    status: run.status,
    progress: run.progress,
    shards: run.shards ?? null,
    shardsDone: run.shardsDone ?? 0,
    rowsRead: run.rowsRead ?? 0,
    params,
    filter,
    error: run.error,
    errorCode: run.errorCode ?? null,
    errorParams: run.errorParams ?? null,
    cached,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt ? run.startedAt.toISOString() : null,
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
  };
}

@Injectable()
export class RunsService {
  private readonly logger = new Logger('Runs');

  constructor(
    private readonly datasets: DatasetsService,
    private readonly runs: RunRepository,
    private readonly producer: JobProducer,
    private readonly recovery: RunRecovery,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Answers from an identical completed run on the same dataset version, joins an identical
   * run still in progress, or records a new run (the source of truth) and then queues its job.
   */
  async create(
    datasetId: string,
    body: unknown,
    user: AuthUser,
  ): Promise<{ run: RunDto; created: boolean }> {
    const dataset = await this.datasets.require(datasetId);
    const input = validate(CreateRunRequestSchema, body);
    // Row-level scoping: a scoped user's departments are forced into the filter.
    const filter = scopedRunFilter(input.filter, rowScope(user, dataset));
    // The filter travels inside the stored params and is part of the cache key.
    const params = storedRunParams(withDatasetSettings(input.params ?? {}, dataset), filter);
    const key = { datasetId, paramsHash: runKeyHash(params), datasetVersion: dataset.version };
    const done = await this.runs.findSame(key, ['completed']);
    if (done) return { run: toRunDto(done, true), created: false };
    const active = await this.runs.findSame(key, ['queued', 'running']);
    if (active) {
      const joined = await this.join(active);
      if (joined) return { run: toRunDto(joined, joined.status === 'completed'), created: false };
    }

    const run = await this.runs.create({ ...key, params });
    if (!run) {
      // An identical request created it a moment ago: join that run.
      const joined = await this.runs.findSame(key, ['queued', 'running', 'completed']);
      if (joined) return { run: toRunDto(joined, joined.status === 'completed'), created: false };
      throw new ProblemException(409, 'run.conflict', 'An identical run changed state; retry.');
    }
    try {
      await this.producer.enqueue('mining.run', { runId: run.id });
    } catch (error) {
      this.logger.error(`run ${run.id}: could not queue: ${String(error)}`);
      throw new ProblemException(
        503,
        'queue.unavailable',
        `The job queue is unavailable. Run ${run.id} is recorded as queued and will start when a worker reconciles.`,
        { instance: `/api/v1/runs/${run.id}` },
      );
    }
    return { run: toRunDto(run), created: true };
  }

  /**
   * The unfinished run to join, after checking it still has a job: one whose job vanished is
   * queued again; one whose job already failed is marked failed and not joined (null: the caller
   * records a new run). When Redis cannot tell, the run is joined as it is (the worker's
   * reconciler sorts it out).
   */
  private async join(active: MiningRunEntity): Promise<MiningRunEntity | null> {
    try {
      const outcome = await this.recovery.recover(active);
      if (outcome === 'requeued')
        this.logger.warn(`run ${active.id} had lost its job; re-enqueued`);
      if (outcome === 'failed') {
        this.logger.warn(`run ${active.id}: its job had failed; run marked failed, not joined`);
        return null;
      }
    } catch (error) {
      this.logger.warn(`run ${active.id}: job not checked: ${String(error)}`);
      return active;
    }
    const now = await this.runs.findById(active.id);
    return now && now.status !== 'failed' ? now : null;
  }

  async get(id: string, user: AuthUser): Promise<RunDto> {
    return toRunDto(await this.require(id, user));
  }

  /**
   * Cancels a queued or running run: status cancelled and its shards (with their partials)
   * deleted in one transaction, then its waiting jobs removed from the queue. A job already
   * running stops at its next progress write (it finds the run cancelled); a job Redis could not
   * remove now is dropped by its worker for the same reason. Cancelling a cancelled run answers
   * it again; a completed or failed one is a 409 run.finished.
   */
  async cancel(id: string, user: AuthUser): Promise<RunDto> {
    const run = await this.require(id, user);
    if (run.status === 'cancelled') return toRunDto(run);
    const before = await this.runs.cancel(id);
    if (!before) {
      const now = await this.require(id, user);
      if (now.status === 'cancelled') return toRunDto(now);
      throw new ProblemException(
        409,
        'run.finished',
        `Run ${id} is ${now.status}; only a queued or running run can be cancelled.`,
      );
    }
    const jobs = [id];
    for (let shard = 0; shard < (before.shards ?? 0); shard += 1) jobs.push(shardJobId(id, shard));
    for (const job of jobs) {
      await this.producer.cancel(job).catch((error: unknown) => {
        this.logger.warn(`run ${id}: job ${job} not removed: ${String(error)}`);
      });
    }
    return toRunDto(await this.require(id, user));
  }

  /** The run as it is now (for its event stream, after `require`); null once it is gone. */
  async current(id: string): Promise<RunDto | null> {
    const run = await this.runs.findById(id);
    return run ? toRunDto(run) : null;
  }

  /** The latest runs the user may read (for a scoped user: those within their scope). */
  async listByDataset(datasetId: string, user: AuthUser): Promise<RunDto[]> {
    const dataset = await this.datasets.require(datasetId);
    const scope = rowScope(user, dataset);
    const runs = await this.runs.listByDataset(datasetId, scope === null ? LATEST_RUNS : 500);
    return runs
      .filter((r) => runWithinScope(splitStoredParams(r.params).filter, scope))
      .slice(0, LATEST_RUNS)
      .map((r) => toRunDto(r));
  }

  /** The run's result, with small cells hidden below the analyst role (docs/security.md). */
  async result(id: string, user: AuthUser): Promise<RunResultDto> {
    const run = await this.require(id, user);
    if (run.status !== 'completed') {
      throw new ProblemException(
        409,
        run.status === 'failed' ? 'run.failed' : 'run.not-completed',
        run.status === 'failed'
          ? `Run ${id} failed: ${run.error ?? 'unknown error'}`
          : `Run ${id} is ${run.status} (${Math.round(run.progress * 100)}%); the result is not ready yet.`,
      );
    }
    const stored = await this.runs.findResult(id);
    if (!stored) throw notFound('result', id);
    return {
      runId: run.id,
      datasetId: run.datasetId,
      datasetVersion: run.datasetVersion,
      result: resultForReader(stored.result, user, this.config.smallCountK),
    };
  }

  /** The run, or a 404 when it does not exist or mines journeys outside the user's scope. */
  async require(id: string, user: AuthUser): Promise<MiningRunEntity> {
    const run = isUuid(id) ? await this.runs.findById(id) : null;
    if (!run) throw notFound('run', id);
    const scope = rowScope(user, await this.datasets.require(run.datasetId));
    if (!runWithinScope(splitStoredParams(run.params).filter, scope)) throw notFound('run', id);
    return run;
  }
}
