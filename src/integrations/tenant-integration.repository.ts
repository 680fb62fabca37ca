import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { updateWithVersion } from '../common/optimistic-lock.js';
import { paginate, type Page, type SortFields } from '../common/paging.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { ListTenantIntegrationsQuery } from './tenant-integration.dto.js';
import { TenantIntegrationEntity } from './tenant-integration.entity.js';

export const TENANT_INTEGRATION_SORT_FIELDS: SortFields = {
  updatedAt: 'updatedAt',
  createdAt: 'createdAt',
  name: 'name',
  connector: 'connector',
  clientName: 'clientName',
  tenantName: 'tenantName',
  partnerTenantName: 'partnerTenantName',
  mode: 'mode',
};

export type RowLock = 'pessimistic_read' | 'pessimistic_write';

/** The only place that queries tenant_integrations. Every read is scoped to the caller's tenants. */
@Injectable()
export class TenantIntegrationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The integration if it exists and the caller may see it; optionally locked for the transaction. */
  findVisible(principal: Principal, id: string, manager?: EntityManager, lock?: RowLock): Promise<TenantIntegrationEntity | null> {
    const query = this.visible(principal, manager).andWhere('ti.id = :id', { id });
    if (lock) query.setLock(lock);
    return query.getOne();
  }

  list(principal: Principal, filter: ListTenantIntegrationsQuery): Promise<Page<TenantIntegrationEntity>> {
    const query = this.visible(principal);
    if (filter.connector) query.andWhere('ti.connector = :connector', { connector: filter.connector });
    return paginate(query, filter, TENANT_INTEGRATION_SORT_FIELDS);
  }

  insert(manager: EntityManager, values: Partial<TenantIntegrationEntity>): Promise<TenantIntegrationEntity> {
    const repository = manager.getRepository(TenantIntegrationEntity);
    return repository.save(repository.create(values));
  }

  update(
    manager: EntityManager,
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    changes: QueryDeepPartialEntity<TenantIntegrationEntity>,
  ): Promise<TenantIntegrationEntity> {
    return updateWithVersion(manager, { entity: TenantIntegrationEntity, resource: 'Tenant integration', id, expectedVersion, changes, principal });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(TenantIntegrationEntity).delete({ id });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  private visible(principal: Principal, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<TenantIntegrationEntity> {
    const query = manager.getRepository(TenantIntegrationEntity).createQueryBuilder('ti');
    const tenants = principal.tenantFilter();
    if (tenants) query.where('ti.tenant = ANY(CAST(:tenants AS uuid[]))', { tenants });
    else query.where('TRUE');
    return query;
  }
}
