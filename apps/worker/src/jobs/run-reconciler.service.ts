import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, CONFIG, RunRecovery, RunRepository } from '@onetrip/backend';
import { MiningRunProcessor } from '../mining/mining-run.processor';

/**
 * Keeps unfinished runs and their Bull jobs in agreement (RunRecovery): at boot, then every
 * RECONCILE_INTERVAL_MS. Runs whose job vanished (Redis flushed or restarted without persistence,
 * a crash between row and job) are queued again; runs whose job spent its tries while the
 * database could not record it are failed with the job's reason. The row is the source of truth.
 */
@Injectable()
export class RunReconciler implements OnApplicationShutdown {
  private readonly logger = new Logger('Reconciler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private lastProblem = '';

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly runs: RunRepository,
    private readonly recovery: RunRecovery,
    private readonly processor: MiningRunProcessor,
  ) {}

  /** One pass; returns how many runs were queued again. Throws when PostgreSQL or Redis fails. */
  async reconcile(): Promise<number> {
    let requeued = 0;
    for (const run of await this.runs.listUnfinished()) {
      // Mined by this process right now (its job may have been flushed away under it).
      if (this.processor.active.has(run.id)) continue;
      const outcome = await this.recovery.recover(run);
      if (outcome === 'requeued') {
        requeued += 1;
        this.logger.log(`run ${run.id} (${run.status}) had no job; re-enqueued`);
      } else if (outcome === 'failed') {
        this.logger.warn(`run ${run.id} (${run.status}): its job had failed; run marked failed`);
      }
    }
    return requeued;
  }

  /** Reconciles every RECONCILE_INTERVAL_MS until shutdown; a failed pass is retried next time. */
  start(): void {
    this.timer = setInterval(() => {
      // A pass can outlast the interval (Redis slow to answer): never two at once.
      if (this.running) return;
      this.running = this.reconcile()
        .then(
          () => {
            if (this.lastProblem !== '') this.logger.log('reconciling again');
            this.lastProblem = '';
          },
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            if (message !== this.lastProblem) this.logger.warn(`reconciling: ${message}`);
            this.lastProblem = message;
          },
        )
        .finally(() => (this.running = null));
    }, this.config.reconcileIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
