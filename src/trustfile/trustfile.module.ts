import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module.js';
import { ExtractionModule } from '../extraction/extraction.module.js';
import { OperationsModule } from '../operations/operations.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { PushQueue } from './push-queue.js';
import { PushRepository } from './push.repository.js';
import { PushScheduler } from './push-scheduler.js';
import { PushService } from './push.service.js';
import { TrustFileApiService } from './trustfile-api.service.js';
import { TrustFileController } from './trustfile.controller.js';

/** The push of extracted documents to TrustFile (outbox on the extraction store), and the TrustFile-facing methods. */
@Module({
  imports: [ExtractionModule, ConnectionsModule, OperationsModule, WebhooksModule],
  controllers: [TrustFileController],
  providers: [PushRepository, PushQueue, PushService, PushScheduler, TrustFileApiService],
})
export class TrustFileModule {}
