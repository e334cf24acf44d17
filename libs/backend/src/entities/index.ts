import { AppUserEntity } from './app-user.entity';
import { AuditEventEntity } from './audit-event.entity';
import { DatasetEntity } from './dataset.entity';
import { DatasetFacetsEntity } from './dataset-facets.entity';
import { EventEntity } from './event.entity';
import { GoalEntity } from './goal.entity';
import { IngestionKeyEntity } from './ingestion-key.entity';
import { MiningResultEntity } from './mining-result.entity';
import { MiningRunEntity } from './mining-run.entity';
import { RejectedRowEntity } from './rejected-row.entity';
import { RunShardEntity } from './run-shard.entity';
import { UploadEntity } from './upload.entity';
import { UserSessionEntity } from './user-session.entity';

export {
  AppUserEntity,
  AuditEventEntity,
  DatasetEntity,
  DatasetFacetsEntity,
  EventEntity,
  GoalEntity,
  IngestionKeyEntity,
  MiningResultEntity,
  MiningRunEntity,
  RejectedRowEntity,
  RunShardEntity,
  UploadEntity,
  UserSessionEntity,
};
export type { ShardStatus } from './run-shard.entity';
export { USER_ROLES, type UserRole } from './app-user.entity';

export const ENTITIES = [
  DatasetEntity,
  UploadEntity,
  EventEntity,
  RejectedRowEntity,
  MiningRunEntity,
  MiningResultEntity,
  RunShardEntity,
  IngestionKeyEntity,
  DatasetFacetsEntity,
  AppUserEntity,
  UserSessionEntity,
  AuditEventEntity,
  GoalEntity,
];
