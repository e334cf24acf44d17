import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  UploadListQuerySchema,
  type UploadDeletionDto,
  type UploadDto,
  type UploadPreviewDto,
  type UploadSummaryDto,
} from '@onetrip/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { MinRole } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user';
import { ApiQueryFrom, arrayOf, problem, ref } from '../openapi/openapi';
import { rejectionLocale } from './rejected-csv';
import { UploadsService } from './uploads.service';
import { Audited } from '../audit/audited';

@ApiTags('uploads')
@Controller('api/v1')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post('datasets/:id/uploads')
  @Audited('uploaded')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: ref('UploadForm') })
  @ApiCreatedResponse({ schema: ref('UploadDto'), description: 'The upload report' })
  @ApiBadRequestResponse(problem('Bad options, mapping or multipart body'))
  @ApiNotFoundResponse(problem())
  @ApiPayloadTooLargeResponse(problem())
  @ApiUnprocessableEntityResponse(problem('Ingest error with file, line, column'))
  upload(@Param('id') datasetId: string, @Req() req: IncomingMessage): Promise<UploadDto> {
    return this.uploads.receive(datasetId, req);
  }

  @Get('datasets/:id/uploads')
  @Audited('viewed')
  @ApiQueryFrom(UploadListQuerySchema)
  @ApiOkResponse({
    schema: arrayOf('UploadSummaryDto'),
    description: "The dataset's uploads, newest first, without their rejected rows",
  })
  @ApiNotFoundResponse(problem())
  list(
    @Param('id') datasetId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<UploadSummaryDto[]> {
    return this.uploads.list(datasetId, query);
  }

  @Post('datasets/:id/uploads/preview')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: ref('UploadForm') })
  @ApiOkResponse({
    schema: ref('UploadPreviewDto'),
    description:
      'Format, encoding, delimiter, headers, up to 50 rows, suggested and saved mapping (first 64 KiB only)',
  })
  @ApiNotFoundResponse(problem())
  preview(@Param('id') datasetId: string, @Req() req: IncomingMessage): Promise<UploadPreviewDto> {
    return this.uploads.preview(datasetId, req);
  }

  @Get('uploads/:id/rejected.csv')
  @Audited('exported')
  @MinRole('analyst') // raw rows of the file (docs/security.md#small-counts)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    schema: {
      type: 'string',
      description:
        'CSV (UTF-8 with a BOM) with the columns line, column, code, reason, original row; ' +
        'headers and reasons in Chinese for ?lang=zh-CN or Accept-Language zh',
    },
    description: 'Every rejected row: line, column, code, reason, the row as it was in the file',
  })
  @ApiForbiddenResponse(
    problem('Below analyst (auth.forbidden), or row-scoped on this dataset (scope.raw-rows)'),
  )
  @ApiNotFoundResponse(problem())
  async rejected(
    @Param('id') id: string,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    const lang = new URL(req.url ?? '/', 'http://x').searchParams.get('lang') ?? undefined;
    const { fileName, stream } = await this.uploads.rejectedCsv(
      id,
      rejectionLocale(lang, req.headers['accept-language']),
      user,
    );
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="rejected.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    await pipeline(stream, res);
  }

  @Delete('uploads/:id')
  @HttpCode(200)
  @ApiOkResponse({
    schema: ref('UploadDeletionDto'),
    description:
      'The upload, the events it added and its rejected rows are deleted; when events went, so ' +
      "did the dataset's runs and results, and its version moved on",
  })
  @ApiNotFoundResponse(problem())
  @ApiConflictResponse(problem('An upload of the dataset is still being read'))
  remove(@Param('id') id: string): Promise<UploadDeletionDto> {
    return this.uploads.delete(id);
  }

  @Get('uploads/:id')
  @Audited('viewed')
  @ApiOkResponse({ schema: ref('UploadDto') })
  @ApiNotFoundResponse(problem())
  get(@Param('id') id: string): Promise<UploadDto> {
    return this.uploads.get(id);
  }
}
