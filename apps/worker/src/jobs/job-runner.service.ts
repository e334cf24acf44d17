import { Inject, Injectable, Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig, CONFIG, JOB_QUEUE, JobMap, JobName } from '@onetrip/backend';
import type { Job, Queue } from 'bull';
import { JobProcessor, handlersByJob } from './job-handler';
import { RunReconciler } from './run-reconciler.service';

export const WORKER_PROCESSORS = Symbol('onetrip.workerProcessors');

/** Registers one Bull handler per job name, reconciles runs (then periodically), reports ready. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly queue: Queue,
    @Inject(WORKER_PROCESSORS) private readonly processors: Type<unknown>[],
    private readonly moduleRef: ModuleRef,
    private readonly reconciler: RunReconciler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = new Map<string, JobProcessor<JobName>>();
    for (const [name, type] of handlersByJob(this.processors)) {
      handlers.set(name, this.moduleRef.get<JobProcessor<JobName>>(type, { strict: false }));
    }
    // One processor for every job name: Bull adds up the concurrency of named processors, so
    // one per name would let a worker run WORKER_CONCURRENCY jobs of each name at once (a run's
    // planning job and its shards), not WORKER_CONCURRENCY in all.
    void this.queue.process('*', this.config.workerConcurrency, (job: Job) => {
      const processor = handlers.get(job.name);
      if (!processor) throw new Error(`no handler for job ${job.name}`);
      return processor.handle(job.data as JobMap[JobName], job);
    });
    await this.queue.isReady();
    const requeued = await this.reconciler.reconcile();
    this.reconciler.start();
    this.logger.log(
      `worker ready: queue "${this.config.queuePrefix}", concurrency ${this.config.workerConcurrency}, ` +
        `${requeued} run(s) re-enqueued, reconciling every ${this.config.reconcileIntervalMs} ms`,
    );
  }
}
