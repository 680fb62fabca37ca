import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Authenticated } from './authenticated.decorator.js';
import { PrincipalDto } from './auth.dto.js';
import type { Principal } from './principal.js';

@ApiTags('auth')
@Controller('me')
export class MeController {
  /** Who the bearer token belongs to, with its scopes and tenants (what the admin UI may show). */
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: PrincipalDto })
  getCurrentPrincipal(@Auth() principal: Principal): PrincipalDto {
    return {
      subject: principal.subject,
      kind: principal.kind,
      scopes: [...principal.scopes].sort(),
      tenants: principal.tenants === 'all' ? 'all' : [...principal.tenants].sort(),
    };
  }
}
