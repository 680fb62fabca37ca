import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ForbiddenError, ValidationFailedError } from '../common/errors.js';
import { ConnectionService } from '../connections/connection.service.js';
import { ConnectorSwitch } from '../operations/connector-switch.js';
import { OperationsRepository, type ActivityRow, type ConnectorErrorRow } from '../operations/operations.repository.js';
import { PROJECT_ROOT } from '../paths.js';
import { PushQueue } from './push-queue.js';
import { PushRepository, type BadItemRow } from './push.repository.js';
import { PushService } from './push.service.js';
import type { ActivityDto, ActivityPage, BadItemDto, BadItemPage, ConnectorStateDto, ConnectorErrorDto, ConnectorErrorPage, ListActivitiesQuery, ListErrorsQuery } from './trustfile.dto.js';
import type { PageQueryDto } from '../common/paging.js';

const ACTIVITY_DAYS = 365;
const DAY_MS = 86_400_000;
const VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The methods TrustFile calls on an extractor beyond connections: activities, bad items, errors, the connector switch. */
@Injectable()
export class TrustFileApiService {
  constructor(
    private readonly connections: ConnectionService,
    private readonly operations: OperationsRepository,
    private readonly connectorSwitch: ConnectorSwitch,
    private readonly repository: PushRepository,
    private readonly queue: PushQueue,
    private readonly push: PushService,
  ) {}

  async activities(principal: Principal, connectionId: string, query: ListActivitiesQuery): Promise<ActivityPage> {
    await this.connections.get(principal, connectionId);
    const now = Date.now();
    const from = query.from ? parseBound(query.from, 'start') : new Date(now - ACTIVITY_DAYS * DAY_MS);
    const to = query.to ? parseBound(query.to, 'end') : new Date(now + 1000);
    if (from.getTime() < now - (ACTIVITY_DAYS + 1) * DAY_MS) throw new ValidationFailedError([{ field: 'from', message: `must be at most ${ACTIVITY_DAYS} days back` }]);
    if (to <= from) throw new ValidationFailedError([{ field: 'to', message: 'must be after from' }]);
    const page = await this.operations.listActivities(connectionId, from, to, query.type, query);
    return { content: page.content.map(toActivityDto), page: page.page };
  }

  async badItems(principal: Principal, connectionId: string, query: PageQueryDto): Promise<BadItemPage> {
    await this.connections.get(principal, connectionId);
    const page = await this.repository.badItems(connectionId, query);
    return { content: page.content.map(toBadItemDto), page: page.page };
  }

  async errors(principal: Principal, query: ListErrorsQuery): Promise<ConnectorErrorPage> {
    assertService(principal, 'list connector errors');
    const page = await this.operations.listErrors(query.component, query);
    return { content: page.content.map(toErrorDto), page: page.page };
  }

  async connector(): Promise<ConnectorStateDto> {
    const [state, connectionsByStatus, queues, oldestDueAt, pending, lastPushAt] = await Promise.all([
      this.connectorSwitch.state(),
      this.repository.connectionsByStatus(),
      this.queue.depth(),
      this.repository.oldestDueAt(),
      this.repository.pendingTotal(),
      this.repository.lastPushAt(),
    ]);
    return {
      enabled: state.enabled,
      changedAt: state.changed_at.toISOString(),
      changedBy: state.changed_by,
      version: VERSION,
      connectionsByStatus,
      queues,
      oldestDueAt: oldestDueAt?.toISOString() ?? null,
      push: {
        configured: this.push.enabled,
        paused: state.push_paused_at !== null,
        pausedReason: state.push_paused_reason,
        pausedAt: state.push_paused_at?.toISOString() ?? null,
        pending,
        lastPushAt: lastPushAt?.toISOString() ?? null,
      },
    };
  }

  async setConnector(principal: Principal, enabled: boolean): Promise<ConnectorStateDto> {
    assertService(principal, 'switch the connector');
    await this.connectorSwitch.set(enabled, principal.subject);
    return this.connector();
  }
}

function assertService(principal: Principal, what: string): void {
  if (principal.kind !== 'service') throw new ForbiddenError('CONNECTOR.SERVICE_ONLY', `Only the TrustFile service token may ${what}`);
}

/** A day (`2026-11-01`) is its UTC midnight as a start, the next midnight as an end. */
function parseBound(value: string, side: 'start' | 'end'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(Date.parse(`${value}T00:00:00Z`) + (side === 'end' ? DAY_MS : 0));
  return new Date(value);
}

function toActivityDto(row: ActivityRow): ActivityDto {
  return {
    id: row.id,
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor,
    message: row.message,
    details: row.details,
    connectorWide: row.connection_id === null,
  };
}

function toBadItemDto(row: BadItemRow): BadItemDto {
  return {
    kind: row.kind,
    stream: row.stream,
    externalId: row.external_id,
    transactionId: row.transaction_id,
    revision: row.revision,
    errors: row.errors ?? [],
    occurredAt: row.occurred_at.toISOString(),
  };
}

function toErrorDto(row: ConnectorErrorRow): ConnectorErrorDto {
  return { id: row.id, occurredAt: row.occurred_at.toISOString(), component: row.component, code: row.code, message: row.message, connectionId: row.connection_id };
}
