import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Existing AroFlo connections get what new ones are created with: the `invoices` plug (enabled, as
 * for new connections), the settings `enable_invoices_sync` (true) and `currency` (AUD) where they
 * are absent, and `max_records_per_page` capped at AroFlo's 500 (the schema's new maximum: a larger
 * stored value would make every later settings change fail validation).
 */
export class AroFloInvoicesPlug1795400500000 implements MigrationInterface {
  name = 'AroFloInvoicesPlug1795400500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE connections SET
        plugs = CASE
          WHEN plugs @> '[{"name": "invoices"}]'::jsonb THEN plugs
          ELSE '[{"name": "invoices", "direction": "import", "enabled": true}]'::jsonb || plugs
        END,
        settings = jsonb_build_object('enable_invoices_sync', true, 'currency', 'AUD') || settings
          || CASE WHEN (settings->>'max_records_per_page')::int > 500 THEN '{"max_records_per_page": 500}'::jsonb ELSE '{}'::jsonb END
      WHERE connector = 'AROFLO'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE connections SET
        plugs = (SELECT coalesce(jsonb_agg(p), '[]'::jsonb) FROM jsonb_array_elements(plugs) p WHERE p->>'name' <> 'invoices'),
        settings = settings - 'enable_invoices_sync' - 'currency'
      WHERE connector = 'AROFLO'`);
  }
}
