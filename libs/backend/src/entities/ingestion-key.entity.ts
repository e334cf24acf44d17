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

/**
 * A secret that lets a system push events into one dataset (`POST /datasets/:id/events`). Only
 * the SHA-256 of the key is stored; the key itself is shown once, when it is created.
 */
@Entity({ name: 'ingestion_key' })
@Index('uq_ingestion_key_hash', ['keyHash'], { unique: true })
@Index('idx_ingestion_key_dataset', ['datasetId'])
export class IngestionKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @ManyToOne(() => DatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: DatasetEntity;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  /** The key's first characters (`otk_ab12cd34`), to tell keys apart in lists and logs. */
  @Column({ type: 'text' })
  prefix!: string;

  /** SHA-256 (hex) of the whole key. */
  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
