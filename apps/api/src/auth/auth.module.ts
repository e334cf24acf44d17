import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DatasetScope } from './dataset-scope';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';

/** Users, sessions and the global guard every route passes (see docs/security.md). */
@Module({
  controllers: [AuthController, OidcController],
  providers: [AuthService, OidcService, DatasetScope, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
