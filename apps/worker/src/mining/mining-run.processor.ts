import { Injectable, Logger } from '@nestjs/common';
import {
  DatasetRepository,
  EventQueryRepository,
  JobMap,
  promisedAttributes,
  RunRepository,
  splitStoredParams,
  toJourneyFilter,
  toMiningOptions,
  toInsightsOptions,
} from '@onetrip/backend';
import { MiningInputError, createMiner } from '@onetrip/mining';
import type { Job } from 'bull';
import { HandlesJob, JobProcessor } from '../jobs/job-handler';

/** Progress is written at most this often (ms). */
const PROGRESS_INTERVAL_MS = 500;

/**
 * Mines one run: streams the dataset's events (ordered by case and time) into the miner,
 * reports progress, stores the result. The run row is the truth; this only moves it forward.
 */
@Injectable()
@HandlesJob('mining.run')
export class MiningRunProcessor implements JobProcessor<'mining.run'> {
  private readonly logger = new Logger('MiningRun');

  constructor(
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
      const { params, filter } = splitStoredParams(run.params);
      const options = toMiningOptions(params);
      const miner = createMiner({
        ...options,
        journeyFilter: toJourneyFilter(filter),
        insights: toInsightsOptions(params, dataset?.timezone ?? 'UTC'),
      });
      const events = this.events.streamForMining(
        run.datasetId,
        filter,
        options.journey ?? 'case',
        params.queueTicketAttribute,
        promisedAttributes(params),
      );
      let streamed = 0;
      let last = Date.now();
      for await (const event of events) {
        miner.add(event);
        streamed += 1;
        if ((streamed & 1023) === 0 && Date.now() - last >= PROGRESS_INTERVAL_MS) {
          last = Date.now();
          // Keep below 1 until the result is stored: 1 means completed.
          await this.runs.setProgress(runId, Math.min(0.99, total > 0 ? streamed / total : 0));
        }
      }
      const result = miner.result();
      await this.runs.complete(runId, result);
      this.logger.log(`run ${runId}: ${streamed} events mined`);
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
