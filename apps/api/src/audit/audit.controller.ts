import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuditQuerySchema, type AuditPageDto, type DatasetAccessDto } from '@onetrip/contracts';
import { MinRole } from '../auth/auth.decorators';
import { ApiQueryFrom, problem, ref } from '../openapi/openapi';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('api/v1')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @MinRole('admin')
  @ApiQueryFrom(AuditQuerySchema)
  @ApiOkResponse({ schema: ref('AuditPageDto'), description: 'Newest first, keyset-paged' })
  @ApiBadRequestResponse(problem('A filter fails validation (request.invalid)'))
  @ApiForbiddenResponse(problem('Not an admin (auth.forbidden)'))
  list(@Query() query: Record<string, unknown>): Promise<AuditPageDto> {
    return this.audit.page(query);
  }

  /**
   * The data tracker: who read, exported, mined or changed this dataset. Managers and analysts of
   * the dataset's department (DatasetScope) and admins; viewers get 403.
   */
  @Get('datasets/:id/access')
  @MinRole('manager')
  @ApiOkResponse({
    schema: ref('DatasetAccessDto'),
    description: 'Per user: actions with counts and last time, most recent first',
  })
  @ApiForbiddenResponse(problem('A viewer (auth.forbidden)'))
  @ApiNotFoundResponse(problem())
  access(@Param('id') id: string): Promise<DatasetAccessDto> {
    return this.audit.access(id);
  }
}
