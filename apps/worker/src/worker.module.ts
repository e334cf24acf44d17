import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, BackendModule } from '@onetrip/backend';
import { JobRunner, WORKER_PROCESSORS } from './jobs/job-runner.service';
import { RunReconciler } from './jobs/run-reconciler.service';
import { MiningRunProcessor } from './mining/mining-run.processor';
import { MiningShardProcessor } from './mining/mining-shard.processor';
import { ShardMerger } from './mining/shard-merger.service';

/** Every job handler of the worker; exactly one per job name (see job-handler.ts). */
export const PROCESSORS = [MiningRunProcessor, MiningShardProcessor];

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [BackendModule.forRoot(config)],
      providers: [
        ...PROCESSORS,
        ShardMerger,
        { provide: WORKER_PROCESSORS, useValue: PROCESSORS },
        RunReconciler,
        JobRunner,
      ],
    };
  }
}
