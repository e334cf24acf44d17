import { ApiProperty } from '@nestjs/swagger';
import type {
  RejectedRowDto,
  UploadDto,
  UploadErrorPolicy,
  UploadStatus,
} from '@onetrip/contracts';

export class RejectedRowSchema implements RejectedRowDto {
  @ApiProperty() line!: number;
  @ApiProperty({ type: String, nullable: true }) column!: string | null;
  @ApiProperty() reason!: string;
}

export class UploadSchema implements UploadDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) datasetId!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ['receiving', 'completed', 'failed'] }) status!: UploadStatus;
  @ApiProperty() bytes!: number;
  @ApiProperty() rowsRead!: number;
  @ApiProperty() rowsAccepted!: number;
  @ApiProperty() rowsRejected!: number;
  @ApiProperty({ description: 'Rows already in the dataset, not added again' })
  rowsDuplicate!: number;
  @ApiProperty({ enum: ['skip', 'fail'] }) onError!: UploadErrorPolicy;
  @ApiProperty({ minimum: 0, maximum: 1 }) maxRejectedRatio!: number;
  @ApiProperty({ type: String, nullable: true }) errorCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: [RejectedRowSchema] }) rejected!: RejectedRowDto[];
  @ApiProperty({
    description:
      'Rejected rows stored and downloadable (the first MAX_REJECTED_ROWS_KEPT); less than rowsRejected when more were rejected than kept',
  })
  rejectedStored!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) finishedAt!: string | null;
}

export class UploadForm {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The event log (CSV)' })
  file!: unknown;
  @ApiProperty({
    required: false,
    description:
      'JSON ColumnMapping, e.g. {"caseId":"办件编号"}; must come before the file part. ' +
      'Defaults to the mapping saved with the dataset, else case_id / activity / timestamp.',
  })
  mapping?: string;
  @ApiProperty({
    required: false,
    enum: ['skip', 'fail'],
    description: 'skip rejected rows (default; up to maxRejectedRatio) or fail on the first one',
  })
  onError?: string;
  @ApiProperty({ required: false, description: '0..1, default 0.05' })
  maxRejectedRatio?: string;
  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'Client-chosen upload id, to poll GET /uploads/:id while it runs',
  })
  uploadId?: string;
  @ApiProperty({ required: false, description: 'utf-8, gbk, gb18030, … (detected when absent)' })
  encoding?: string;
}
