import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { ReportController } from './report.controller';
import { ReportService } from './report.service';

@Module({
  imports: [DatasetsModule],
  controllers: [ReportController],
  providers: [ReportService],
})
export class ReportModule {}
