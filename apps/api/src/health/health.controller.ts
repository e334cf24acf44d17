import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { HealthDto } from '@onetrip/contracts';
import type { ServerResponse } from 'node:http';
import { Public } from '../auth/auth.decorators';
import { ref } from '../openapi/openapi';
import { HealthService } from './health.service';

@Public()
@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ schema: ref('HealthDto'), description: 'PostgreSQL and Redis are reachable' })
  @ApiServiceUnavailableResponse({
    schema: ref('HealthDto'),
    description: 'At least one dependency is down',
  })
  async check(@Res({ passthrough: true }) res: ServerResponse): Promise<HealthDto> {
    const health = await this.health.check();
    res.statusCode = health.status === 'ok' ? 200 : 503;
    return health;
  }
}
