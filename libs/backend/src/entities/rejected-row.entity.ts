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

  @Column({ type: 'text' })
  reason!: string;
}
