import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { DatasetDto } from '@onetrip/contracts';
import { CurrentUser } from '../auth/current-user';
import type { AuthUser } from '../auth/auth-user';
import { arrayOf, problem, ref } from '../openapi/openapi';
import { DatasetsService } from './datasets.service';
import { Audited } from '../audit/audited';

@ApiTags('datasets')
@Controller('api/v1/datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  @Post()
  @Audited('created')
  @ApiBody({ schema: ref('CreateDatasetRequest') })
  @ApiCreatedResponse({ schema: ref('DatasetDto') })
  @ApiBadRequestResponse(problem('The body fails validation (request.invalid)'))
  create(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<DatasetDto> {
    return this.datasets.create(body, user);
  }

  @Get()
  @ApiOkResponse({ schema: arrayOf('DatasetDto'), description: 'Newest first' })
  list(@CurrentUser() user: AuthUser): Promise<DatasetDto[]> {
    return this.datasets.list(user);
  }

  @Get(':id')
  @Audited('viewed')
  @ApiOkResponse({ schema: ref('DatasetDto') })
  @ApiNotFoundResponse(problem())
  get(@Param('id') id: string): Promise<DatasetDto> {
    return this.datasets.get(id);
  }

  @Patch(':id')
  @Audited('changed')
  @ApiBody({ schema: ref('UpdateDatasetRequest') })
  @ApiOkResponse({ schema: ref('DatasetDto') })
  @ApiBadRequestResponse(problem('The body fails validation (request.invalid)'))
  @ApiNotFoundResponse(problem())
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<DatasetDto> {
    return this.datasets.update(id, body, user);
  }

  /**
   * Replaces the per-service time-limit table (docs/ingest.md#time-limits) with the one in the
   * CSV; the other deadline settings stay. Runs after it mine with the new limits.
   */
  @Put(':id/deadlines/limits')
  @ApiBody({ schema: ref('LimitTableUpload') })
  @ApiOkResponse({ schema: ref('DatasetDto') })
  @ApiBadRequestResponse(problem('The body fails validation (request.invalid)'))
  @ApiUnprocessableEntityResponse(
    problem('A row or the header of the table is wrong (limits.invalid, with line and column)'),
  )
  @ApiNotFoundResponse(problem())
  uploadLimits(@Param('id') id: string, @Body() body: unknown): Promise<DatasetDto> {
    return this.datasets.uploadLimits(id, body);
  }

  /** Deletion will need the admin or analyst role once roles exist (see docs/api.md). */
  @Delete(':id')
  @Audited('deleted')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The dataset and all its rows are deleted' })
  @ApiNotFoundResponse(problem())
  @ApiConflictResponse(problem('An upload is still being read (dataset.ingesting)'))
  remove(@Param('id') id: string): Promise<void> {
    return this.datasets.delete(id);
  }
}
