import type { RunParams, RunStatus } from '@onetrip/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DatasetEntity } from './dataset.entity';
import { bigintAsNumber } from './transformers';

/** The source of truth of a mining run; the Bull job only carries its id. */
@Entity({ name: 'mining_run' })
@Index('idx_mining_run_cache', ['datasetId', 'paramsHash', 'datasetVersion'])
@Index('idx_mining_run_dataset_created', ['datasetId', 'createdAt'])
@Index('idx_mining_run_status', ['status'])
// At most one unfinished run per dataset version and params: two identical requests at the same
// moment join one run instead of racing to create two.
@Index('uq_mining_run_active', ['datasetId', 'paramsHash', 'datasetVersion'], {
  unique: true,
  where: `status IN ('queued', 'running')`,
})
export class MiningRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @ManyToOne(() => DatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: DatasetEntity;

  @Column({ name: 'dataset_version', type: 'integer' })
  datasetVersion!: number;

  @Column({ type: 'jsonb' })
  params!: RunParams;

  /** SHA-256 of the canonical params JSON: with the dataset version, the cache key. */
  @Column({ name: 'params_hash', type: 'text' })
  paramsHash!: string;

  @Column({ type: 'text', default: 'queued' })
  status!: RunStatus;

  /** 0..1 */
  @Column({ type: 'double precision', default: 0 })
  progress!: number;

  /** How many shards the run was split into; null until a worker planned it. */
  @Column({ type: 'integer', nullable: true })
  shards!: number | null;

  /** Shards whose partial is stored: the counter whose last increment triggers the merge. */
  @Column({ name: 'shards_done', type: 'integer', default: 0 })
  shardsDone!: number;

  /** Events read so far (the sum over its shards). */
  @Column({ name: 'rows_read', type: 'bigint', default: 0, transformer: bigintAsNumber })
  rowsRead!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Why the run failed, as MiningErrorCode of @onetrip/mining; null for other failures. */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_params', type: 'jsonb', nullable: true })
  errorParams!: Record<string, string | number> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
