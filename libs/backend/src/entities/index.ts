import { DatasetEntity } from './dataset.entity';
import { EventEntity } from './event.entity';
import { MiningResultEntity } from './mining-result.entity';
import { MiningRunEntity } from './mining-run.entity';
import { RejectedRowEntity } from './rejected-row.entity';
import { UploadEntity } from './upload.entity';

export {
  DatasetEntity,
  EventEntity,
  MiningResultEntity,
  MiningRunEntity,
  RejectedRowEntity,
  UploadEntity,
};

export const ENTITIES = [
  DatasetEntity,
  UploadEntity,
  EventEntity,
  RejectedRowEntity,
  MiningRunEntity,
  MiningResultEntity,
];
