import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { TimelineQuerySchema, type FacetsDto, type JourneyTimelineDto } from '@onetrip/contracts';
import { MinRole } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user';
import { ApiQueryFrom, problem, ref } from '../openapi/openapi';
import { ExploreService } from './explore.service';
import { Audited } from '../audit/audited';

@ApiTags('explore')
@Controller('api/v1/datasets/:id')
export class ExploreController {
  constructor(private readonly explore: ExploreService) {}

  @Get('facets')
  @Audited('viewed')
  @ApiOkResponse({
    schema: ref('FacetsDto'),
    description: 'Distinct services, departments, locations, channels with counts; time span',
  })
  @ApiNotFoundResponse(problem())
  facets(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<FacetsDto> {
    return this.explore.facets(id, user);
  }

  @Get('journeys/:key/timeline')
  @Audited('viewed')
  @MinRole('analyst') // one citizen's events: analysts and admins only (docs/security.md)
  @ApiOkResponse({
    schema: ref('JourneyTimelineDto'),
    description: "The key's journeys: events (instances) with trips marked",
  })
  @ApiQueryFrom(TimelineQuerySchema)
  @ApiBadRequestResponse(problem())
  @ApiForbiddenResponse(problem('Viewers and managers may not open a timeline (auth.forbidden)'))
  @ApiNotFoundResponse(
    problem('No events for the key, or none of its journeys in your row scope (journey.not-found)'),
  )
  @ApiUnprocessableEntityResponse(problem('Not minable with these params (journey.unminable)'))
  timeline(
    @Param('id') id: string,
    @Param('key') key: string,
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: AuthUser,
  ): Promise<JourneyTimelineDto> {
    return this.explore.timeline(id, key, query, user);
  }
}
