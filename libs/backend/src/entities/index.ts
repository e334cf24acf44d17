import { DatasetEntity } from './dataset.entity';
import { DatasetFacetsEntity } from './dataset-facets.entity';
import { EventEntity } from './event.entity';
import { IngestionKeyEntity } from './ingestion-key.entity';
import { MiningResultEntity } from './mining-result.entity';
import { MiningRunEntity } from './mining-run.entity';
import { RejectedRowEntity } from './rejected-row.entity';
import { UploadEntity } from './upload.entity';

export {
  DatasetEntity,
  DatasetFacetsEntity,
  EventEntity,
  IngestionKeyEntity,
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
  IngestionKeyEntity,
  DatasetFacetsEntity,
];
