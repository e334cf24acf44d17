import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { RunDto, RunResultDto } from '@onetrip/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CurrentUser } from '../auth/current-user';
import { arrayOf, problem, ref } from '../openapi/openapi';
import { streamRunEvents } from './run-events';
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
  @ApiForbiddenResponse(
    problem(
      'The filter names a department outside your row scope (scope.department-outside), or you ' +
        'have none on a department-scoped dataset (scope.no-department)',
    ),
  )
  @ApiNotFoundResponse(problem())
  @ApiServiceUnavailableResponse(problem('Recorded, but the queue did not take the job'))
  async create(
    @Param('id') datasetId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: ServerResponse,
    @CurrentUser() user: AuthUser,
  ): Promise<RunDto> {
    const { run, created } = await this.runs.create(datasetId, body, user);
    res.statusCode = created ? 202 : 200;
    return run;
  }

  @Get('datasets/:id/runs')
  @Audited('viewed')
  @ApiOkResponse({ schema: arrayOf('RunDto'), description: 'The latest runs, newest first' })
  @ApiNotFoundResponse(problem())
  list(@Param('id') datasetId: string, @CurrentUser() user: AuthUser): Promise<RunDto[]> {
    return this.runs.listByDataset(datasetId, user);
  }

  @Get('runs/:id')
  @Audited('viewed')
  @ApiOkResponse({ schema: ref('RunDto') })
  @ApiNotFoundResponse(problem())
  get(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<RunDto> {
    return this.runs.get(id, user);
  }

  @Post('runs/:id/cancel')
  @MinRole('analyst')
  @HttpCode(200)
  @ApiOkResponse({ schema: ref('RunDto'), description: 'The run, now cancelled' })
  @ApiNotFoundResponse(problem())
  @ApiConflictResponse(problem('The run already completed or failed (run.finished)'))
  cancel(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<RunDto> {
    return this.runs.cancel(id, user);
  }

  @Get('runs/:id/events')
  @ApiOkResponse({
    description:
      'Server-Sent Events: `progress` (data: RunDto) whenever the queued or running run ' +
      'changes, then one `done` (data: RunDto, completed, failed or cancelled) and the end',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse(problem())
  async events(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
  ): Promise<void> {
    await this.runs.require(id, user); // a 404 problem before the stream starts
    streamRunEvents(req, res, () => this.runs.current(id));
  }

  @Get('runs/:id/result')
  @Audited('viewed')
  @ApiOkResponse({ schema: ref('RunResultDto') })
  @ApiOkResponse({
    schema: ref('RunResultDto'),
    description:
      'For viewers and managers, cells of fewer than SMALL_COUNT_K journeys are hidden ' +
      '(suppressed: true, figures zeroed) and journey samples removed; result.suppression says what',
  })
  @ApiNotFoundResponse(problem())
  @ApiConflictResponse(problem('The run is not completed (run.not-completed, run.failed)'))
  result(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<RunResultDto> {
    return this.runs.result(id, user);
  }
}
