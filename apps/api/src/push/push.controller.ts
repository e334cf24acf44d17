import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { CreatedIngestionKeyDto, IngestionKeyDto, UploadDto } from '@onetrip/contracts';
import type { IncomingMessage } from 'node:http';
import { Public } from '../auth/auth.decorators';
import { arrayOf, problem, ref } from '../openapi/openapi';
import { PushService } from './push.service';
import { Audited } from '../audit/audited';

@ApiTags('push')
@Controller('api/v1/datasets/:id')
export class PushController {
  constructor(private readonly push: PushService) {}

  @Post('events')
  @Audited('uploaded')
  @Public() // the ingestion key is the credential (PushService)
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiConsumes('application/x-ndjson')
  @ApiBody({ schema: { type: 'string', description: 'One JSON event per line' } })
  @ApiCreatedResponse({ schema: ref('UploadDto'), description: 'The report of the push' })
  @ApiUnauthorizedResponse(problem())
  @ApiPayloadTooLargeResponse(problem('More than 10,000 events'))
  events(@Param('id') datasetId: string, @Req() req: IncomingMessage): Promise<UploadDto> {
    return this.push.push(datasetId, req);
  }

  @Post('ingestion-keys')
  @Audited('created')
  @HttpCode(201)
  @ApiBody({ schema: ref('CreateIngestionKeyRequest'), required: false })
  @ApiCreatedResponse({
    schema: ref('CreatedIngestionKeyDto'),
    description: 'The key, shown only this once',
  })
  @ApiNotFoundResponse(problem())
  createKey(
    @Param('id') datasetId: string,
    @Body() body: unknown,
  ): Promise<CreatedIngestionKeyDto> {
    return this.push.createKey(datasetId, body);
  }

  @Get('ingestion-keys')
  @ApiOkResponse({
    schema: arrayOf('IngestionKeyDto'),
    description: 'The keys of the dataset (without the secrets)',
  })
  listKeys(@Param('id') datasetId: string): Promise<IngestionKeyDto[]> {
    return this.push.listKeys(datasetId);
  }

  @Delete('ingestion-keys/:keyId')
  @Audited('deleted')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse(problem())
  revokeKey(@Param('id') datasetId: string, @Param('keyId') keyId: string): Promise<void> {
    return this.push.revokeKey(datasetId, keyId);
  }
}
