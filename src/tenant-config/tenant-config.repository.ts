import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Principal } from '../auth/principal.js';
import { updateWithVersion } from '../common/optimistic-lock.js';
import { paginate, sqlOrderBy, toPage, type Page, type PageQueryDto, type SortFields } from '../common/paging.js';
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

/** Sortable fields of the hand-written queries (column expressions written here, never by the client). */
const TENANT_CONFIG_SQL_SORT: SortFields = {
  updatedAt: 'c.updated_at',
  createdAt: 'c.created_at',
  name: 'c.name',
  group: 'c."group"',
  label: 'c.label',
  description: 'c.description',
  version: 'c.version',
};

/** A config row as TenantConfigEntity properties. */
const CONFIG_SELECT = `c.id, c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.created_by AS "createdBy",
  c.updated_by AS "updatedBy", c.tenant_integration_id AS "tenantIntegrationId", c.client, c.client_name AS "clientName",
  c.tenant, c.tenant_name AS "tenantName", c.partner_tenant AS "partnerTenant", c.partner_tenant_name AS "partnerTenantName",
  c.integration, c.integration_name AS "integrationName", c."group", c.name, c.label, c.description, c.value,
  c.value_encrypted AS "valueEncrypted", c.sensitive, c.connector`;

/**
 * The caller's tenant filter as SQL: the parameter is the tenant UUID list, or null for every
 * tenant. A config row carries its integration's tenant (a composite foreign key guarantees it).
 */
const VISIBLE_TENANT = (alias: string, param: string) => `(${param}::uuid[] IS NULL OR ${alias}.tenant = ANY(${param}::uuid[]))`;

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

  /**
   * One config, if its integration is visible to the caller. The hot read path is hand-written
   * SQL (one round trip, no entity hydration); see bench/tenant-config.bench.ts.
   */
  async findVisible(principal: Principal, integrationId: string, id: string): Promise<TenantConfigEntity | null> {
    const rows = await this.prepared<TenantConfigEntity>(
      'tenant-config.find-visible',
      `SELECT ${CONFIG_SELECT} FROM tenant_configs c WHERE c.id = $1 AND c.tenant_integration_id = $2 AND ${VISIBLE_TENANT('c', '$3')}`,
      [id, integrationId, principal.tenantFilter() ?? null],
    );
    return rows[0] ?? null;
  }

  /**
   * Runs a hot read as a named prepared statement on the driver's pool, so PostgreSQL parses and
   * plans it once per connection instead of on every request (TypeORM's query() cannot name
   * statements). Used only for the read paths measured in bench/. Without a name the statement is
   * unnamed: parsed for this execution only, nothing is kept on the connection.
   */
  private async prepared<T>(name: string | undefined, text: string, values: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as pg.Pool;
    const result = await pool.query<T & pg.QueryResultRow>({ name, text, values });
    return result.rows;
  }

  /**
   * A page of the integration's configs; null when the integration is not visible to the caller.
   * Every config of an integration has the integration's tenant, so once the page (tenant-scoped)
   * or the visibility check shows the caller may see the integration, the total can be counted
   * on the integration alone: an index-only count that runs in parallel with the page.
   */
  async listVisible(principal: Principal, integrationId: string, filter: ConfigFilter): Promise<Page<TenantConfigEntity> | null> {
    const tenants = principal.tenantFilter() ?? null;
    const page = this.pageOf(`c.tenant_integration_id = $1 AND ${VISIBLE_TENANT('c', '$2')}`, [integrationId, tenants], filter);
    const total = this.countOf('c.tenant_integration_id = $1', [integrationId], filter);
    const [content, count] = await Promise.all([page, total]);
    if (content.length === 0) {
      const [{ visible }]: Array<{ visible: boolean }> = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM tenant_integrations ti WHERE ti.id = $1 AND ${VISIBLE_TENANT('ti', '$2')}) AS visible`,
        [integrationId, tenants],
      );
      if (!visible) return null;
    }
    return toPage(content, count, filter);
  }

  async listByPartnerTenant(principal: Principal, connector: string, partnerTenant: string, filter: ConfigFilter): Promise<Page<TenantConfigEntity>> {
    const condition = `c.connector = $1 AND c.partner_tenant = $2 AND ${VISIBLE_TENANT('c', '$3')}`;
    const params = [connector, partnerTenant, principal.tenantFilter() ?? null];
    const [content, count] = await Promise.all([this.pageOf(condition, params, filter), this.countOf(condition, params, filter)]);
    return toPage(content, count, filter);
  }

  private pageOf(condition: string, params: unknown[], filter: ConfigFilter): Promise<TenantConfigEntity[]> {
    const { where, values } = withFilters(condition, params, filter);
    const orderBy = sqlOrderBy(filter.pageSort, TENANT_CONFIG_SQL_SORT, 'c.id');
    const text = `SELECT ${CONFIG_SELECT} FROM tenant_configs c WHERE ${where} ORDER BY ${orderBy} LIMIT $${values.length + 1} OFFSET $${values.length + 2}`;
    // Only the default and single-field orders are named (a fixed set); the combinations of several
    // sort fields run out to about a million texts, and every named statement stays in the memory of
    // each pooled backend for its lifetime, so those run unnamed.
    const name = (filter.pageSort?.length ?? 0) <= 1 ? statementName('tenant-config.page', text) : undefined;
    return this.prepared(name, text, [...values, filter.pageSize, filter.pageNumber * filter.pageSize]);
  }

  private async countOf(condition: string, params: unknown[], filter: ConfigFilter): Promise<number> {
    const { where, values } = withFilters(condition, params, filter);
    const text = `SELECT count(*)::int AS total FROM tenant_configs c WHERE ${where}`;
    const [{ total }] = await this.prepared<{ total: number }>(statementName('tenant-config.count', text), text, values);
    return total;
  }

  listVersions(integrationId: string, filter: ConfigFilter, configId?: string): Promise<Page<TenantConfigVersionEntity>> {
    const query = this.dataSource
      .getRepository(TenantConfigVersionEntity)
      .createQueryBuilder('c')
      .where('c.tenantIntegrationId = :integrationId', { integrationId });
    if (configId) query.andWhere('c.tenantConfigId = :configId', { configId });
    return paginate(withContentFilter(query, filter), filter, TENANT_CONFIG_VERSION_SORT_FIELDS);
  }

  async hasHistory(integrationId: string, configId: string): Promise<boolean> {
    return this.dataSource.getRepository(TenantConfigVersionEntity).existsBy({ tenantIntegrationId: integrationId, tenantConfigId: configId });
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

/**
 * The statement name of a generated query: the same text always gets the same name. Callers name
 * only texts from a small fixed set (fixed fragments: filters present or not, at most one sort field).
 */
function statementName(prefix: string, text: string): string {
  return `${prefix}.${createHash('sha1').update(text).digest('base64url').slice(0, 12)}`;
}

function withFilters(condition: string, params: unknown[], filter: ConfigFilter): { where: string; values: unknown[] } {
  const values = [...params];
  let where = condition;
  if (filter.group !== undefined) where += ` AND c."group" = $${values.push(filter.group)}`;
  if (filter.name !== undefined) where += ` AND c.name = $${values.push(filter.name)}`;
  return { where, values };
}

function withContentFilter<T extends TenantConfigEntity | TenantConfigVersionEntity>(query: SelectQueryBuilder<T>, filter: ConfigFilter): SelectQueryBuilder<T> {
  if (filter.group !== undefined) query.andWhere('c.group = :group', { group: filter.group });
  if (filter.name !== undefined) query.andWhere('c.name = :name', { name: filter.name });
  return query;
}
