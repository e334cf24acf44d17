import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { RunDto, RunResultDto } from '@onetrip/contracts';
import type { ServerResponse } from 'node:http';
import { ProblemSchema } from '../problem/problem.dto';
import { CreateRunBody, RunResultSchema, RunSchema } from './run.dto';
import { RunsService } from './runs.service';

@ApiTags('runs')
@Controller('api/v1')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post('datasets/:id/runs')
  @ApiBody({ type: CreateRunBody, required: false })
  @ApiAcceptedResponse({ type: RunSchema, description: 'A new run, queued' })
  @ApiOkResponse({ type: RunSchema, description: 'An identical run (cached: true when completed)' })
  @ApiNotFoundResponse({ type: ProblemSchema })
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
  @ApiOkResponse({ type: [RunSchema], description: 'The latest runs, newest first' })
  list(@Param('id') datasetId: string): Promise<RunDto[]> {
    return this.runs.listByDataset(datasetId);
  }

  @Get('runs/:id')
  @ApiOkResponse({ type: RunSchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  get(@Param('id') id: string): Promise<RunDto> {
    return this.runs.get(id);
  }

  @Get('runs/:id/result')
  @ApiOkResponse({ type: RunResultSchema })
  @ApiConflictResponse({ type: ProblemSchema, description: 'The run is not completed' })
  result(@Param('id') id: string): Promise<RunResultDto> {
    return this.runs.result(id);
  }
}
