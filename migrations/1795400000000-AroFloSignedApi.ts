import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AroFlo's real API signs every request with four values of the site (secret key, uEncoded,
 * pEncoded, orgEncoded) instead of the example connector's API key. AroFlo connections authorized
 * with an `apiKey` can no longer sync: their key is removed and they wait for the four values,
 * disabled. Also the call budget per host site that every worker shares (AroFlo: 3 a second, 120 a
 * minute, 2,000 a day), and the budget key of a connection's credentials, so the status can show it
 * without decrypting anything.
 */
export class AroFloSignedApi1795400000000 implements MigrationInterface {
  name = 'AroFloSignedApi1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH removed AS (
        DELETE FROM connection_credentials k USING connections c
        WHERE c.id = k.connection_id AND c.connector = 'AROFLO' AND k.kind = 'apiKey'
        RETURNING c.id
      )
      UPDATE connections SET
        status = 'awaiting_authorization',
        status_detail = 'AroFlo now needs the secret key, uEncoded, pEncoded and orgEncoded of the site (AroFlo: Site Administration → Settings → General → AroFlo API) instead of an API key: PUT them to /connections/{id}/credentials, then enable the connection again',
        enabled = false,
        next_sync_at = NULL,
        version = version + 1,
        updated_at = now(),
        updated_by = 'migration:AroFloSignedApi'
      WHERE id IN (SELECT id FROM removed)`);
    await queryRunner.query(`
      CREATE TABLE host_rate_budgets (
        site_key varchar(128) PRIMARY KEY,
        recent bigint[] NOT NULL DEFAULT '{}',
        day_start timestamptz NOT NULL,
        day_used integer NOT NULL DEFAULT 0 CHECK (day_used >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`ALTER TABLE connection_credentials ADD COLUMN rate_budget_key varchar(128)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE connection_credentials DROP COLUMN rate_budget_key`);
    await queryRunner.query(`DROP TABLE host_rate_budgets`);
  }
}
