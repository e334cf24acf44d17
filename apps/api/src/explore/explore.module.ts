import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { ExploreController } from './explore.controller';
import { ExploreService } from './explore.service';

/** Reads that help explore a dataset: facets for filter controls, journey timelines. */
@Module({
  imports: [DatasetsModule],
  controllers: [ExploreController],
  providers: [ExploreService],
})
export class ExploreModule {}
