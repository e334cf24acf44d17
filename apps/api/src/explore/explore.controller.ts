import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { TimelineQuerySchema, type FacetsDto, type JourneyTimelineDto } from '@onetrip/contracts';
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
  facets(@Param('id') id: string): Promise<FacetsDto> {
    return this.explore.facets(id);
  }

  @Get('journeys/:key/timeline')
  @Audited('viewed')
  @ApiOkResponse({
    schema: ref('JourneyTimelineDto'),
    description: "The key's journeys: events (instances) with trips marked",
  })
  @ApiQueryFrom(TimelineQuerySchema)
  @ApiBadRequestResponse(problem())
  @ApiNotFoundResponse(problem('No events for the key (journey.not-found)'))
  @ApiUnprocessableEntityResponse(problem('Not minable with these params (journey.unminable)'))
  timeline(
    @Param('id') id: string,
    @Param('key') key: string,
    @Query() query: Record<string, unknown>,
  ): Promise<JourneyTimelineDto> {
    return this.explore.timeline(id, key, query);
  }
}
