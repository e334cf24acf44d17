import { Injectable } from '@nestjs/common';
import { HealthRepository } from '@onetrip/backend';
import type { HealthDto } from '@onetrip/contracts';

@Injectable()
export class HealthService {
  constructor(private readonly health: HealthRepository) {}

  async check(): Promise<HealthDto> {
    const [postgres, redis] = await Promise.all([this.health.postgresUp(), this.health.redisUp()]);
    return {
      status: postgres && redis ? 'ok' : 'error',
      checks: { postgres: postgres ? 'up' : 'down', redis: redis ? 'up' : 'down' },
    };
  }
}
