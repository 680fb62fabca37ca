import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import type { PageQueryDto } from '../common/paging.js';
import { CryptoService } from '../common/crypto.service.js';
import { AppConfig } from '../config/app-config.js';
import type { CreatedWebhookDto, CreateWebhookPayload, DeliveryDto, DeliveryPage, ListDeliveriesQuery, WebhookDto, WebhookPage } from './webhooks.dto.js';
import { WebhooksRepository, type DeliveryRow, type SubscriptionRow } from './webhooks.repository.js';

/** Subscriptions per tenant: who may manage which, the secret shown once, the delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly crypto: CryptoService,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, payload: CreateWebhookPayload): Promise<CreatedWebhookDto> {
    if (!principal.canActFor(payload.tenant)) {
      throw new ForbiddenError('TENANT.NOT_ALLOWED', `You may not act for tenant ${payload.tenant}: it is not in your token's tenants`);
    }
    if (this.config.isProduction && new URL(payload.url).protocol !== 'https:') {
      throw new ValidationFailedError([{ field: 'url', message: 'must be an https URL' }]);
    }
    const id = randomUUID();
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const row = await this.repository.insertSubscription({
      id,
      tenant: payload.tenant.toLowerCase(),
      url: payload.url,
      events: [...payload.events],
      description: payload.description ?? null,
      secret_encrypted: this.crypto.encrypt(secret, secretContext(id)),
      created_by: principal.subject,
    });
    return { ...toWebhookDto(row), secret };
  }

  async list(principal: Principal, query: PageQueryDto): Promise<WebhookPage> {
    const page = await this.repository.listSubscriptions(principal.tenantFilter(), query);
    return { content: page.content.map(toWebhookDto), page: page.page };
  }

  async get(principal: Principal, id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.find(principal, id));
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.find(principal, id);
    await this.repository.deleteSubscription(id);
  }

  async deliveries(principal: Principal, id: string, query: ListDeliveriesQuery): Promise<DeliveryPage> {
    await this.find(principal, id);
    const page = await this.repository.listDeliveries(id, query.state, query);
    return { content: page.content.map(toDeliveryDto), page: page.page };
  }

  async redeliver(principal: Principal, id: string, deliveryId: string): Promise<DeliveryDto> {
    await this.find(principal, id);
    const row = await this.repository.redeliver(id, deliveryId);
    if (!row) throw new NotFoundError('WEBHOOK_DELIVERY.NOT_FOUND', 'Delivery', deliveryId);
    return toDeliveryDto(row);
  }

  /** Another tenant's subscription is as absent as one that does not exist. */
  private async find(principal: Principal, id: string): Promise<SubscriptionRow> {
    const row = await this.repository.findSubscription(id, principal.tenantFilter());
    if (!row) throw new NotFoundError('WEBHOOK.NOT_FOUND', 'Webhook subscription', id);
    return row;
  }
}

/** The encrypted secret only decrypts for its own subscription. */
export function secretContext(subscriptionId: string): string {
  return `webhook:${subscriptionId}`;
}

function toWebhookDto(row: SubscriptionRow): WebhookDto {
  return { id: row.id, tenant: row.tenant, url: row.url, events: row.events, description: row.description, createdAt: row.created_at.toISOString(), createdBy: row.created_by };
}

function toDeliveryDto(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    type: row.event_type,
    payload: row.payload,
    state: row.state,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at.toISOString() : null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    attemptLog: row.attempt_log,
  };
}
