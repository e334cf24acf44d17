import { ApiProperty } from '@nestjs/swagger';
import type { RejectedRowDto, UploadDto, UploadStatus } from '@onetrip/contracts';

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
  @ApiProperty({ type: String, nullable: true }) errorCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: [RejectedRowSchema] }) rejected!: RejectedRowDto[];
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
}
