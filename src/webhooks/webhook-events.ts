import { Injectable } from '@nestjs/common';
import type { SqlRows } from '../common/sql.js';

export const WEBHOOK_EVENTS = [
  'sync.succeeded',
  'sync.failed',
  'connection.auth_error',
  'connection.status_changed',
  'push.rejected',
  'tenant_config.changed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Publishing an event: one delivery per subscription of the event's tenant that wants it, written
 * through the caller's transaction (an outbox), so an event is delivered if and only if what it
 * tells about was committed. Workers deliver it (WebhookDispatcher).
 */
@Injectable()
export class WebhookEvents {
  async publish(db: SqlRows, tenant: string, type: WebhookEvent, data: Record<string, unknown>): Promise<void> {
    await db.rows(
      `INSERT INTO webhook_deliveries (subscription_id, event_type, payload, state)
       SELECT s.id, $2::text, jsonb_build_object('type', $2::text, 'timestamp', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', $3::jsonb),
         'pending'
       FROM webhook_subscriptions s WHERE s.tenant = $1::uuid AND $2::text = ANY (s.events)
       RETURNING id`,
      [tenant, type, JSON.stringify(data)],
    );
  }
}
