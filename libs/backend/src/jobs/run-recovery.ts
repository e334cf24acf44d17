import { Injectable } from '@nestjs/common';
import type { MiningRunEntity } from '../entities/mining-run.entity';
import { RunRepository } from '../repositories/run.repository';
import { shardJobId } from './job-map';
import { JobProducer, isPendingState, type JobState } from './job.producer';

/** What `RunRecovery.recover` did with an unfinished run. */
export type Recovery = 'pending' | 'requeued' | 'failed' | 'finished';

/**
 * Puts an unfinished run (queued or running) and its Bull job back in agreement; the row is the
 * source of truth, the job only its transport:
 *
 * - job waiting, delayed, active or paused: nothing to do (`pending`). A job whose worker died
 *   is Bull's to notice (stalled-job check): it goes back to waiting, or fails.
 * - job gone (Redis flushed or restarted without persistence; a crash between row and job), in
 *   no list, or completed while the row is not: the run is queued again (`requeued`).
 * - job failed, its tries spent, while the row still says queued/running (its worker could not
 *   write the failure, e.g. because PostgreSQL was down): the run fails with the job's reason
 *   (`failed`).
 *
 * A sharded run (split by its planning job, `shards` > 1) is reconciled shard by shard instead:
 * a shard not done whose job vanished goes back to queued with a new job; one whose job spent
 * its tries fails the run; when every shard is done but the run was not merged (its last worker
 * died in between), shard 0 is queued again, and its re-run ends in the merge.
 *
 * Used by the worker's periodic reconciler and by the api before it lets a request join a run.
 */
@Injectable()
export class RunRecovery {
  constructor(
    private readonly runs: RunRepository,
    private readonly producer: JobProducer,
  ) {}

  async recover(run: Pick<MiningRunEntity, 'id' | 'status' | 'shards'>): Promise<Recovery> {
    if (run.status === 'running' && run.shards !== null && run.shards > 1) {
      return this.recoverShards(run.id, run.shards);
    }
    const job = await this.producer.state(run.id);
    if (isPendingState(job.state)) return 'pending';
    if (job.state === 'failed') {
      const reason = job.failedReason ?? 'the job failed without a reason';
      return (await this.runs.failUnfinished(run.id, reason)) ? 'failed' : 'finished';
    }
    if (!(await this.runs.backToQueued(run.id))) return 'finished';
    await this.producer.enqueue('mining.run', { runId: run.id });
    return 'requeued';
  }

  private async recoverShards(runId: string, count: number): Promise<Recovery> {
    // Jobs first, rows second: a shard stores its partial (row done) before its job completes,
    // so a completed job is never paired with a row read before it was done.
    const jobs: JobState[] = [];
    for (let shard = 0; shard < count; shard += 1) {
      jobs.push(await this.producer.state(shardJobId(runId, shard)));
    }
    const shards = await this.runs.listShards(runId);
    let requeued = false;
    let pending = false;
    for (const shard of shards) {
      const job = jobs[shard.shardNo] ?? { state: 'missing' };
      if (isPendingState(job.state)) {
        pending = true;
        continue;
      }
      if (shard.status === 'done') continue;
      if (job.state === 'failed') {
        const reason = `shard ${shard.shardNo}: ${job.failedReason ?? 'the job failed without a reason'}`;
        return (await this.runs.failUnfinished(runId, reason)) ? 'failed' : 'finished';
      }
      await this.runs.shardBackToQueued(runId, shard.shardNo);
      await this.producer.enqueue('mining.shard', { runId, shard: shard.shardNo });
      requeued = true;
    }
    if (requeued) return 'requeued';
    if (pending) return 'pending';
    // Every shard done, none pending, the run still running: the merge never happened.
    const now = await this.runs.findById(runId);
    if (now?.status !== 'running') return 'finished';
    await this.producer.enqueue('mining.shard', { runId, shard: 0 });
    return 'requeued';
  }
}
