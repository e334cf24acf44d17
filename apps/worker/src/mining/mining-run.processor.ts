import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AppConfig,
  CONFIG,
  DatasetRepository,
  EventQueryRepository,
  JobMap,
  promisedAttributes,
  JobProducer,
  RunRepository,
  shardCount,
} from '@onetrip/backend';
import { MiningInputError, createMiner } from '@onetrip/mining';
import type { Job } from 'bull';
import { HandlesJob, JobProcessor } from '../jobs/job-handler';
import { PROGRESS_INTERVAL_MS, runSetup, sleep } from './run-setup';

/**
 * Starts one run. A dataset of more than SHARD_EVENTS events is split into shards (run_shard
 * rows, one `mining.shard` job each, see MiningShardProcessor); a smaller one is mined here as
 * a whole: its events streamed (ordered by case and time) into the miner, progress reported, the
 * result stored. The run row is the truth; this only moves it forward.
 */
@Injectable()
@HandlesJob('mining.run')
export class MiningRunProcessor implements JobProcessor<'mining.run'> {
  private readonly logger = new Logger('MiningRun');

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly producer: JobProducer,
    private readonly runs: RunRepository,
    private readonly datasets: DatasetRepository,
    private readonly events: EventQueryRepository,
  ) {}

  /** Runs this process is mining right now (the reconciler leaves them alone). */
  readonly active = new Set<string>();

  async handle(data: JobMap['mining.run'], job: Job): Promise<void> {
    this.active.add(data.runId);
    try {
      await this.mine(data, job);
    } finally {
      this.active.delete(data.runId);
    }
  }

  private async mine({ runId }: JobMap['mining.run'], job: Job): Promise<void> {
    const run = await this.runs.findById(runId);
    if (!run) {
      this.logger.warn(`run ${runId} no longer exists; dropping its job`);
      return;
    }
    if (!(await this.runs.markRunning(runId))) {
      this.logger.log(`run ${runId} is already ${run.status}; nothing to do`);
      return;
    }
    try {
      const dataset = await this.datasets.findById(run.datasetId);
      const total = dataset?.eventCount ?? 0;
      const plan = await this.runs.planShards(runId, shardCount(total, this.config));
      if (!plan) return; // cancelled meanwhile
      if (plan.shards > 1) {
        // Every shard done but not merged (a worker died in between): re-running one shard
        // ends in the merge.
        const jobs = plan.pending.length > 0 ? plan.pending : [0];
        for (const shard of jobs) await this.producer.enqueue('mining.shard', { runId, shard });
        this.logger.log(`run ${runId}: ${plan.shards} shards, ${jobs.length} queued`);
        return;
      }
      const { params, filter, journey, miner: minerOptions } = runSetup(run, dataset);
      const miner = createMiner(minerOptions);
      const events = this.events.streamForMining(
        run.datasetId,
        filter,
        journey,
        params.queueTicketAttribute,
        promisedAttributes(params),
      );
      let streamed = 0;
      let last = Date.now();
      for await (const event of events) {
        miner.add(event);
        streamed += 1;
        if ((streamed & 1023) === 0 && this.config.testShardBatchDelayMs > 0) {
          await sleep(this.config.testShardBatchDelayMs);
        }
        if ((streamed & 1023) === 0 && Date.now() - last >= PROGRESS_INTERVAL_MS) {
          last = Date.now();
          // Keep below 1 until the result is stored: 1 means completed.
          const progress = Math.min(0.99, total > 0 ? streamed / total : 0);
          if (!(await this.runs.setProgress(runId, progress, streamed))) {
            this.logger.log(`run ${runId} is no longer running; mining stops`);
            return;
          }
        }
      }
      const result = miner.result();
      if (await this.runs.complete(runId, result, streamed)) {
        this.logger.log(`run ${runId}: ${streamed} events mined`);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = job.opts.attempts ?? 1;
      const permanent = error instanceof MiningInputError;
      const last = permanent || job.attemptsMade + 1 >= attempts;
      if (permanent) await job.discard();
      try {
        if (last) {
          await this.runs.fail(
            runId,
            message,
            permanent ? { code: error.code, params: error.params } : undefined,
          );
        } else await this.runs.requeue(runId, message);
      } catch (writeError) {
        // PostgreSQL is down as well: Bull still records the failure (or retries later), and the
        // reconciler writes a spent job's reason into the run once the database is back.
        this.logger.warn(`run ${runId}: recording the failure: ${String(writeError)}`);
      }
      this.logger.error(
        `run ${runId} failed (attempt ${job.attemptsMade + 1}/${attempts}): ${message}`,
      );
      throw error;
    }
  }
}
