import type {
  ChannelRoles,
  ColumnMapping,
  DeadlineSettings,
  QueueActivities,
} from '@onetrip/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintAsNumber } from './transformers';

@Entity({ name: 'dataset' })
export class DatasetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** IANA zone for timestamps without an offset. */
  @Column({ type: 'text', default: 'Asia/Shanghai' })
  timezone!: string;

  /** Bumped in the same transaction as every change of the dataset's events. */
  @Column({ type: 'integer', default: 0 })
  version!: number;

  @Column({ name: 'event_count', type: 'bigint', default: 0, transformer: bigintAsNumber })
  eventCount!: number;

  /** The column mapping of the last successful upload, reused for the next one. */
  @Column({ type: 'jsonb', nullable: true })
  mapping!: Partial<ColumnMapping> | null;

  /**
   * Channel value → role (docs/ingest.md#channel-roles), as confirmed at upload or changed since.
   * Runs without their own `inPerson` count the in-person values of it; null: never set.
   */
  @Column({ name: 'channel_roles', type: 'jsonb', nullable: true })
  channelRoles!: ChannelRoles | null;

  /**
   * Ticket / call / abandonment activity names (docs/ingest.md#queue-activities), as confirmed at
   * upload or changed since. Runs without their own queue*Activities use them; null: never set.
   */
  @Column({ name: 'queue_activities', type: 'jsonb', nullable: true })
  queueActivities!: QueueActivities | null;

  /**
   * Promised time limits per service and the deadline rules (docs/mining.md#deadlines), as
   * uploaded or edited. Runs without their own `deadlines` param use them; null: never set.
   */
  @Column({ type: 'jsonb', nullable: true })
  deadlines!: DeadlineSettings | null;

  /** The department that owns the dataset; null = visible to every user (decision 0018). */
  @Column({ type: 'text', nullable: true })
  department!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
