import { Injectable, Logger } from '@nestjs/common';
import { DatasetRepository, RunRepository } from '@onetrip/backend';
import {
  finalize,
  mergePartials,
  partialFromJson,
  resolveOptions,
  type PartialResult,
} from '@onetrip/mining';
import { runSetup } from './run-setup';

/**
 * The merge of a sharded run: once its counter says every shard is done, the shards' partials
 * are folded one at a time (only the running fold and one partial in memory) and the result is
 * stored by RunRepository.complete, the one point where a run finishes.
 */
@Injectable()
export class ShardMerger {
  private readonly logger = new Logger('ShardMerge');

  constructor(
    private readonly runs: RunRepository,
    private readonly datasets: DatasetRepository,
  ) {}

  /** True when this call completed the run; false when it was no longer running. */
  async merge(runId: string): Promise<boolean> {
    const run = await this.runs.findById(runId);
    if (!run || run.status !== 'running' || run.shards === null) return false;
    const dataset = await this.datasets.findById(run.datasetId);
    const options = resolveOptions(runSetup(run, dataset).miner);
    let merged: PartialResult | null = null;
    for (let shard = 0; shard < run.shards; shard += 1) {
      const json = await this.runs.shardPartial(runId, shard);
      if (!json) {
        // Cancelled or failed meanwhile (its shards were deleted), or not stored after all.
        this.logger.warn(`run ${runId}: shard ${shard} has no partial; not merged`);
        return false;
      }
      const part = partialFromJson(json);
      merged = merged === null ? part : mergePartials([merged, part]);
    }
    if (merged === null) return false;
    const done = await this.runs.complete(runId, finalize(merged, options));
    if (done) this.logger.log(`run ${runId}: ${run.shards} shards merged`);
    return done;
  }
}
