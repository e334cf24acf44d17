import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { UploadsModule } from '../uploads/uploads.module';
import { PushController } from './push.controller';
import { PushService } from './push.service';

@Module({
  imports: [DatasetsModule, UploadsModule],
  controllers: [PushController],
  providers: [PushService],
})
export class PushModule {}
