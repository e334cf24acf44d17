import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FacetsDto, JourneyTimelineDto } from '@onetrip/contracts';
import { ProblemSchema } from '../problem/problem.dto';
import { ExploreService } from './explore.service';

@ApiTags('explore')
@Controller('api/v1/datasets/:id')
export class ExploreController {
  constructor(private readonly explore: ExploreService) {}

  @Get('facets')
  @ApiOkResponse({
    description: 'Distinct services, departments, locations, channels with counts; time span',
  })
  @ApiNotFoundResponse({ type: ProblemSchema })
  facets(@Param('id') id: string): Promise<FacetsDto> {
    return this.explore.facets(id);
  }

  @Get('journeys/:key/timeline')
  @ApiOkResponse({ description: "The key's journeys: events (instances) with trips marked" })
  @ApiQuery({ name: 'journey', required: false, enum: ['case', 'citizen', 'citizen+service'] })
  @ApiQuery({ name: 'service', required: false, description: "For journey 'citizen+service'" })
  @ApiQuery({ name: 'journeyGapSeconds', required: false })
  @ApiQuery({ name: 'tripGapSeconds', required: false })
  @ApiQuery({ name: 'inPerson', required: false, description: 'Comma-separated channels' })
  @ApiQuery({ name: 'lifecycle', required: false, enum: ['auto', 'none'] })
  @ApiBadRequestResponse({ type: ProblemSchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  timeline(
    @Param('id') id: string,
    @Param('key') key: string,
    @Query() query: Record<string, unknown>,
  ): Promise<JourneyTimelineDto> {
    return this.explore.timeline(id, key, query);
  }
}
