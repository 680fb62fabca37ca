import { Column, DeleteDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { BaseResourceEntity } from '../common/base-resource.js';

export const CONNECTION_STATUSES = ['new', 'awaiting_authorization', 'ready', 'syncing', 'error', 'auth_error', 'disabled'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export interface ConnectionPlug {
  name: string;
  direction: 'import' | 'export';
  enabled: boolean;
}

@Entity({ name: 'connections' })
export class ConnectionEntity extends BaseResourceEntity {
  @Column({ type: 'varchar', length: 64 })
  connector: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'uuid' })
  tenant: string;

  @Column({ name: 'tenant_integration_id', type: 'uuid', nullable: true })
  tenantIntegrationId: string | null;

  @Column({ name: 'company_token', type: 'uuid' })
  companyToken: string;

  @Column({ type: 'boolean', default: false })
  enabled: boolean;

  /** yyyy-mm-dd (TypeORM returns `date` columns as strings). */
  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ type: 'varchar', length: 32 })
  status: ConnectionStatus;

  @Column({ name: 'status_detail', type: 'varchar', length: 1024, nullable: true })
  statusDetail: string | null;

  @Column({ type: 'jsonb', default: [] })
  plugs: ConnectionPlug[];

  @Column({ type: 'jsonb', default: {} })
  settings: Record<string, unknown>;

  @Column({ name: 'sync_interval_minutes', type: 'integer', nullable: true })
  syncIntervalMinutes: number | null;

  @Column({ name: 'last_sync_at', type: 'timestamptz', nullable: true })
  lastSyncAt: Date | null;

  @Column({ name: 'next_sync_at', type: 'timestamptz', nullable: true })
  nextSyncAt: Date | null;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}

/** A connection's credentials: the secret only ever as a CryptoService envelope. */
@Entity({ name: 'connection_credentials' })
export class ConnectionCredentialsEntity {
  @PrimaryColumn({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'apiKey' | 'oauth2';

  @Column({ name: 'secret_encrypted', type: 'text' })
  secretEncrypted: string;

  @Column({ name: 'authorized_at', type: 'timestamptz' })
  authorizedAt: Date;

  @Column({ name: 'authorized_by', type: 'varchar', length: 255 })
  authorizedBy: string;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes: string[];

  /** The host site these credentials call, as a key of the shared rate budget (a hash: no credential in clear). */
  @Column({ name: 'rate_budget_key', type: 'varchar', length: 128, nullable: true })
  rateBudgetKey?: string | null;

  /** Token refresh lease and last failure, managed by HostCredentialsService only. */
  @Column({ name: 'refresh_lease_owner', type: 'uuid', nullable: true })
  refreshLeaseOwner?: string | null;

  @Column({ name: 'refresh_lease_until', type: 'timestamptz', nullable: true })
  refreshLeaseUntil?: Date | null;

  @Column({ name: 'refresh_failed_at', type: 'timestamptz', nullable: true })
  refreshFailedAt?: Date | null;

  @Column({ name: 'refresh_failure', type: 'varchar', length: 64, nullable: true })
  refreshFailure?: string | null;

  @Column({ name: 'refresh_failure_detail', type: 'varchar', length: 1024, nullable: true })
  refreshFailureDetail?: string | null;
}
