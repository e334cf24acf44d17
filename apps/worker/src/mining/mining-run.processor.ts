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
import { createMiner } from '@onetrip/mining';
import type { Job } from 'bull';
import { HandlesJob, JobProcessor } from '../jobs/job-handler';
import { recordFailure, runSetup, streamInto } from './run-setup';

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
      const streamed = await streamInto(events, (event) => miner.add(event), {
        delayMs: this.config.testShardBatchDelayMs,
        // Keep below 1 until the result is stored: 1 means completed.
        progress: (read) =>
          this.runs.setProgress(runId, Math.min(0.99, total > 0 ? read / total : 0), read),
      });
      if (streamed === null) {
        this.logger.log(`run ${runId} is no longer running; mining stops`);
        return;
      }
      const result = miner.result();
      if (await this.runs.complete(runId, result, streamed)) {
        this.logger.log(`run ${runId}: ${streamed} events mined`);
      }
    } catch (error) {
      await recordFailure(job, error, {
        fail: (message, coded) => this.runs.fail(runId, message, coded),
        retry: (message) => this.runs.requeue(runId, message),
        log: this.logger,
        what: `run ${runId}`,
      });
      throw error;
    }
  }
}
