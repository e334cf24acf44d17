import { Inject, Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { JOB_IDS, JobMap, JobName } from './job-map';
import { JOB_QUEUE } from './job-queue';

/** Retries and retention for every job, in one place. */
export const DEFAULT_JOB_OPTIONS: Readonly<JobOptions> = Object.freeze({
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: 1000,
  removeOnFail: 1000,
});

/** The only code that adds jobs. */
@Injectable()
export class JobProducer {
  constructor(@Inject(JOB_QUEUE) private readonly queue: Queue) {}

  /**
   * Queues a job under its id. Idempotent while the job is waiting or active; a finished job
   * left under the same id (kept for inspection) is removed first so the work runs again.
   */
  async enqueue<K extends JobName>(name: K, data: JobMap[K]): Promise<string> {
    const jobId = JOB_IDS[name](data);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return jobId;
      await existing.remove();
    }
    await this.queue.add(name, data, { ...DEFAULT_JOB_OPTIONS, jobId });
    return jobId;
  }

  /** True when a job with this id is waiting, delayed, active or paused. */
  async isPending(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job) return false;
    const state = await job.getState();
    return state !== 'completed' && state !== 'failed' && state !== 'stuck';
  }
}
