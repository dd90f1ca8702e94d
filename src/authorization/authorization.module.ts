import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { AbilityFactory } from './ability.factory';
import { AccessGuard } from './access.guard';

@Global()
@Module({
  imports: [AuthModule],
  providers: [AbilityFactory, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AbilityFactory],
})
export class AuthorizationModule {}
