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
    for (const [name, type] of handlersByJob(this.processors)) {
      const processor = this.moduleRef.get<JobProcessor<JobName>>(type, { strict: false });
      void this.queue.process(name, this.config.workerConcurrency, (job: Job) =>
        processor.handle(job.data as JobMap[typeof name], job),
      );
    }
    await this.queue.isReady();
    const requeued = await this.reconciler.reconcile();
    this.reconciler.start();
    this.logger.log(
      `worker ready: queue "${this.config.queuePrefix}", concurrency ${this.config.workerConcurrency}, ` +
        `${requeued} run(s) re-enqueued, reconciling every ${this.config.reconcileIntervalMs} ms`,
    );
  }
}
