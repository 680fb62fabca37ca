import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The extraction store: runs with per-stream progress, per-stream checkpoints, the canonical
 * transactions (lines and tax breakdown in their own tables, money as numeric), reference
 * records and records that could not be transformed. The job queue (pg-boss) keeps its own schema.
 */
export class Extraction1795380000000 implements MigrationInterface {
  name = 'Extraction1795380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE extraction_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        trigger varchar(16) NOT NULL CHECK (trigger IN ('scheduled', 'manual', 'window')),
        status varchar(16) NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        attempt integer NOT NULL DEFAULT 0,
        streams text[],
        window_from date,
        window_to date,
        requested_by varchar(255) NOT NULL,
        worker varchar(255),
        queued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        error_code varchar(64),
        error_message varchar(1024)
      )`);
    // A connection never has two runs queued or running: the database says so, whatever the number of workers.
    await queryRunner.query(`CREATE UNIQUE INDEX extraction_runs_one_active_key ON extraction_runs (connection_id) WHERE status IN ('queued', 'running')`);
    await queryRunner.query(`CREATE INDEX extraction_runs_connection_idx ON extraction_runs (connection_id, queued_at DESC, id)`);

    await queryRunner.query(`
      CREATE TABLE extraction_run_streams (
        run_id uuid NOT NULL REFERENCES extraction_runs (id) ON DELETE CASCADE,
        stream varchar(64) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled')),
        fetched bigint NOT NULL DEFAULT 0,
        inserted bigint NOT NULL DEFAULT 0,
        updated bigint NOT NULL DEFAULT 0,
        unchanged bigint NOT NULL DEFAULT 0,
        failed bigint NOT NULL DEFAULT 0,
        window_since timestamptz,
        window_until timestamptz,
        cursor text,
        synced_through timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (run_id, stream)
      )`);

    await queryRunner.query(`
      CREATE TABLE extraction_checkpoints (
        connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        stream varchar(64) NOT NULL,
        synced_through timestamptz,
        last_success_at timestamptz,
        read_since timestamptz,
        read_until timestamptz,
        read_cursor text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by varchar(255) NOT NULL,
        PRIMARY KEY (connection_id, stream)
      )`);

    await queryRunner.query(`
      CREATE TABLE extracted_transactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        stream varchar(64) NOT NULL,
        external_id varchar(255) NOT NULL,
        type varchar(8) NOT NULL CHECK (type IN ('sale', 'refund')),
        status varchar(8) NOT NULL CHECK (status IN ('active', 'voided')),
        transaction_date timestamptz NOT NULL,
        document_number varchar(255),
        currency varchar(3),
        subtotal numeric NOT NULL,
        discount numeric NOT NULL,
        shipping numeric NOT NULL,
        shipping_tax numeric NOT NULL,
        tax numeric NOT NULL,
        total numeric NOT NULL,
        tax_exempt boolean NOT NULL,
        ship_from jsonb,
        ship_to jsonb,
        original_external_id varchar(255),
        review_required boolean NOT NULL,
        review_message varchar(1024),
        source_modified_at timestamptz,
        revision integer NOT NULL DEFAULT 1,
        content_hash varchar(64) NOT NULL,
        first_run_id uuid,
        last_run_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT extracted_transactions_document_key UNIQUE (connection_id, stream, external_id)
      )`);
    await queryRunner.query(`CREATE INDEX extracted_transactions_date_idx ON extracted_transactions (connection_id, transaction_date, id)`);
    await queryRunner.query(`
      CREATE TABLE extracted_transaction_lines (
        transaction_id uuid NOT NULL REFERENCES extracted_transactions (id) ON DELETE CASCADE,
        line_number integer NOT NULL,
        sku varchar(255),
        description varchar(1024),
        quantity numeric NOT NULL,
        amount numeric NOT NULL,
        discount numeric NOT NULL,
        tax numeric NOT NULL,
        tax_code varchar(64),
        PRIMARY KEY (transaction_id, line_number)
      )`);
    await queryRunner.query(`
      CREATE TABLE extracted_transaction_taxes (
        transaction_id uuid NOT NULL REFERENCES extracted_transactions (id) ON DELETE CASCADE,
        position integer NOT NULL,
        name varchar(255) NOT NULL,
        rate numeric,
        amount numeric NOT NULL,
        PRIMARY KEY (transaction_id, position)
      )`);

    await queryRunner.query(`
      CREATE TABLE extracted_records (
        connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        stream varchar(64) NOT NULL,
        external_id varchar(255) NOT NULL,
        data jsonb NOT NULL,
        source_modified_at timestamptz,
        revision integer NOT NULL DEFAULT 1,
        content_hash varchar(64) NOT NULL,
        last_run_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (connection_id, stream, external_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE extraction_failures (
        connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
        stream varchar(64) NOT NULL,
        external_id varchar(255) NOT NULL,
        run_id uuid,
        reason varchar(1024) NOT NULL,
        record jsonb,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (connection_id, stream, external_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'extraction_failures',
      'extracted_records',
      'extracted_transaction_taxes',
      'extracted_transaction_lines',
      'extracted_transactions',
      'extraction_checkpoints',
      'extraction_run_streams',
      'extraction_runs',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
