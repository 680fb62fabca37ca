import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Authenticated } from '../auth/authenticated.decorator.js';
import { Scope, type Principal } from '../auth/principal.js';
import { ETAG_HEADER } from '../common/etag.js';
import { ProblemDto } from '../common/problem.js';
import { IntParam, UuidParam } from '../common/validation.js';
import { IF_MATCH_HEADER } from '../integrations/tenant-integration.controller.js';
import { CloneTenantIntegrationPayload, TenantIntegrationDto } from '../integrations/tenant-integration.dto.js';
import {
  BulkConfigPayload,
  BulkConfigResult,
  ListConfigsQuery,
  RevealQuery,
  TenantConfigDto,
  TenantConfigPage,
  TenantConfigPayload,
  TenantConfigVersionPage,
} from './tenant-config.dto.js';
import { TenantConfigService } from './tenant-config.service.js';
import { TenantIntegrationLifecycleService } from './tenant-integration-lifecycle.service.js';
import { ListPartnerTenantConfigsParams } from './tenant-config.params.js';

const NOT_FOUND = { type: ProblemDto, description: 'No such tenant integration or config visible to the caller' };
const CONFLICT = { type: ProblemDto, description: 'Stale version, duplicate name, or an update in progress' };

@ApiTags('tenant configs')
@Controller('tenantintegrations/:tenantintegration/configs')
@ApiParam({ name: 'tenantintegration', format: 'uuid' })
export class TenantConfigController {
  constructor(private readonly service: TenantConfigService) {}

  @Post()
  @Authenticated({ scopes: [Scope.TenantConfigWrite] })
  @ApiCreatedResponse({ type: TenantConfigDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse(CONFLICT)
  createTenantConfig(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') integrationId: string,
    @Body() payload: TenantConfigPayload,
  ): Promise<TenantConfigDto> {
    return this.service.create(principal, integrationId, payload);
  }

  @Get()
  @Authenticated({ scopes: [Scope.TenantConfigRead] })
  @ApiOkResponse({ type: TenantConfigPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listTenantConfigs(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') integrationId: string,
    @Query() query: ListConfigsQuery,
  ): Promise<TenantConfigPage> {
    return this.service.list(principal, integrationId, query);
  }

  /** Save many configs at once (a settings page): all are applied, or none. Items with an id update it; others create. */
  @Put()
  @Authenticated({ scopes: [Scope.TenantConfigWrite] })
  @ApiOkResponse({ type: BulkConfigResult })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'One item is stale or duplicated; nothing was saved (the problem names the item)' })
  saveTenantConfigs(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') integrationId: string,
    @Body() payload: BulkConfigPayload,
  ): Promise<BulkConfigResult> {
    return this.service.bulkUpsert(principal, integrationId, payload.configs).then((content) => ({ content }));
  }

  /** Every version of every config of the integration (including deleted ones). */
  @Get('versions')
  @Authenticated({ scopes: [Scope.TenantConfigVersionRead] })
  @ApiOkResponse({ type: TenantConfigVersionPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listTenantConfigVersions(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') integrationId: string,
    @Query() query: ListConfigsQuery,
  ): Promise<TenantConfigVersionPage> {
    return this.service.listVersions(principal, integrationId, query);
  }

  @Get(':config')
  @Authenticated({ scopes: [Scope.TenantConfigRead] })
  @ApiParam({ name: 'config', format: 'uuid' })
  @ApiOkResponse({ type: TenantConfigDto, headers: ETAG_HEADER })
  @ApiNotFoundResponse(NOT_FOUND)
  getTenantConfig(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') integrationId: string,
    @UuidParam('config') id: string,
    @Query() query: RevealQuery,
  ): Promise<TenantConfigDto> {
    return this.service.get(principal, integrationId, id, query.reveal);
  }

  @Put(':config')
  @Authenticated({ scopes: [Scope.TenantConfigWrite] })
  @ApiParam({ name: 'config', format: 'uuid' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: TenantConfigDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse(CONFLICT)
  replaceTenantConfig(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') integrationId: string,
    @UuidParam('config') id: string,
    @Body() payload: TenantConfigPayload,
    @Headers('if-match') ifMatch?: string,
  ): Promise<TenantConfigDto> {
    return this.service.replace(principal, integrationId, id, payload, ifMatch);
  }

  @Delete(':config')
  @HttpCode(204)
  @Authenticated({ scopes: [Scope.TenantConfigWrite] })
  @ApiParam({ name: 'config', format: 'uuid' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiNoContentResponse({ description: 'Deleted; its history stays readable through the versions' })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse(CONFLICT)
  deleteTenantConfig(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') integrationId: string,
    @UuidParam('config') id: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<void> {
    return this.service.delete(principal, integrationId, id, ifMatch);
  }

  /** One config's history, newest first by default. */
  @Get(':config/versions')
  @Authenticated({ scopes: [Scope.TenantConfigVersionRead] })
  @ApiParam({ name: 'config', format: 'uuid' })
  @ApiOkResponse({ type: TenantConfigVersionPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listTenantConfigHistory(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') integrationId: string,
    @UuidParam('config') id: string,
    @Query() query: ListConfigsQuery,
  ): Promise<TenantConfigVersionPage> {
    return this.service.listVersions(principal, integrationId, query, id);
  }

  /** Write the content of an earlier version as a new version (If-Match applies to the current one). */
  @Post(':config/versions/:version/restore')
  @HttpCode(200)
  @Authenticated({ scopes: [Scope.TenantConfigWrite] })
  @ApiParam({ name: 'config', format: 'uuid' })
  @ApiParam({ name: 'version', type: Number })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOkResponse({ type: TenantConfigDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse(CONFLICT)
  restoreTenantConfigVersion(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') integrationId: string,
    @UuidParam('config') id: string,
    @IntParam('version') version: number,
    @Headers('if-match') ifMatch?: string,
  ): Promise<TenantConfigDto> {
    return this.service.restore(principal, integrationId, id, version, ifMatch);
  }
}

@ApiTags('tenant configs')
@Controller('connectors/:connector/partnertenants/:partnerTenant/configs')
export class PartnerTenantConfigController {
  constructor(private readonly service: TenantConfigService) {}

  /** Configs of a partner tenant for one connector, across the caller's tenant integrations. */
  @Get()
  @Authenticated({ scopes: [Scope.TenantConfigRead] })
  @ApiOkResponse({ type: TenantConfigPage })
  listPartnerTenantConfigs(
    @Auth() principal: Principal,
    @Param() params: ListPartnerTenantConfigsParams,
    @Query() query: ListConfigsQuery,
  ): Promise<TenantConfigPage> {
    return this.service.listByPartnerTenant(principal, params.connector, params.partnerTenant, query);
  }
}

@ApiTags('tenant integrations')
@Controller('tenantintegrations')
export class TenantIntegrationLifecycleController {
  constructor(private readonly lifecycle: TenantIntegrationLifecycleService) {}

  /** Delete the integration and its configs (each config's history records the deletion). */
  @Delete(':tenantintegration')
  @HttpCode(204)
  @Authenticated({ scopes: [Scope.TenantIntegrationWrite] })
  @ApiParam({ name: 'tenantintegration', format: 'uuid' })
  @ApiHeader(IF_MATCH_HEADER)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'Stale version' })
  deleteTenantIntegration(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') id: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<void> {
    return this.lifecycle.delete(principal, id, ifMatch);
  }

  /** Copy the integration and all its configs into a new, independent integration. */
  @Post(':tenantintegration/clone')
  @Authenticated({ scopes: [Scope.TenantIntegrationWrite] })
  @ApiParam({ name: 'tenantintegration', format: 'uuid' })
  @ApiCreatedResponse({ type: TenantIntegrationDto })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiConflictResponse({ type: ProblemDto, description: 'A copied config would duplicate an existing one' })
  cloneTenantIntegration(
    @Auth() principal: Principal,
    @UuidParam('tenantintegration') id: string,
    @Body() overrides: CloneTenantIntegrationPayload,
  ): Promise<TenantIntegrationDto> {
    return this.lifecycle.clone(principal, id, overrides);
  }
}
