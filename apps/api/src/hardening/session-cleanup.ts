import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig, CONFIG, UserRepository } from '@onetrip/backend';

/**
 * Deletes expired sessions and login links every SESSION_CLEANUP_INTERVAL_MS. An expired session
 * already opens nothing (UserRepository.findSession checks the expiry); this keeps the table from
 * growing with sessions nobody uses again, and removes their address and user agent.
 */
@Injectable()
export class SessionCleanup implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly users: UserRepository,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => {
        this.running = null;
      });
    }, this.config.sessionCleanupIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One sweep; a failure (database away) is logged and the next interval tries again. */
  async sweep(): Promise<void> {
    try {
      const removed = await this.users.deleteExpiredSessions();
      if (removed > 0) Logger.debug(`removed ${removed} expired sessions`, 'Sessions');
    } catch (error) {
      Logger.warn(
        `expired sessions not removed: ${error instanceof Error ? error.message : String(error)}`,
        'Sessions',
      );
    }
  }
}
