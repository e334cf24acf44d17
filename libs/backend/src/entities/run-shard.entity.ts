import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { MiningRunEntity } from './mining-run.entity';
import { bigintAsNumber } from './transformers';

/** queued → running → done; back to queued when an attempt failed and Bull retries it. */
export type ShardStatus = 'queued' | 'running' | 'done';

/**
 * One shard of a sharded run: a range of the hash of the journey key (runs/shards.ts), mined by
 * its own Bull job. Holds its partial result until the run's merge folds them; a cancelled run
 * has none left. A retried shard overwrites its own row.
 */
@Entity({ name: 'run_shard' })
export class RunShardEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid', primaryKeyConstraintName: 'PK_run_shard' })
  runId!: string;

  @PrimaryColumn({ name: 'shard_no', type: 'integer', primaryKeyConstraintName: 'PK_run_shard' })
  shardNo!: number;

  @ManyToOne(() => MiningRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_run_shard_run' })
  run?: MiningRunEntity;

  @Column({ type: 'text', default: 'queued' })
  status!: ShardStatus;

  @Column({ name: 'rows_read', type: 'bigint', default: 0, transformer: bigintAsNumber })
  rowsRead!: number;

  /** Attempts begun (a retried shard counts each). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** host:pid of the worker that mined it last. */
  @Column({ type: 'text', nullable: true })
  worker!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /**
   * partialToJson of @onetrip/mining as gzip-compressed JSON (RunRepository encodes and decodes
   * it); null until done, and again once the run is merged.
   */
  @Column({ type: 'bytea', nullable: true })
  partial!: Buffer | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
