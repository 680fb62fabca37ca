import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Authenticated } from '../../src/auth/authenticated.decorator.js';
import { Scope } from '../../src/auth/principal.js';

export class ProbeBody {
  @IsString() @MaxLength(10)
  readonly name: string;

  @IsInt() @Min(1) @Max(5)
  readonly count: number;
}

/**
 * Routes mounted only in tests, to exercise the guard and the error exit before feature
 * modules exist: one needs a scope, one takes a validated body, one fails unexpectedly.
 */
@Controller('probe')
export class ProbeController {
  @Post('echo')
  @Authenticated({ scopes: [Scope.SyncWrite] })
  echo(@Body() body: ProbeBody): ProbeBody {
    return body;
  }

  @Get('boom')
  @Authenticated()
  boom(): never {
    throw new Error('relation "secret_table" does not exist (query: SELECT password FROM users)');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
