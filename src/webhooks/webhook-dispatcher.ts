import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Webhook } from 'standardwebhooks';
import { CryptoService } from '../common/crypto.service.js';
import { AppConfig } from '../config/app-config.js';
import { secretContext } from './webhooks.service.js';
import { WebhooksRepository, type DueDelivery } from './webhooks.repository.js';

const CLAIM_BATCH = 50;

/**
 * The worker role's webhook sender: claims due deliveries, signs each per Standard Webhooks
 * (webhook-id, webhook-timestamp, webhook-signature) with the subscription's secret, and records
 * the outcome. A 2xx delivers; anything else is retried on the configured schedule (over a day by
 * default), then the delivery fails and stays in the log for a manual redelivery.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private ticking?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly crypto: CryptoService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.processRole === 'web') return;
    this.registry.addInterval('webhooks', setInterval(() => void this.tick(), this.config.webhooks.tickMs));
  }

  tick(): Promise<void> {
    this.ticking ??= this.deliverDue()
      .catch((error: unknown) => this.logger.error({ msg: 'Webhook delivery pass failed', error: (error as Error).message }))
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async deliverDue(): Promise<void> {
    const leaseSeconds = Math.ceil(this.config.webhooks.timeoutMs / 1000) + 30;
    while (!this.stopping) {
      const due = await this.repository.claimDue(CLAIM_BATCH, leaseSeconds);
      if (due.length === 0) return;
      await Promise.all(due.map((delivery) => this.deliver(delivery)));
      if (due.length < CLAIM_BATCH) return;
    }
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const secret = this.crypto.decrypt(delivery.secret_encrypted, secretContext(delivery.subscription_id));
      const timestamp = new Date();
      const signature = new Webhook(secret).sign(delivery.id, timestamp, delivery.body);
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
          'user-agent': 'connector-hub-webhooks',
        },
        body: delivery.body,
        redirect: 'manual', // a redirect is an answer, not an instruction to send the event elsewhere
        signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status > 299) error = `answered ${status}`;
    } catch (failure) {
      error = (failure as Error).name === 'TimeoutError' ? `no answer within ${this.config.webhooks.timeoutMs} ms` : `could not be reached: ${(failure as Error).message}`;
    }
    const delivered = error === null;
    const schedule = this.config.webhooks.retryScheduleSeconds;
    const retryInSeconds = delivered || delivery.attempts >= schedule.length ? null : schedule[delivery.attempts];
    await this.repository.recordAttempt(delivery.id, { delivered, status, error, ms: performance.now() - started, retryInSeconds });
    if (!delivered) this.logger.warn({ msg: retryInSeconds === null ? 'Webhook delivery failed for good' : 'Webhook delivery failed; retrying', deliveryId: delivery.id, type: delivery.event_type, status, error });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.registry.doesExist('interval', 'webhooks')) this.registry.deleteInterval('webhooks');
    await this.ticking;
  }
}
