import { Injectable } from '@nestjs/common';
import { ActivityLog } from './activity-log.js';
import { OperationsRepository, type ConnectorStateRow } from './operations.repository.js';

/**
 * The whole connector's switch (`PUT /connector?enabled=`): off, no run is scheduled or started
 * and nothing is pushed; runs in flight stop after their current page and resume when it is on.
 */
@Injectable()
export class ConnectorSwitch {
  constructor(
    private readonly repository: OperationsRepository,
    private readonly activities: ActivityLog,
  ) {}

  state(): Promise<ConnectorStateRow> {
    return this.repository.connectorState();
  }

  async isEnabled(): Promise<boolean> {
    return (await this.repository.connectorState()).enabled;
  }

  async set(enabled: boolean, actor: string): Promise<ConnectorStateRow> {
    const { before, state } = await this.repository.setConnectorEnabled(enabled, actor);
    if (before !== enabled) {
      await this.activities.record({
        connectionId: null,
        type: enabled ? 'connector.enabled' : 'connector.disabled',
        actor,
        message: enabled ? 'The connector was enabled: scheduling and pushing resume' : 'The connector was disabled: scheduling and pushing are paused',
      });
    }
    return state;
  }
}
