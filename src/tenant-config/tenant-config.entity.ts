import { Column, Entity } from 'typeorm';
import { TenantScopeColumns } from '../common/base-resource.js';

/** The TenantConfigPayload columns, shared by the current row and its history rows. */
export abstract class TenantConfigColumns extends TenantScopeColumns {
  @Column({ name: 'tenant_integration_id', type: 'uuid' })
  tenantIntegrationId: string;

  @Column({ type: 'uuid' })
  integration: string;

  @Column({ name: 'integration_name', type: 'varchar', length: 255, nullable: true })
  integrationName: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  group: string | null;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  label: string | null;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description: string | null;

  /** Plaintext value; always null for a sensitive parameter. */
  @Column({ type: 'text', nullable: true })
  value: string | null;

  /** Encrypted value (CryptoService envelope) of a sensitive parameter. */
  @Column({ name: 'value_encrypted', type: 'text', nullable: true })
  valueEncrypted: string | null;

  @Column({ type: 'boolean', default: false })
  sensitive: boolean;

  @Column({ type: 'varchar', length: 64 })
  connector: string;
}

@Entity({ name: 'tenant_configs' })
export class TenantConfigEntity extends TenantConfigColumns {}

export const CONFIG_OPERATIONS = ['create', 'update', 'delete', 'restore'] as const;
export type ConfigOperation = (typeof CONFIG_OPERATIONS)[number];

/** A config's full content at one version; `updatedAt`/`updatedBy` say when and by whom. */
@Entity({ name: 'tenant_config_versions' })
export class TenantConfigVersionEntity extends TenantConfigColumns {
  @Column({ name: 'tenant_config_id', type: 'uuid' })
  tenantConfigId: string;

  @Column({ type: 'varchar', length: 8 })
  operation: ConfigOperation;
}
