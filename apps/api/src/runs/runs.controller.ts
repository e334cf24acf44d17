import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { RunDto, RunResultDto } from '@onetrip/contracts';
import type { ServerResponse } from 'node:http';
import { arrayOf, problem, ref } from '../openapi/openapi';
import { RunsService } from './runs.service';
import { Audited } from '../audit/audited';

@ApiTags('runs')
@Controller('api/v1')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post('datasets/:id/runs')
  @Audited('mined')
  @ApiBody({ schema: ref('CreateRunRequest'), required: false })
  @ApiAcceptedResponse({ schema: ref('RunDto'), description: 'A new run, queued' })
  @ApiOkResponse({
    schema: ref('RunDto'),
    description: 'An identical run (cached: true when completed)',
  })
  @ApiBadRequestResponse(problem('The body fails validation (request.invalid)'))
  @ApiNotFoundResponse(problem())
  @ApiServiceUnavailableResponse(problem('Recorded, but the queue did not take the job'))
  async create(
    @Param('id') datasetId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<RunDto> {
    const { run, created } = await this.runs.create(datasetId, body);
    res.statusCode = created ? 202 : 200;
    return run;
  }

  @Get('datasets/:id/runs')
  @Audited('viewed')
  @ApiOkResponse({ schema: arrayOf('RunDto'), description: 'The latest runs, newest first' })
  @ApiNotFoundResponse(problem())
  list(@Param('id') datasetId: string): Promise<RunDto[]> {
    return this.runs.listByDataset(datasetId);
  }

  @Get('runs/:id')
  @Audited('viewed')
  @ApiOkResponse({ schema: ref('RunDto') })
  @ApiNotFoundResponse(problem())
  get(@Param('id') id: string): Promise<RunDto> {
    return this.runs.get(id);
  }

  @Get('runs/:id/result')
  @Audited('viewed')
  @ApiOkResponse({ schema: ref('RunResultDto') })
  @ApiNotFoundResponse(problem())
  @ApiConflictResponse(problem('The run is not completed (run.not-completed, run.failed)'))
  result(@Param('id') id: string): Promise<RunResultDto> {
    return this.runs.result(id);
  }
}
