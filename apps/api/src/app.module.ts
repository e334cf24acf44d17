import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, BackendModule } from '@onetrip/backend';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { DatasetsModule } from './datasets/datasets.module';
import { ExploreModule } from './explore/explore.module';
import { HardeningModule } from './hardening/hardening.module';
import { GoalsModule } from './goals/goals.module';
import { ReportModule } from './report/report.module';
import { HealthModule } from './health/health.module';
import { PushModule } from './push/push.module';
import { RunsModule } from './runs/runs.module';
import { UploadsModule } from './uploads/uploads.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        BackendModule.forRoot(config),
        AuthModule,
        AuditModule,
        DatasetsModule,
        UploadsModule,
        PushModule,
        RunsModule,
        ExploreModule,
        GoalsModule,
        ReportModule,
        HealthModule,
        UsersModule,
        HardeningModule,
      ],
    };
  }
}
