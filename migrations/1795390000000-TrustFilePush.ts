import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The push to TrustFile and the connector's own bookkeeping:
 * - `push_outbox`: per extracted document, the revision TrustFile must hold and what TrustFile
 *   last said about it. Written in the extraction transaction that changes the document, so
 *   nothing extracted can be forgotten; a newer revision overwrites a pending older one.
 * - `push_connections`: when a connection last pushed successfully.
 * - `connector_state`: the one connector switch (scheduling and pushing on or off) and the
 *   pause of every push after TrustFile refused the outbound token.
 * - `connector_errors`: connector-level errors (TrustFile authorization, queue, database).
 * - `connection_activities`: the activity log, written by the code that does the thing; entries
 *   without a connection are connector-wide.
 */
export class TrustFilePush1795390000000 implements MigrationInterface {
  name = 'TrustFilePush1795390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE push_outbox (
        transaction_id uuid PRIMARY KEY REFERENCES extracted_transactions (id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        revision integer NOT NULL,
        state varchar(8) NOT NULL CHECK (state IN ('pending', 'pushed', 'rejected')),
        queued_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        pushed_revision integer,
        pushed_at timestamptz,
        rejected_at timestamptz,
        errors jsonb
      )`);
    await queryRunner.query(`CREATE INDEX push_outbox_pending_idx ON push_outbox (connection_id, queued_at, transaction_id) WHERE state = 'pending'`);
    await queryRunner.query(`CREATE INDEX push_outbox_state_idx ON push_outbox (connection_id, state)`);
    // Documents extracted before the push existed must reach TrustFile too.
    await queryRunner.query(`
      INSERT INTO push_outbox (transaction_id, connection_id, revision, state)
      SELECT id, connection_id, revision, 'pending' FROM extracted_transactions`);

    await queryRunner.query(`
      CREATE TABLE push_connections (
        connection_id uuid PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
        last_push_at timestamptz,
        last_attempt_at timestamptz,
        last_error varchar(1024)
      )`);

    await queryRunner.query(`
      CREATE TABLE connector_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        enabled boolean NOT NULL DEFAULT true,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by varchar(255) NOT NULL DEFAULT 'system',
        push_paused_at timestamptz,
        push_paused_reason varchar(1024),
        push_probed_at timestamptz
      )`);
    await queryRunner.query(`INSERT INTO connector_state (id) VALUES (true)`);

    await queryRunner.query(`
      CREATE TABLE connector_errors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        component varchar(32) NOT NULL,
        code varchar(64) NOT NULL,
        message varchar(1024) NOT NULL,
        connection_id uuid REFERENCES connections (id) ON DELETE SET NULL
      )`);
    await queryRunner.query(`CREATE INDEX connector_errors_time_idx ON connector_errors (occurred_at DESC, id)`);

    await queryRunner.query(`
      CREATE TABLE connection_activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connection_id uuid REFERENCES connections (id) ON DELETE CASCADE,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        type varchar(64) NOT NULL,
        actor varchar(255),
        message varchar(2048) NOT NULL,
        details jsonb
      )`);
    await queryRunner.query(`CREATE INDEX connection_activities_time_idx ON connection_activities (connection_id, occurred_at DESC, id)`);
    // Connector-wide entries (the connector switch, TrustFile refusing the token) have no connection; every connection's log shows them.
    await queryRunner.query(`CREATE INDEX connection_activities_connector_idx ON connection_activities (occurred_at DESC, id) WHERE connection_id IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['connection_activities', 'connector_errors', 'connector_state', 'push_connections', 'push_outbox']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
