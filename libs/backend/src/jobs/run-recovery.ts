import { Injectable } from '@nestjs/common';
import type { MiningRunEntity } from '../entities/mining-run.entity';
import { RunRepository } from '../repositories/run.repository';
import { JobProducer, isPendingState } from './job.producer';

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
 * Used by the worker's periodic reconciler and by the api before it lets a request join a run.
 */
@Injectable()
export class RunRecovery {
  constructor(
    private readonly runs: RunRepository,
    private readonly producer: JobProducer,
  ) {}

  async recover(run: Pick<MiningRunEntity, 'id' | 'status'>): Promise<Recovery> {
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
}
