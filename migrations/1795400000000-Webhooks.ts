import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook subscriptions per tenant, and the delivery outbox: an event writes one delivery per
 * matching subscription in the transaction that does the thing; workers deliver them, signed,
 * with retries over more than a day, and keep each attempt's outcome.
 */
export class Webhooks1795400000000 implements MigrationInterface {
  name = 'Webhooks1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant uuid NOT NULL,
        url varchar(2048) NOT NULL,
        events text[] NOT NULL,
        description varchar(1024),
        secret_encrypted text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by varchar(255) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX webhook_subscriptions_tenant_idx ON webhook_subscriptions (tenant, created_at DESC, id)`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
        event_type varchar(64) NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        state varchar(16) NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz,
        last_status integer,
        last_error varchar(1024),
        attempt_log jsonb NOT NULL DEFAULT '[]'::jsonb
      )`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'`);
    await queryRunner.query(`CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE webhook_subscriptions`);
  }
}
