import { Module } from '@nestjs/common';
import { ActivityLog } from './activity-log.js';
import { ConnectorErrors } from './connector-errors.js';
import { ConnectorSwitch } from './connector-switch.js';
import { OperationsRepository } from './operations.repository.js';

/**
 * The connector's own bookkeeping, below every feature that writes to it: the activity log,
 * connector errors and the connector switch. It imports no feature module.
 */
@Module({
  providers: [OperationsRepository, ActivityLog, ConnectorErrors, ConnectorSwitch],
  exports: [OperationsRepository, ActivityLog, ConnectorErrors, ConnectorSwitch],
})
export class OperationsModule {}
