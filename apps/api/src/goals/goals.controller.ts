import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { GoalDto, GoalHistoryDto } from '@onetrip/contracts';
import type { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { CurrentUser } from '../auth/current-user';
import { arrayOf, problem, ref } from '../openapi/openapi';
import { GoalsService } from './goals.service';

/**
 * Reform goals of a dataset: viewers read them, managers and above set them. Under
 * `/datasets/:id`, so DatasetScope keeps them inside the dataset's department.
 */
@ApiTags('goals')
@Controller('api/v1/datasets/:id/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Get()
  @ApiOkResponse({ schema: arrayOf('GoalDto'), description: 'The goals, each with its progress' })
  @ApiNotFoundResponse(problem())
  list(@Param('id') datasetId: string): Promise<GoalDto[]> {
    return this.goals.list(datasetId);
  }

  @Post()
  @MinRole('manager')
  @HttpCode(201)
  @ApiBody({ schema: ref('CreateGoalRequest') })
  @ApiCreatedResponse({ schema: ref('GoalDto'), description: 'The goal, measured' })
  @ApiBadRequestResponse(problem('request.invalid, goal.target-against-direction'))
  @ApiNotFoundResponse(problem())
  create(
    @Param('id') datasetId: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<GoalDto> {
    return this.goals.create(datasetId, body, user);
  }

  @Get(':goalId')
  @ApiOkResponse({ schema: ref('GoalDto') })
  @ApiNotFoundResponse(problem('dataset.not-found, goal.not-found'))
  get(@Param('id') datasetId: string, @Param('goalId') goalId: string): Promise<GoalDto> {
    return this.goals.get(datasetId, goalId);
  }

  @Patch(':goalId')
  @MinRole('manager')
  @ApiBody({ schema: ref('UpdateGoalRequest') })
  @ApiOkResponse({ schema: ref('GoalDto') })
  @ApiBadRequestResponse(problem('request.invalid, goal.target-against-direction'))
  @ApiNotFoundResponse(problem('dataset.not-found, goal.not-found'))
  update(
    @Param('id') datasetId: string,
    @Param('goalId') goalId: string,
    @Body() body: unknown,
  ): Promise<GoalDto> {
    return this.goals.update(datasetId, goalId, body);
  }

  @Delete(':goalId')
  @MinRole('manager')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse(problem('dataset.not-found, goal.not-found'))
  remove(@Param('id') datasetId: string, @Param('goalId') goalId: string): Promise<void> {
    return this.goals.remove(datasetId, goalId);
  }

  @Get(':goalId/history')
  @ApiOkResponse({
    schema: ref('GoalHistoryDto'),
    description: 'The goal on every dataset version with a completed run of the whole dataset',
  })
  @ApiNotFoundResponse(problem('dataset.not-found, goal.not-found'))
  history(
    @Param('id') datasetId: string,
    @Param('goalId') goalId: string,
  ): Promise<GoalHistoryDto> {
    return this.goals.history(datasetId, goalId);
  }
}
