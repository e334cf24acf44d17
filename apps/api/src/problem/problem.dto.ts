import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemDetails } from '@onetrip/contracts';

export class ProblemSchema implements ProblemDetails {
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty({ example: 'dataset.not-found', description: 'Stable machine-readable code' })
  code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ description: 'Input file of an ingest error' }) file?: string;
  @ApiPropertyOptional({ description: 'Line of an ingest error (1 = header)' }) line?: number;
  @ApiPropertyOptional({ description: 'Column of an ingest error' }) column?: string;
}
