import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AppConfig,
  CONFIG,
  DatasetRepository,
  EventQueryRepository,
  JobMap,
  RunRepository,
  promisedAttributes,
} from '@onetrip/backend';
import { createMiner, partialToJson } from '@onetrip/mining';
import type { Job } from 'bull';
import { HandlesJob, JobProcessor } from '../jobs/job-handler';
import { WORKER_ID, recordFailure, runSetup, streamInto } from './run-setup';
import { ShardMerger } from './shard-merger.service';

/**
 * Mines one shard of a sharded run: streams only the shard's events (a range of the hash of the
 * journey key), stores its partial, counts it done; the shard that brings the counter to the
 * shard count merges the run. Stops at the next progress write once the run is cancelled.
 */
@Injectable()
@HandlesJob('mining.shard')
export class MiningShardProcessor implements JobProcessor<'mining.shard'> {
  private readonly logger = new Logger('MiningShard');

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
    private readonly datasets: DatasetRepository,
    private readonly events: EventQueryRepository,
    private readonly merger: ShardMerger,
  ) {}

  async handle({ runId, shard }: JobMap['mining.shard'], job: Job): Promise<void> {
    const run = await this.runs.findById(runId);
    if (!run || run.status !== 'running' || run.shards === null) {
      this.logger.log(`run ${runId} is ${run?.status ?? 'gone'}; dropping shard ${shard}`);
      return;
    }
    if (!(await this.runs.startShard(runId, shard, WORKER_ID))) {
      this.logger.log(`run ${runId}: shard ${shard} is gone (cancelled); dropping it`);
      return;
    }
    try {
      const dataset = await this.datasets.findById(run.datasetId);
      const total = dataset?.eventCount ?? 0;
      const setup = runSetup(run, dataset);
      const miner = createMiner(setup.miner);
      const events = this.events.streamForMining(
        run.datasetId,
        setup.filter,
        setup.journey,
        setup.params.queueTicketAttribute,
        promisedAttributes(setup.params),
        { index: shard, count: run.shards },
      );
      const read = await streamInto(events, (event) => miner.add(event), {
        delayMs: this.config.testShardBatchDelayMs,
        progress: (n) => this.runs.shardProgress(runId, shard, n, total),
      });
      if (read === null) {
        this.logger.log(`run ${runId} is no longer running; shard ${shard} stops`);
        return;
      }
      const stored = await this.runs.storeShard(runId, shard, partialToJson(miner.partial()), read);
      if (!stored.stored) {
        this.logger.log(`run ${runId} is no longer running; shard ${shard} not stored`);
        return;
      }
      this.logger.log(
        `run ${runId}: shard ${shard + 1}/${stored.shards} (${read} events) stored; ` +
          `${stored.shardsDone} done`,
      );
      if (this.config.testFailShardOnce === shard && job.attemptsMade === 0) {
        throw new Error(`test fault: shard ${shard} fails once after storing its partial`);
      }
      if (stored.shardsDone >= stored.shards) await this.merger.merge(runId);
    } catch (error) {
      await this.failed(runId, shard, job, error);
      throw error;
    }
  }

  private failed(runId: string, shard: number, job: Job, error: unknown): Promise<void> {
    return recordFailure(job, error, {
      fail: (message, coded) => this.runs.fail(runId, message, coded),
      retry: (message) => this.runs.shardRetry(runId, shard, message),
      log: this.logger,
      what: `run ${runId} shard ${shard}`,
    });
  }
}
