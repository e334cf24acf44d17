import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DatasetScope } from './dataset-scope';

/** Users, sessions and the global guard every route passes (see docs/security.md). */
@Module({
  controllers: [AuthController],
  providers: [AuthService, DatasetScope, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
