import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { UploadDto, UploadPreviewDto, UploadSummaryDto } from '@onetrip/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ProblemSchema } from '../problem/problem.dto';
import { UploadForm, UploadSchema } from './upload.dto';
import { UploadsService } from './uploads.service';

@ApiTags('uploads')
@Controller('api/v1')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post('datasets/:id/uploads')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadForm })
  @ApiCreatedResponse({ type: UploadSchema, description: 'The upload report' })
  @ApiNotFoundResponse({ type: ProblemSchema })
  @ApiPayloadTooLargeResponse({ type: ProblemSchema })
  @ApiUnprocessableEntityResponse({
    type: ProblemSchema,
    description: 'Ingest error with file, line, column',
  })
  upload(@Param('id') datasetId: string, @Req() req: IncomingMessage): Promise<UploadDto> {
    return this.uploads.receive(datasetId, req);
  }

  @Get('datasets/:id/uploads')
  @ApiQuery({
    name: 'limit',
    required: false,
    description: 'At most this many (1–100, default 20)',
  })
  @ApiOkResponse({
    type: UploadSchema,
    isArray: true,
    description: "The dataset's uploads, newest first, without their rejected rows",
  })
  @ApiNotFoundResponse({ type: ProblemSchema })
  list(
    @Param('id') datasetId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<UploadSummaryDto[]> {
    return this.uploads.list(datasetId, query);
  }

  @Post('datasets/:id/uploads/preview')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadForm })
  @ApiOkResponse({
    description:
      'Format, encoding, delimiter, headers, up to 50 rows, suggested and saved mapping (first 64 KiB only)',
  })
  @ApiNotFoundResponse({ type: ProblemSchema })
  preview(@Param('id') datasetId: string, @Req() req: IncomingMessage): Promise<UploadPreviewDto> {
    return this.uploads.preview(datasetId, req);
  }

  @Get('uploads/:id/rejected.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Every rejected row: line, column, reason' })
  @ApiNotFoundResponse({ type: ProblemSchema })
  async rejected(@Param('id') id: string, @Res() res: ServerResponse): Promise<void> {
    const { fileName, stream } = await this.uploads.rejectedCsv(id);
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="rejected.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    await pipeline(stream, res);
  }

  @Get('uploads/:id')
  @ApiOkResponse({ type: UploadSchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  get(@Param('id') id: string): Promise<UploadDto> {
    return this.uploads.get(id);
  }
}
