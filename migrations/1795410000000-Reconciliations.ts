import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliations: read-only verification runs that re-read a period from the source and compare
 * it, per UTC day and currency, with what was extracted and pushed; and the optional daily
 * reconciliation of yesterday per connection.
 */
export class Reconciliations1795410000000 implements MigrationInterface {
  name = 'Reconciliations1795410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reconciliations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        trigger varchar(16) NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
        status varchar(16) NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        from_day date NOT NULL,
        to_day date NOT NULL,
        requested_by varchar(255) NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        matched boolean,
        days jsonb,
        differences jsonb,
        error_code varchar(64),
        error_message varchar(1024),
        repair_run_id uuid REFERENCES extraction_runs (id) ON DELETE SET NULL,
        repaired_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX reconciliations_connection_idx ON reconciliations (connection_id, queued_at DESC, id)`);
    await queryRunner.query(`
      CREATE TABLE reconciliation_schedules (
        connection_id uuid PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
        enabled boolean NOT NULL,
        last_day date,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by varchar(255) NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reconciliation_schedules`);
    await queryRunner.query(`DROP TABLE reconciliations`);
  }
}
