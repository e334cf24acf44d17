import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({ imports: [DatasetsModule], controllers: [RunsController], providers: [RunsService] })
export class RunsModule {}
