import {
  DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { AppConfig, CONFIG } from './config/config';
import { createDataSource } from './database/data-source';
import { JOB_QUEUE, createJobQueue } from './jobs/job-queue';
import { JobProducer } from './jobs/job.producer';
import { RunRecovery } from './jobs/run-recovery';
import { AuditRepository } from './repositories/audit.repository';
import { DatasetRepository } from './repositories/dataset.repository';
import { DatasetFacetsRepository } from './repositories/dataset-facets.repository';
import { EventRepository } from './repositories/event.repository';
import { EventQueryRepository } from './repositories/event-query.repository';
import { GoalRepository } from './repositories/goal.repository';
import { HealthRepository } from './repositories/health.repository';
import { IngestionKeyRepository } from './repositories/ingestion-key.repository';
import { RunRepository } from './repositories/run.repository';
import { UploadRepository } from './repositories/upload.repository';
import { UserRepository } from './repositories/user.repository';

/** Closes the queue (letting active jobs finish), then the database pool. */
@Injectable()
class BackendShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger('Backend');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch((e: unknown) => this.logger.warn(`closing queue: ${String(e)}`));
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const REPOSITORIES = [
  AuditRepository,
  DatasetRepository,
  DatasetFacetsRepository,
  UploadRepository,
  EventRepository,
  EventQueryRepository,
  RunRepository,
  HealthRepository,
  IngestionKeyRepository,
  UserRepository,
  GoalRepository,
];

/**
 * What api and worker share: the validated config, the database, the queue, repositories and the
 * job producer. Global, imported once by each composition root with its config.
 */
@Module({})
export class BackendModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: BackendModule,
      global: true,
      providers: [
        { provide: CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => createDataSource(config.databaseUrl).initialize(),
        },
        { provide: JOB_QUEUE, useFactory: () => createJobQueue(config) },
        ...REPOSITORIES,
        JobProducer,
        RunRecovery,
        BackendShutdown,
      ],
      exports: [CONFIG, DataSource, JOB_QUEUE, ...REPOSITORIES, JobProducer, RunRecovery],
    };
  }
}
