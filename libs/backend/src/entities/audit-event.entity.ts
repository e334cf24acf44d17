import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the audit log: who did what to which target, when and from where. Append-only: a
 * trigger (migration AuditLog1796500000000) refuses UPDATE, DELETE and TRUNCATE. No foreign keys,
 * so a line outlives the dataset, run, upload or user it names. Never holds raw citizen
 * identifiers, passwords or tokens (journey keys are the stored pseudonyms).
 */
@Entity({ name: 'audit_event' })
@Index('idx_audit_event_at', ['at'])
@Index('idx_audit_event_dataset', ['datasetId', 'id'])
@Index('idx_audit_event_user', ['userId', 'id'])
@Index('uq_audit_event_view_key', ['viewKey'], { unique: true })
export class AuditEventEntity {
  /** Ascending in insertion order: the keyset cursor of GET /audit. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** One of AUDIT_ACTIONS (@onetrip/contracts). */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  /** As it was at the time (for failed logins: the name that was tried). */
  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ name: 'dataset_id', type: 'uuid', nullable: true })
  datasetId!: string | null;

  /** What the action was on, besides the dataset: run, upload, journey, user, ingestion-key… */
  @Column({ name: 'target_kind', type: 'text', nullable: true })
  targetKind!: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  /**
   * For "viewed" lines only: user, dataset, target and clock hour, unique, so repeated reads in
   * one hour add one line (INSERT … ON CONFLICT DO NOTHING). Null for every other action.
   */
  @Column({ name: 'view_key', type: 'text', nullable: true })
  viewKey!: string | null;
}
