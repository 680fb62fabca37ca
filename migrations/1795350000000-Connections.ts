import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Connections to host systems and their credentials. A deleted connection keeps its row
 * (deleted_at) so extracted data and run history stay attached; its credentials are removed.
 */
export class Connections1795350000000 implements MigrationInterface {
  name = 'Connections1795350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE connections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by varchar(255) NOT NULL,
        updated_by varchar(255) NOT NULL,
        connector varchar(64) NOT NULL,
        name varchar(255) NOT NULL,
        tenant uuid NOT NULL,
        tenant_integration_id uuid REFERENCES tenant_integrations (id) ON DELETE SET NULL,
        company_token uuid NOT NULL,
        enabled boolean NOT NULL DEFAULT false,
        start_date date,
        status varchar(32) NOT NULL
          CHECK (status IN ('new', 'awaiting_authorization', 'ready', 'syncing', 'error', 'auth_error', 'disabled')),
        status_detail varchar(1024),
        plugs jsonb NOT NULL DEFAULT '[]'::jsonb,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        sync_interval_minutes integer CHECK (sync_interval_minutes BETWEEN 1 AND 525600),
        last_sync_at timestamptz,
        next_sync_at timestamptz,
        deleted_at timestamptz,
        CONSTRAINT connections_enabled_needs_start_date CHECK (NOT enabled OR start_date IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX connections_company_token_key ON connections (company_token) WHERE deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX connections_tenant_idx ON connections (tenant, updated_at DESC, id) WHERE deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX connections_due_idx ON connections (next_sync_at) WHERE enabled AND deleted_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE connection_credentials (
        connection_id uuid PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('apiKey', 'oauth2')),
        secret_encrypted text NOT NULL,
        authorized_at timestamptz NOT NULL DEFAULT now(),
        authorized_by varchar(255) NOT NULL,
        expires_at timestamptz,
        scopes text[] NOT NULL DEFAULT '{}'
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE connection_credentials`);
    await queryRunner.query(`DROP TABLE connections`);
  }
}
