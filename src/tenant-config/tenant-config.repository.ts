import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Principal } from '../auth/principal.js';
import { updateWithVersion } from '../common/optimistic-lock.js';
import { paginate, type Page, type PageQueryDto, type SortFields } from '../common/paging.js';
import { TenantConfigEntity, TenantConfigVersionEntity, type ConfigOperation } from './tenant-config.entity.js';

export const TENANT_CONFIG_SORT_FIELDS: SortFields = {
  updatedAt: 'updatedAt',
  createdAt: 'createdAt',
  name: 'name',
  group: 'group',
  label: 'label',
  description: 'description',
  version: 'version',
};

export const TENANT_CONFIG_VERSION_SORT_FIELDS: SortFields = { ...TENANT_CONFIG_SORT_FIELDS, operation: 'operation' };

export interface ConfigFilter extends PageQueryDto {
  readonly group?: string;
  readonly name?: string;
}

const CONTENT_COLUMNS = `tenant_integration_id, created_at, updated_at, created_by, updated_by, client, client_name, tenant,
  tenant_name, partner_tenant, partner_tenant_name, integration, integration_name, "group", name, label, description,
  value, value_encrypted, sensitive, connector`;

/** The only place that queries tenant_configs and tenant_config_versions. */
@Injectable()
export class TenantConfigRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findInIntegration(integrationId: string, id: string, manager = this.dataSource.manager, lock?: 'pessimistic_write'): Promise<TenantConfigEntity | null> {
    const query = manager
      .getRepository(TenantConfigEntity)
      .createQueryBuilder('c')
      .where('c.id = :id AND c.tenantIntegrationId = :integrationId', { id, integrationId });
    if (lock) query.setLock(lock);
    return query.getOne();
  }

  /** Every config of the integration, locked for update in id order (no deadlock between bulk writers). */
  lockAllInIntegration(manager: EntityManager, integrationId: string): Promise<TenantConfigEntity[]> {
    return manager
      .getRepository(TenantConfigEntity)
      .createQueryBuilder('c')
      .where('c.tenantIntegrationId = :integrationId', { integrationId })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  list(integrationId: string, filter: ConfigFilter): Promise<Page<TenantConfigEntity>> {
    const query = this.dataSource.getRepository(TenantConfigEntity).createQueryBuilder('c').where('c.tenantIntegrationId = :integrationId', { integrationId });
    return paginate(withContentFilter(query, filter), filter, TENANT_CONFIG_SORT_FIELDS);
  }

  listByPartnerTenant(principal: Principal, connector: string, partnerTenant: string, filter: ConfigFilter): Promise<Page<TenantConfigEntity>> {
    const query = this.dataSource
      .getRepository(TenantConfigEntity)
      .createQueryBuilder('c')
      .where('c.connector = :connector AND c.partnerTenant = :partnerTenant', { connector, partnerTenant });
    const tenants = principal.tenantFilter();
    if (tenants) query.andWhere('c.tenant = ANY(CAST(:tenants AS uuid[]))', { tenants });
    return paginate(withContentFilter(query, filter), filter, TENANT_CONFIG_SORT_FIELDS);
  }

  listVersions(integrationId: string, filter: ConfigFilter, configId?: string): Promise<Page<TenantConfigVersionEntity>> {
    const query = this.dataSource
      .getRepository(TenantConfigVersionEntity)
      .createQueryBuilder('c')
      .where('c.tenantIntegrationId = :integrationId', { integrationId });
    if (configId) query.andWhere('c.tenantConfigId = :configId', { configId });
    return paginate(withContentFilter(query, filter), filter, TENANT_CONFIG_VERSION_SORT_FIELDS);
  }

  findVersion(manager: EntityManager, integrationId: string, configId: string, version: number): Promise<TenantConfigVersionEntity | null> {
    return manager.getRepository(TenantConfigVersionEntity).findOneBy({ tenantIntegrationId: integrationId, tenantConfigId: configId, version });
  }

  async insert(manager: EntityManager, values: Partial<TenantConfigEntity>): Promise<TenantConfigEntity> {
    const repository = manager.getRepository(TenantConfigEntity);
    const saved = await repository.save(repository.create(values));
    await this.snapshot(manager, [saved.id], 'create');
    return saved;
  }

  async update(
    manager: EntityManager,
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    changes: QueryDeepPartialEntity<TenantConfigEntity>,
    operation: ConfigOperation = 'update',
  ): Promise<TenantConfigEntity> {
    const updated = await updateWithVersion(manager, { entity: TenantConfigEntity, resource: 'Tenant config', id, expectedVersion, changes, principal });
    await this.snapshot(manager, [id], operation);
    return updated;
  }

  /** Records a final `delete` version (the last content, version + 1), then removes the row. */
  async delete(manager: EntityManager, principal: Principal, id: string, expectedVersion: number | undefined): Promise<void> {
    await this.update(manager, principal, id, expectedVersion, {}, 'delete');
    await manager.getRepository(TenantConfigEntity).delete({ id });
  }

  /** Records a `delete` version for every config of the integration (before the integration goes). */
  async recordDeletionOfAll(manager: EntityManager, principal: Principal, integrationId: string): Promise<void> {
    const ids = (await this.lockAllInIntegration(manager, integrationId)).map((c) => c.id);
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE tenant_configs SET version = version + 1, updated_at = now(), updated_by = $2 WHERE id = ANY($1::uuid[])`,
      [ids, principal.subject],
    );
    await this.snapshot(manager, ids, 'delete');
  }

  /** Copies the current rows into the history, exactly as stored (ciphertexts included). */
  private async snapshot(manager: EntityManager, ids: string[], operation: ConfigOperation): Promise<void> {
    await manager.query(
      `INSERT INTO tenant_config_versions (tenant_config_id, version, operation, ${CONTENT_COLUMNS})
       SELECT id, version, $2, ${CONTENT_COLUMNS} FROM tenant_configs WHERE id = ANY($1::uuid[])`,
      [ids, operation],
    );
  }
}

function withContentFilter<T extends TenantConfigEntity | TenantConfigVersionEntity>(query: SelectQueryBuilder<T>, filter: ConfigFilter): SelectQueryBuilder<T> {
  if (filter.group !== undefined) query.andWhere('c.group = :group', { group: filter.group });
  if (filter.name !== undefined) query.andWhere('c.name = :name', { name: filter.name });
  return query;
}
