import { Inject, Injectable } from '@nestjs/common';
import type { JobStatus, Queue } from 'bull';
import { JOB_IDS, JobMap, JobName } from './job-map';
import { JOB_QUEUE } from './job-queue';

/** Where a job is: Bull's states, 'stuck' (in no list), or 'missing' (no such job). */
export type JobState = { state: JobStatus | 'stuck' | 'missing'; failedReason?: string };

/**
 * How long enqueueing may take. While Redis is unreachable Bull's client retries for minutes; the
 * caller should rather learn quickly that the job is not queued (the run row stays queued and the
 * worker's reconciler queues it later).
 */
export const ENQUEUE_TIMEOUT_MS = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer from Redis within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The only code that adds jobs. */
@Injectable()
export class JobProducer {
  constructor(@Inject(JOB_QUEUE) private readonly queue: Queue) {}

  /**
   * Queues a job under its id. Idempotent while the job is waiting or active; a finished job
   * left under the same id (kept for inspection) is removed first so the work runs again.
   */
  enqueue<K extends JobName>(name: K, data: JobMap[K]): Promise<string> {
    return withTimeout(this.add(name, data), ENQUEUE_TIMEOUT_MS, `queueing ${name}`);
  }

  private async add<K extends JobName>(name: K, data: JobMap[K]): Promise<string> {
    const jobId = JOB_IDS[name](data);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return jobId;
      await existing.remove();
    }
    // Attempts, backoff and retention: the queue's defaults (jobOptions in job-queue.ts).
    await this.queue.add(name, data, { jobId });
    return jobId;
  }

  /**
   * Removes a waiting or delayed job; true when it is gone. An active job is locked by its worker
   * and cannot be removed: false (its worker finds its run deleted and drops it).
   */
  cancel(jobId: string): Promise<boolean> {
    return withTimeout(this.removeJob(jobId), ENQUEUE_TIMEOUT_MS, `removing job ${jobId}`);
  }

  private async removeJob(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job) return true;
    if ((await job.getState()) === 'active') return false;
    await job.remove();
    return true;
  }

  /** True when a job with this id is waiting, delayed, active or paused. */
  async isPending(jobId: string): Promise<boolean> {
    return isPendingState((await this.state(jobId)).state);
  }

  /** The state of the job with this id (and why it failed); rejects when Redis does not answer. */
  state(jobId: string): Promise<JobState> {
    return withTimeout(this.readState(jobId), ENQUEUE_TIMEOUT_MS, `reading job ${jobId}`);
  }

  private async readState(jobId: string): Promise<JobState> {
    const job = await this.queue.getJob(jobId);
    if (!job) return { state: 'missing' };
    const state = await job.getState();
    return state === 'failed' ? { state, failedReason: job.failedReason } : { state };
  }
}

export function isPendingState(state: JobState['state']): boolean {
  return state !== 'completed' && state !== 'failed' && state !== 'stuck' && state !== 'missing';
}
