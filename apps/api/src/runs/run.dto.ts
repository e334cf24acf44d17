import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  CreateRunRequest,
  RunDto,
  RunFilter,
  RunParams,
  RunResultDto,
  RunStatus,
} from '@onetrip/contracts';
import type { MiningResult } from '@onetrip/mining';

export class RunParamsSchema implements RunParams {
  @ApiPropertyOptional({ enum: ['auto', 'none'] }) lifecycle?: 'auto' | 'none';
  @ApiPropertyOptional({ enum: ['case', 'citizen', 'citizen+service'] })
  journey?: 'case' | 'citizen' | 'citizen+service';
  @ApiPropertyOptional() journeyGapSeconds?: number;
  @ApiPropertyOptional({ type: [String], example: ['hall', 'window'] }) inPerson?: string[];
  @ApiPropertyOptional() tripGapSeconds?: number;
}

export class RunFilterSchema implements RunFilter {
  @ApiPropertyOptional({ format: 'date-time', description: 'Journeys starting at or after' })
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Journeys starting before' })
  to?: string;
  @ApiPropertyOptional({ type: [String] }) service?: string[];
  @ApiPropertyOptional({ type: [String] }) department?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Halls' }) location?: string[];
  @ApiPropertyOptional({ type: [String] }) channel?: string[];
  @ApiPropertyOptional({ type: [String], description: 'One activity sequence' }) variant?: string[];
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'array', items: { type: 'string' } },
    description: 'Activity sequences',
  })
  variants?: string[][];
}

export class CreateRunBody implements CreateRunRequest {
  @ApiPropertyOptional({ type: RunParamsSchema }) params?: RunParams;
  @ApiPropertyOptional({ type: RunFilterSchema }) filter?: RunFilter;
}

export class RunSchema implements RunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) datasetId!: string;
  @ApiProperty() datasetVersion!: number;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status!: RunStatus;
  @ApiProperty({ minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty({ type: RunParamsSchema }) params!: RunParams;
  @ApiPropertyOptional({ type: RunFilterSchema }) filter?: RunFilter;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ description: 'An identical earlier run on the same dataset version answered' })
  cached!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) finishedAt!: string | null;
}

export class RunResultSchema implements RunResultDto {
  @ApiProperty({ format: 'uuid' }) runId!: string;
  @ApiProperty({ format: 'uuid' }) datasetId!: string;
  @ApiProperty() datasetVersion!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'MiningResult (see @onetrip/mining)',
  })
  result!: MiningResult;
}
