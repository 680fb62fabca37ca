import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ConnectionsModule } from '../connections/connections.module.js';
import { HostSystemModule } from '../host-system/host-system.module.js';
import { OperationsModule } from '../operations/operations.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ExtractionController } from './extraction.controller.js';
import { ExtractionRepository } from './extraction.repository.js';
import { ExtractionService } from './extraction.service.js';
import { ReconciliationRunner } from './reconciliation-runner.js';
import { ReconciliationScheduler } from './reconciliation-scheduler.js';
import { ReconciliationController } from './reconciliation.controller.js';
import { ReconciliationService } from './reconciliation.service.js';
import { RunQueue } from './run-queue.js';
import { SyncRunner } from './sync-runner.js';
import { SyncScheduler } from './sync-scheduler.js';

/** Scheduled, load-balanced extraction from host systems into the canonical store. */
@Module({
  imports: [ScheduleModule.forRoot(), ConnectionsModule, HostSystemModule, OperationsModule, WebhooksModule],
  controllers: [ExtractionController, ReconciliationController],
  providers: [ExtractionRepository, ExtractionService, RunQueue, SyncRunner, SyncScheduler, ReconciliationRunner, ReconciliationScheduler, ReconciliationService],
  exports: [ExtractionRepository, RunQueue],
})
export class ExtractionModule {}
