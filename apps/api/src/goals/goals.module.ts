import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { GoalsController } from './goals.controller';
import { GoalsService } from './goals.service';

@Module({
  imports: [DatasetsModule],
  controllers: [GoalsController],
  providers: [GoalsService],
})
export class GoalsModule {}
