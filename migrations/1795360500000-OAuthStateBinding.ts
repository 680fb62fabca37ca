import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Binds each pending OAuth authorization to the browser that started it: the browser holds a
 * random secret in an httpOnly cookie, only its SHA-256 is stored here, and the callback must
 * present it. Pending states from before this change have no binding and are dropped.
 */
export class OAuthStateBinding1795360500000 implements MigrationInterface {
  name = 'OAuthStateBinding1795360500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM oauth_states`);
    await queryRunner.query(`ALTER TABLE oauth_states ADD COLUMN browser_binding_hash varchar(64) NOT NULL`);
    await queryRunner.query(`CREATE INDEX oauth_states_connection_idx ON oauth_states (connection_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX oauth_states_connection_idx`);
    await queryRunner.query(`ALTER TABLE oauth_states DROP COLUMN browser_binding_hash`);
  }
}
