import { Logger } from '@nestjs/common';
import Bull from 'bull';
import type { Queue } from 'bull';
import type { AppConfig } from '../config/config';
import { QUEUE_NAME } from './job-map';

/** Nest injection token for the Bull queue. */
export const JOB_QUEUE = Symbol('onetrip.jobQueue');

export function createJobQueue(config: AppConfig): Queue {
  const queue = new Bull(QUEUE_NAME, config.redisUrl, { prefix: config.queuePrefix });
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
