import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectorsModule } from '../connectors/connectors.module.js';
import { IntegrationsModule } from '../integrations/integrations.module.js';
import { RateBudgetModule } from '../host-system/rate-budget.js';
import { OperationsModule } from '../operations/operations.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { ConnectionEvents } from './connection-events.js';
import { ConnectionController } from './connection.controller.js';
import { ConnectionCredentialsEntity, ConnectionEntity } from './connection.entity.js';
import { ConnectionRepository } from './connection.repository.js';
import { ConnectionService } from './connection.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ConnectionEntity, ConnectionCredentialsEntity]), ConnectorsModule, IntegrationsModule, RateBudgetModule, OperationsModule, WebhooksModule],
  controllers: [ConnectionController],
  providers: [ConnectionRepository, ConnectionService, ConnectionEvents],
  exports: [ConnectionRepository, ConnectionService],
})
export class ConnectionsModule {}
