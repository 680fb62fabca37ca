import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRows, type SqlRows } from '../common/sql.js';
import { ActivityLog } from '../operations/activity-log.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import type { ConnectionEntity, ConnectionStatus } from './connection.entity.js';

type Snapshot = Pick<ConnectionEntity, 'id' | 'tenant' | 'status' | 'enabled' | 'statusDetail'>;

/**
 * What a connection change tells others, written in the transaction that makes the change: an
 * activity entry, and the webhooks connection.status_changed and connection.auth_error.
 * Transitions into and out of `syncing` are a run's bookkeeping: its own events cover them.
 */
@Injectable()
export class ConnectionEvents {
  constructor(
    private readonly activities: ActivityLog,
    private readonly events: WebhookEvents,
  ) {}

  /** `activity`: what was done, when it is more than a status change (enable, authorization granted…). */
  async changed(
    db: EntityManager | SqlRows,
    before: Snapshot,
    after: Pick<Snapshot, 'status' | 'enabled' | 'statusDetail'>,
    actor: string | undefined,
    activity?: { type: string; message: string },
  ): Promise<void> {
    const rows = 'rows' in db ? db : sqlRows(db);
    const entries = [...(activity ? [{ connectionId: before.id, actor, ...activity }] : [])];
    if (before.enabled !== after.enabled) {
      entries.push({
        connectionId: before.id,
        actor,
        type: after.enabled ? 'connection.enabled' : 'connection.disabled',
        message: after.enabled ? 'The connection was enabled: it is synced on its schedule' : 'The connection was disabled: it is no longer synced',
      });
    }
    if (entries.length > 0) await this.activities.record(entries, rows);
    if (before.status === after.status || isRunBookkeeping(before.status, after.status)) return;
    const data = { connectionId: before.id, from: before.status, to: after.status, detail: after.statusDetail ?? null, actor: actor ?? null };
    await this.events.publish(rows, before.tenant, 'connection.status_changed', data);
    if (after.status === 'auth_error') await this.events.publish(rows, before.tenant, 'connection.auth_error', data);
  }
}

function isRunBookkeeping(from: ConnectionStatus, to: ConnectionStatus): boolean {
  return (from === 'syncing' && to === 'ready') || to === 'syncing';
}
