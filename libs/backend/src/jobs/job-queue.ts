import { Logger } from '@nestjs/common';
import Bull from 'bull';
import type { JobOptions, Queue } from 'bull';
import type { AppConfig } from '../config/config';
import { QUEUE_NAME } from './job-map';

/** Nest injection token for the Bull queue. */
export const JOB_QUEUE = Symbol('onetrip.jobQueue');

/**
 * Retries and retention for every job, in one place (the queue's defaults). Exponential backoff
 * from JOB_BACKOFF_MS over JOB_ATTEMPTS tries: with the defaults (8 tries from 5 s) a job keeps
 * trying for about 10 minutes, so a database or network outage of a few minutes is survived.
 */
export function jobOptions(config: AppConfig): JobOptions {
  return {
    attempts: config.jobAttempts,
    backoff: { type: 'exponential', delay: config.jobBackoffMs },
    removeOnComplete: 1000,
    removeOnFail: 1000,
  };
}

/** Milliseconds from a job's first failure until its last try begins (the sum of the backoffs). */
export function retryWindowMs(config: AppConfig): number {
  return config.jobBackoffMs * (2 ** (config.jobAttempts - 1) - 1);
}

export function createJobQueue(config: AppConfig): Queue {
  const queue = new Bull(QUEUE_NAME, config.redisUrl, {
    prefix: config.queuePrefix,
    defaultJobOptions: jobOptions(config),
  });
  // Connection errors arrive as 'error' events; without a listener they would crash the process.
  // Bull and ioredis keep reconnecting; the health endpoint reports Redis as down meanwhile.
  const logger = new Logger('Queue');
  let last = '';
  queue.on('error', (error: Error) => {
    if (error.message !== last) logger.warn(`Redis: ${error.message}`);
    last = error.message;
  });
  return queue;
}
