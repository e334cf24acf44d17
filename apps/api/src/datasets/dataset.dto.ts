import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ColumnMapping, CreateDatasetRequest, DatasetDto } from '@onetrip/contracts';
import { EVENT_FIELDS } from '@onetrip/contracts';

/** OpenAPI shapes; the TypeScript contract lives in @onetrip/contracts. */
export class CreateDatasetBody implements CreateDatasetRequest {
  @ApiProperty({ example: '不动产登记 2024' }) name!: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({
    default: 'Asia/Shanghai',
    description: 'IANA zone for timestamps without an offset',
  })
  timezone?: string;
}

export class ColumnMappingSchema {
  @ApiProperty({ example: 'case_id' }) caseId!: string;
  @ApiProperty({ example: 'activity' }) activity!: string;
  @ApiProperty({ example: 'timestamp' }) timestamp!: string;
  @ApiPropertyOptional({ description: `Also: ${EVENT_FIELDS.slice(3).join(', ')}` })
  citizen?: string;
}

export class DatasetSchema implements DatasetDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() timezone!: string;
  @ApiProperty({ description: 'Increases on every successful change of the events' })
  version!: number;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ type: ColumnMappingSchema, nullable: true })
  mapping!: Partial<ColumnMapping> | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
