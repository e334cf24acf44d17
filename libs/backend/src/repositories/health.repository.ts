import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { JOB_QUEUE } from '../jobs/job-queue';

const TIMEOUT_MS = 2000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

@Injectable()
export class HealthRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: Queue,
  ) {}

  async postgresUp(): Promise<boolean> {
    try {
      await within(this.dataSource.query('SELECT 1'), TIMEOUT_MS);
      return true;
    } catch {
      return false;
    }
  }

  async redisUp(): Promise<boolean> {
    try {
      return (await within(this.queue.client.ping(), TIMEOUT_MS)) === 'PONG';
    } catch {
      return false;
    }
  }
}
