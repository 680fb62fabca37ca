import { Body, Controller, Get, Headers, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Authenticated } from '../auth/authenticated.decorator.js';
import { Scope, type Principal } from '../auth/principal.js';
import { ETAG_HEADER } from '../common/etag.js';
import { ProblemDto } from '../common/problem.js';
import { UuidParam } from '../common/validation.js';
import {
  ListTenantIntegrationsQuery,
  TenantIntegrationDto,
  TenantIntegrationPage,
  TenantIntegrationPatch,
  TenantIntegrationPayload,
} from './tenant-integration.dto.js';
import { TenantIntegrationService } from './tenant-integration.service.js';

export const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'Expected version as an ETag, e.g. "3"' };

@ApiTags('tenant integrations')
@Controller('tenantintegrations')
export class TenantIntegrationController {
  constructor(private readonly service: TenantIntegrationService) {}

  /** List the tenant integrations of the caller's tenants. */
  @Get()
  @Authenticated({ scopes: [Scope.TenantIntegrationRead] })
  @ApiOkResponse({ type: TenantIntegrationPage })
  listTenantIntegrations(@Auth() principal: Principal, @Query() query: ListTenantIntegrationsQuery): Promise<TenantIntegrationPage> {
    return this.service.list(principal, query);
  }

  @Post()
  @Authenticated({ scopes: [Scope.TenantIntegrationWrite] })
  @ApiCreatedResponse({ type: TenantIntegrationDto })
  createTenantIntegration(@Auth() principal: Principal, @Body() payload: TenantIntegrationPayload): Promise<TenantIntegrationDto> {
    return this.service.create(principal, payload);
  }

  @Get(':tenantintegration')
  @Authenticated({ scopes: [Scope.TenantIntegrationRead] })
  @ApiOkResponse({ type: TenantIntegrationDto, headers: ETAG_HEADER })
  @ApiNotFoundResponse({ type: ProblemDto })
  getTenantIntegration(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') id: string,
  ): Promise<TenantIntegrationDto> {
    return this.service.get(principal, id);
  }

  /** Replace the integration; `tenant`, `partnerTenant` and `connector` cannot change. */
  @Put(':tenantintegration')
  @Authenticated({ scopes: [Scope.TenantIntegrationWrite] })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: TenantIntegrationDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Stale version' })
  replaceTenantIntegration(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') id: string,
    @Body() payload: TenantIntegrationPayload,
    @Headers('if-match') ifMatch?: string,
  ): Promise<TenantIntegrationDto> {
    return this.service.replace(principal, id, payload, ifMatch);
  }

  /** Change some fields; `settings` is merged as a JSON merge patch (RFC 7396). */
  @Patch(':tenantintegration')
  @Authenticated({ scopes: [Scope.TenantIntegrationWrite] })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: TenantIntegrationDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Stale version' })
  patchTenantIntegration(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') id: string,
    @Body() patch: TenantIntegrationPatch,
    @Headers('if-match') ifMatch?: string,
  ): Promise<TenantIntegrationDto> {
    return this.service.patch(principal, id, patch, ifMatch);
  }
}
