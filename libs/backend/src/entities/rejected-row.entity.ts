import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UploadEntity } from './upload.entity';

@Entity({ name: 'rejected_row' })
@Index('idx_rejected_row_upload_line', ['uploadId', 'line'])
export class RejectedRowEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'upload_id', type: 'uuid' })
  uploadId!: string;

  @ManyToOne(() => UploadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'upload_id' })
  upload?: UploadEntity;

  @Column({ type: 'integer' })
  line!: number;

  @Column({ type: 'text', nullable: true })
  column!: string | null;

  /** The English reason (of `code` with `params`; the only text of rows stored before codes). */
  @Column({ type: 'text' })
  reason!: string;

  /** RejectionCode of @onetrip/contracts; null for rows stored before codes. */
  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  params!: Record<string, string | number> | null;

  /** The row as it was in the file (CSV or NDJSON line), when the format has one. */
  @Column({ type: 'text', nullable: true })
  raw!: string | null;
}
