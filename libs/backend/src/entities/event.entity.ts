import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DatasetEntity } from './dataset.entity';
import { UploadEntity } from './upload.entity';

/**
 * One normalized, pseudonymized event. Rows are written only by EventRepository (COPY into a
 * staging table, then one merging INSERT); TypeORM knows the table for migrations and the schema
 * check.
 */
@Entity({ name: 'event' })
@Index('uq_event_dataset_identity', ['datasetId', 'identity'], { unique: true })
@Index('idx_event_dataset_case_ts', ['datasetId', 'caseId', 'timestamp'])
export class EventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @ManyToOne(() => DatasetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: DatasetEntity;

  @Column({ name: 'upload_id', type: 'uuid', nullable: true })
  uploadId!: string | null;

  @ManyToOne(() => UploadEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'upload_id' })
  upload?: UploadEntity;

  /** Hash of the event's mapped fields (citizen already pseudonymized): re-uploads dedupe on it. */
  @Column({ type: 'text' })
  identity!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ type: 'text' })
  activity!: string;

  @Column({ name: 'ts', type: 'timestamptz' })
  timestamp!: Date;

  @Column({ name: 'start_ts', type: 'timestamptz', nullable: true })
  startTimestamp!: Date | null;

  @Column({ type: 'text', nullable: true })
  lifecycle!: string | null;

  @Column({ type: 'text', nullable: true })
  resource!: string | null;

  /** HMAC-SHA256 of the citizen identifier; the raw identifier is never stored. */
  @Column({ name: 'citizen_key', type: 'text', nullable: true })
  citizenKey!: string | null;

  @Column({ type: 'text', nullable: true })
  service!: string | null;

  @Column({ type: 'text', nullable: true })
  channel!: string | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ type: 'text', nullable: true })
  department!: string | null;

  @Column({ name: 'source_system', type: 'text', nullable: true })
  sourceSystem!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  attributes!: Record<string, string>;

  /** Line in the uploaded file, for tracing an event back to its source. */
  @Column({ type: 'integer', nullable: true })
  line!: number | null;
}
