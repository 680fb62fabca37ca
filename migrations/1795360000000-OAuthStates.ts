import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pending OAuth authorizations: the `state` sent to the host (only its SHA-256 is stored), bound
 * to a connection and to the user who started it, single-use, expiring after 10 minutes.
 */
export class OAuthStates1795360000000 implements MigrationInterface {
  name = 'OAuthStates1795360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE oauth_states (
        state_hash varchar(64) PRIMARY KEY,
        connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        started_by varchar(255) NOT NULL,
        code_verifier_encrypted text,
        redirect_uri varchar(2048) NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX oauth_states_expires_idx ON oauth_states (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE oauth_states`);
  }
}
