import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { DatasetDto } from '@onetrip/contracts';
import { ProblemSchema } from '../problem/problem.dto';
import { CreateDatasetBody, DatasetSchema } from './dataset.dto';
import { DatasetsService } from './datasets.service';

@ApiTags('datasets')
@Controller('api/v1/datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  @Post()
  @ApiBody({ type: CreateDatasetBody })
  @ApiCreatedResponse({ type: DatasetSchema })
  create(@Body() body: unknown): Promise<DatasetDto> {
    return this.datasets.create(body);
  }

  @Get()
  @ApiOkResponse({ type: [DatasetSchema] })
  list(): Promise<DatasetDto[]> {
    return this.datasets.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: DatasetSchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  get(@Param('id') id: string): Promise<DatasetDto> {
    return this.datasets.get(id);
  }
}
