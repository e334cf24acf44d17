import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DatasetEntity } from './dataset.entity';

/**
 * One normalized, pseudonymized event. Rows are written only by EventRepository (binary COPY in
 * one transaction, decision record 0004); TypeORM knows the table for migrations and the schema
 * check.
 *
 * The primary key (dataset, identity) is the table's only index: it dedupes and serves every
 * per-dataset scan. Each extra index or foreign key costs the upload path more than it saves the
 * mining read, which sorts once per run (docs/decisions/0003-event-table-for-fast-ingest.md).
 */
@Entity({ name: 'event' })
export class EventEntity {
  @PrimaryColumn({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  /**
   * No foreign key: its per-row check cost more than the insert itself. Events are only written
   * by EventIngest while it holds the dataset row, and a trigger deletes a dataset's events with
   * it (migration FastIngestKeysActiveRuns).
   */
  @ManyToOne(() => DatasetEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: DatasetEntity;

  /**
   * The first 16 bytes of the SHA-256 of the event's mapped fields (citizen already
   * pseudonymized, `eventIdentity` in @onetrip/ingest): re-uploads dedupe on it.
   */
  @PrimaryColumn({ type: 'bytea' })
  identity!: Buffer;

  /** The upload that added the event (provenance only; no foreign key, see above). */
  @Column({ name: 'upload_id', type: 'uuid', nullable: true })
  uploadId!: string | null;

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
