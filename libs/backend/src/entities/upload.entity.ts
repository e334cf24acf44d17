import type { UploadErrorPolicy, UploadStatus } from '@onetrip/contracts';
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

@Entity({ name: 'upload' })
@Index('idx_upload_dataset', ['datasetId', 'createdAt'])
export class UploadEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @ManyToOne(() => DatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: DatasetEntity;

  /** As the client named it; only ever displayed, never used as a path. */
  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'text', default: 'receiving' })
  status!: UploadStatus;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  bytes!: number;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ name: 'rows_accepted', type: 'integer', default: 0 })
  rowsAccepted!: number;

  @Column({ name: 'rows_rejected', type: 'integer', default: 0 })
  rowsRejected!: number;

  @Column({ name: 'rows_duplicate', type: 'integer', default: 0 })
  rowsDuplicate!: number;

  /** Error policy: `skip` rejected rows (up to maxRejectedRatio of all rows) or `fail` on the first. */
  @Column({ name: 'on_error', type: 'text', default: 'skip' })
  onError!: UploadErrorPolicy;

  @Column({ name: 'max_rejected_ratio', type: 'double precision', default: 0.05 })
  maxRejectedRatio!: number;

  /** Stable problem code of a failed upload (e.g. `ingest.missing-column`). */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
