import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookEvents } from './webhook-events.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Signed webhooks per tenant. Low in the module order: features publish through WebhookEvents in
 * their own transactions; this module imports no feature.
 */
@Module({
  imports: [ScheduleModule.forRoot()],
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookEvents, WebhookDispatcher],
  exports: [WebhookEvents],
})
export class WebhooksModule {}
