import { Column, Entity } from 'typeorm';
import { TenantScopeColumns } from '../common/base-resource.js';

export const INTEGRATION_MODES = ['install', 'settings', 'uninstall'] as const;
export type IntegrationMode = (typeof INTEGRATION_MODES)[number];

/** One step of a SmartConnector-style installation (integration API `install`). */
export interface InstallStep {
  name: string;
  description?: string | null;
  imageURL?: string | null;
  installURL?: string | null;
  completed: boolean;
  installerFunction?: string | null;
  uninstallerFunction?: string | null;
  connectionId?: string | null;
}

@Entity({ name: 'tenant_integrations' })
export class TenantIntegrationEntity extends TenantScopeColumns {
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  connector: string;

  @Column({ type: 'varchar', length: 16 })
  mode: IntegrationMode;

  @Column({ type: 'jsonb', default: {} })
  settings: Record<string, unknown>;

  @Column({ name: 'connector_version', type: 'varchar', length: 64, nullable: true })
  connectorVersion: string | null;

  @Column({ name: 'update_in_progress', type: 'boolean', default: false })
  updateInProgress: boolean;

  @Column({ type: 'jsonb', default: [] })
  install: InstallStep[];
}
