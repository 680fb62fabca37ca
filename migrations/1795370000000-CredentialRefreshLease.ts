import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lease on a connection's token refresh, so one process at a time asks the token endpoint
 * without holding a database connection while it waits, and the last failed refresh, so
 * callers waiting for it get its outcome instead of asking again.
 */
export class CredentialRefreshLease1795370000000 implements MigrationInterface {
  name = 'CredentialRefreshLease1795370000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE connection_credentials
        ADD COLUMN refresh_lease_owner uuid,
        ADD COLUMN refresh_lease_until timestamptz,
        ADD COLUMN refresh_failed_at timestamptz,
        ADD COLUMN refresh_failure varchar(64),
        ADD COLUMN refresh_failure_detail varchar(1024),
        ADD CONSTRAINT connection_credentials_refresh_lease CHECK ((refresh_lease_owner IS NULL) = (refresh_lease_until IS NULL)),
        ADD CONSTRAINT connection_credentials_refresh_failure CHECK ((refresh_failed_at IS NULL) = (refresh_failure IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE connection_credentials
        DROP COLUMN refresh_failure_detail,
        DROP COLUMN refresh_failure,
        DROP COLUMN refresh_failed_at,
        DROP COLUMN refresh_lease_until,
        DROP COLUMN refresh_lease_owner`);
  }
}
