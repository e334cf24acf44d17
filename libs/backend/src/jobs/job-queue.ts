import Bull from 'bull';
import type { Queue } from 'bull';
import type { AppConfig } from '../config/config';
import { QUEUE_NAME } from './job-map';

/** Nest injection token for the Bull queue. */
export const JOB_QUEUE = Symbol('onetrip.jobQueue');

export function createJobQueue(config: AppConfig): Queue {
  return new Bull(QUEUE_NAME, config.redisUrl, { prefix: config.queuePrefix });
}
