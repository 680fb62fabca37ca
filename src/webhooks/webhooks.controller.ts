import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, Authenticated } from '../auth/authenticated.decorator.js';
import { Scope, type Principal } from '../auth/principal.js';
import { PageQueryDto } from '../common/paging.js';
import { ProblemDto } from '../common/problem.js';
import { UuidParam } from '../common/validation.js';
import { CreatedWebhookDto, CreateWebhookPayload, DeliveryDto, DeliveryPage, ListDeliveriesQuery, WebhookDto, WebhookPage } from './webhooks.dto.js';
import { WebhooksService } from './webhooks.service.js';

const NOT_FOUND = { type: ProblemDto, description: 'No such subscription (or delivery) visible to the caller' };
const ID = { name: 'webhookId', format: 'uuid' } as const;

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly service: WebhooksService) {}

  /** Subscribe a URL to a tenant's events; the answer carries the signing secret, once. */
  @Post()
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  createWebhook(@Auth() principal: Principal, @Body() payload: CreateWebhookPayload): Promise<CreatedWebhookDto> {
    return this.service.create(principal, payload);
  }

  @Get()
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiOkResponse({ type: WebhookPage })
  listWebhooks(@Auth() principal: Principal, @Query() query: PageQueryDto): Promise<WebhookPage> {
    return this.service.list(principal, query);
  }

  @Get(':webhookId')
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam(ID)
  @ApiOkResponse({ type: WebhookDto })
  @ApiNotFoundResponse(NOT_FOUND)
  getWebhook(@Auth() principal: Principal, @UuidParam('webhookId') id: string): Promise<WebhookDto> {
    return this.service.get(principal, id);
  }

  /** Unsubscribe; pending deliveries are dropped. */
  @Delete(':webhookId')
  @HttpCode(204)
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam(ID)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse(NOT_FOUND)
  deleteWebhook(@Auth() principal: Principal, @UuidParam('webhookId') id: string): Promise<void> {
    return this.service.delete(principal, id);
  }

  /** The delivery log, newest first, each with its attempts. */
  @Get(':webhookId/deliveries')
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam(ID)
  @ApiOkResponse({ type: DeliveryPage })
  @ApiNotFoundResponse(NOT_FOUND)
  listWebhookDeliveries(@Auth() principal: Principal, @UuidParam('webhookId') id: string, @Query() query: ListDeliveriesQuery): Promise<DeliveryPage> {
    return this.service.deliveries(principal, id, query);
  }

  /** Send a delivery again now (same webhook-id), with a fresh retry schedule. */
  @Post(':webhookId/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @Authenticated({ scopes: [Scope.ConnectionWrite] })
  @ApiParam(ID)
  @ApiParam({ name: 'deliveryId', format: 'uuid' })
  @ApiOkResponse({ type: DeliveryDto })
  @ApiNotFoundResponse(NOT_FOUND)
  redeliverWebhook(@Auth() principal: Principal, @UuidParam('webhookId') id: string, @UuidParam('deliveryId') deliveryId: string): Promise<DeliveryDto> {
    return this.service.redeliver(principal, id, deliveryId);
  }
}
