import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant integrations, their configuration parameters and the history of every change.
 * Sensitive values live only in `value_encrypted` (a CHECK keeps plaintext out of `value`).
 */
export class TenantConfiguration1795340000000 implements MigrationInterface {
  name = 'TenantConfiguration1795340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenant_integrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by varchar(255) NOT NULL,
        updated_by varchar(255) NOT NULL,
        name varchar(255) NOT NULL,
        client uuid,
        client_name varchar(255),
        tenant uuid NOT NULL,
        tenant_name varchar(255),
        partner_tenant varchar(255),
        partner_tenant_name varchar(255),
        connector varchar(64) NOT NULL,
        mode varchar(16) NOT NULL CHECK (mode IN ('install', 'settings', 'uninstall')),
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        connector_version varchar(64),
        update_in_progress boolean NOT NULL DEFAULT false,
        install jsonb NOT NULL DEFAULT '[]'::jsonb,
        CONSTRAINT tenant_integrations_id_tenant_key UNIQUE (id, tenant)
      )`);
    await queryRunner.query(`CREATE INDEX tenant_integrations_tenant_idx ON tenant_integrations (tenant, updated_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX tenant_integrations_updated_idx ON tenant_integrations (updated_at DESC, id)`);

    await queryRunner.query(`
      CREATE TABLE tenant_configs (
        id uuid PRIMARY KEY,
        version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by varchar(255) NOT NULL,
        updated_by varchar(255) NOT NULL,
        tenant_integration_id uuid NOT NULL,
        client uuid,
        client_name varchar(255),
        tenant uuid NOT NULL,
        tenant_name varchar(255),
        partner_tenant varchar(255),
        partner_tenant_name varchar(255),
        integration uuid NOT NULL,
        integration_name varchar(255),
        "group" varchar(255),
        name varchar(255) NOT NULL,
        label varchar(255),
        description varchar(1024),
        value text CHECK (length(value) <= 65536),
        value_encrypted text,
        sensitive boolean NOT NULL DEFAULT false,
        connector varchar(64) NOT NULL,
        CONSTRAINT tenant_configs_sensitive_never_plain CHECK (
          (sensitive AND value IS NULL) OR (NOT sensitive AND value_encrypted IS NULL)
        ),
        -- A config always has its integration's tenant, so tenant scoping can read the config row alone.
        CONSTRAINT tenant_configs_tenant_integration_fkey FOREIGN KEY (tenant_integration_id, tenant)
          REFERENCES tenant_integrations (id, tenant) ON DELETE CASCADE,
        CONSTRAINT tenant_configs_tenant_integration_name_key UNIQUE (tenant, integration, name),
        CONSTRAINT tenant_configs_partner_tenant_integration_name_key UNIQUE (partner_tenant, integration, name)
      )`);
    await queryRunner.query(`CREATE INDEX tenant_configs_integration_idx ON tenant_configs (tenant_integration_id, updated_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX tenant_configs_partner_idx ON tenant_configs (connector, partner_tenant, updated_at DESC, id)`);
    // The tenant follows from the integration: without this the planner multiplies the two
    // selectivities, expects a handful of rows and sorts them instead of reading the index in order.
    await queryRunner.query(`CREATE STATISTICS tenant_configs_integration_tenant (dependencies) ON tenant_integration_id, tenant FROM tenant_configs`);

    await queryRunner.query(`
      CREATE TABLE tenant_config_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_config_id uuid NOT NULL,
        tenant_integration_id uuid NOT NULL,
        version integer NOT NULL,
        operation varchar(8) NOT NULL CHECK (operation IN ('create', 'update', 'delete', 'restore')),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by varchar(255) NOT NULL,
        updated_by varchar(255) NOT NULL,
        client uuid,
        client_name varchar(255),
        tenant uuid NOT NULL,
        tenant_name varchar(255),
        partner_tenant varchar(255),
        partner_tenant_name varchar(255),
        integration uuid NOT NULL,
        integration_name varchar(255),
        "group" varchar(255),
        name varchar(255) NOT NULL,
        label varchar(255),
        description varchar(1024),
        value text,
        value_encrypted text,
        sensitive boolean NOT NULL,
        connector varchar(64) NOT NULL,
        CONSTRAINT tenant_config_versions_sensitive_never_plain CHECK (
          (sensitive AND value IS NULL) OR (NOT sensitive AND value_encrypted IS NULL)
        ),
        CONSTRAINT tenant_config_versions_config_version_key UNIQUE (tenant_config_id, version)
      )`);
    await queryRunner.query(`CREATE INDEX tenant_config_versions_integration_idx ON tenant_config_versions (tenant_integration_id, updated_at DESC, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tenant_config_versions`);
    await queryRunner.query(`DROP TABLE tenant_configs`);
    await queryRunner.query(`DROP TABLE tenant_integrations`);
  }
}
