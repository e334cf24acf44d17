import { Injectable, Logger } from '@nestjs/common';
import { JobProducer, RunRepository } from '@onetrip/backend';

/**
 * Runs marked queued or running whose Bull job is gone (Redis flushed or restarted without
 * persistence, a crash between row and job) are queued again: the row is the source of truth.
 */
@Injectable()
export class RunReconciler {
  private readonly logger = new Logger('Reconciler');

  constructor(
    private readonly runs: RunRepository,
    private readonly producer: JobProducer,
  ) {}

  async reconcile(): Promise<number> {
    let requeued = 0;
    for (const run of await this.runs.listUnfinished()) {
      if (await this.producer.isPending(run.id)) continue;
      await this.producer.enqueue('mining.run', { runId: run.id });
      requeued += 1;
      this.logger.log(`run ${run.id} (${run.status}) had no job; re-enqueued`);
    }
    return requeued;
  }
}
