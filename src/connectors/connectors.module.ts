import { Module } from '@nestjs/common';
import { ConnectorCatalog } from './connector-catalog.js';
import { ConnectorController } from './connector.controller.js';

@Module({ controllers: [ConnectorController], providers: [ConnectorCatalog], exports: [ConnectorCatalog] })
export class ConnectorsModule {}
