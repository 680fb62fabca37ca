import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { BearerAuthGuard } from './bearer-auth.guard.js';
import { BearerStrategy } from './bearer.strategy.js';
import { MeController } from './me.controller.js';
import { TokenVerifier } from './token-verifier.js';

@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [MeController],
  providers: [TokenVerifier, BearerStrategy, { provide: APP_GUARD, useClass: BearerAuthGuard }],
  exports: [TokenVerifier],
})
export class AuthModule {}
