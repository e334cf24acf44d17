import { Module } from '@nestjs/common';
import { SessionCleanup } from './session-cleanup';

/** Background housekeeping of the api's security state (see docs/security.md). */
@Module({ providers: [SessionCleanup] })
export class HardeningModule {}
