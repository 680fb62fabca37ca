import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Config names were also unique on (partner_tenant, integration, name) across all tenants. Both
 * partner_tenant and integration are chosen by the caller, so a tenant could probe another tenant's
 * config names (409 against 201) and take them first. Uniqueness is now only within the owning
 * tenant: (tenant, integration, name), which already makes (tenant, partner_tenant, integration,
 * name) unique, so the spec's partner-tenant key holds within each tenant.
 */
export class TenantScopedUniqueness1795360600000 implements MigrationInterface {
  name = 'TenantScopedUniqueness1795360600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tenant_configs DROP CONSTRAINT tenant_configs_partner_tenant_integration_name_key`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE tenant_configs ADD CONSTRAINT tenant_configs_partner_tenant_integration_name_key UNIQUE (partner_tenant, integration, name)`,
    );
  }
}
