import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run can wait: `deferred` until `resume_at` when the host's daily call budget is spent (AroFlo's
 * status 7, the shared rate budget). It keeps its read position and stays the connection's active
 * run, so no other run starts meanwhile; the scheduler queues it again at `resume_at`.
 */
export class DeferredRuns1795420000000 implements MigrationInterface {
  name = 'DeferredRuns1795420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE extraction_runs ADD COLUMN resume_at timestamptz`);
    await queryRunner.query(`ALTER TABLE extraction_runs DROP CONSTRAINT extraction_runs_status_check`);
    await queryRunner.query(
      `ALTER TABLE extraction_runs ADD CONSTRAINT extraction_runs_status_check CHECK (status IN ('queued', 'running', 'deferred', 'succeeded', 'failed', 'cancelled'))`,
    );
    await queryRunner.query(`DROP INDEX extraction_runs_one_active_key`);
    await queryRunner.query(`CREATE UNIQUE INDEX extraction_runs_one_active_key ON extraction_runs (connection_id) WHERE status IN ('queued', 'running', 'deferred')`);
    await queryRunner.query(`CREATE INDEX extraction_runs_deferred_idx ON extraction_runs (resume_at) WHERE status = 'deferred'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE extraction_runs SET status = 'queued' WHERE status = 'deferred'`);
    await queryRunner.query(`DROP INDEX extraction_runs_deferred_idx`);
    await queryRunner.query(`DROP INDEX extraction_runs_one_active_key`);
    await queryRunner.query(`CREATE UNIQUE INDEX extraction_runs_one_active_key ON extraction_runs (connection_id) WHERE status IN ('queued', 'running')`);
    await queryRunner.query(`ALTER TABLE extraction_runs DROP CONSTRAINT extraction_runs_status_check`);
    await queryRunner.query(`ALTER TABLE extraction_runs ADD CONSTRAINT extraction_runs_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled'))`);
    await queryRunner.query(`ALTER TABLE extraction_runs DROP COLUMN resume_at`);
  }
}
