import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Principal } from '../auth/principal.js';
import { updateWithVersion } from '../common/optimistic-lock.js';
import { paginate, type Page, type SortFields } from '../common/paging.js';
import { sqlRows } from '../common/sql.js';
import { ConnectionEvents } from './connection-events.js';
import type { ListConnectionsQuery } from './connection.dto.js';
import { ConnectionCredentialsEntity, ConnectionEntity } from './connection.entity.js';

export const CONNECTION_SORT_FIELDS: SortFields = {
  updatedAt: 'updatedAt',
  createdAt: 'createdAt',
  name: 'name',
  connector: 'connector',
  status: 'status',
  startDate: 'startDate',
  lastSyncAt: 'lastSyncAt',
  nextSyncAt: 'nextSyncAt',
};

export interface ConnectionWithCredentials {
  readonly connection: ConnectionEntity;
  readonly credentials: ConnectionCredentialsEntity | null;
}

/** The only place that queries connections and their credentials. Deleted connections are invisible. */
@Injectable()
export class ConnectionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    /** Absent only where a test builds the repository by hand without the modules around it. */
    @Optional() private readonly events?: ConnectionEvents,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findVisible(principal: Principal, id: string, manager = this.dataSource.manager, lock = false): Promise<ConnectionWithCredentials | null> {
    const query = this.visible(principal, manager).andWhere('c.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const connection = await query.getOne();
    if (!connection) return null;
    const credentials = await manager.getRepository(ConnectionCredentialsEntity).findOneBy({ connectionId: id });
    return { connection, credentials };
  }

  async list(principal: Principal, filter: ListConnectionsQuery): Promise<Page<ConnectionWithCredentials>> {
    const query = this.visible(principal);
    if (filter.connector !== undefined) query.andWhere('c.connector = :connector', { connector: filter.connector });
    if (filter.enabled !== undefined) query.andWhere('c.enabled = :enabled', { enabled: filter.enabled });
    if (filter.status !== undefined) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.tenant !== undefined) query.andWhere('c.tenant = :tenant', { tenant: filter.tenant });
    if (filter.tenantIntegration !== undefined) query.andWhere('c.tenantIntegrationId = :ti', { ti: filter.tenantIntegration });
    if (filter.companyToken !== undefined) query.andWhere('c.companyToken = :token', { token: filter.companyToken });
    const page = await paginate(query, filter, CONNECTION_SORT_FIELDS);
    const ids = page.content.map((c) => c.id);
    const credentials = ids.length
      ? await this.dataSource.getRepository(ConnectionCredentialsEntity).createQueryBuilder('k').where('k.connectionId IN (:...ids)', { ids }).getMany()
      : [];
    const byConnection = new Map(credentials.map((k) => [k.connectionId, k]));
    return { ...page, content: page.content.map((connection) => ({ connection, credentials: byConnection.get(connection.id) ?? null })) };
  }

  /** Any connection with this id, of any tenant, deleted or not, locked for the transaction. */
  findAny(manager: EntityManager, id: string): Promise<ConnectionEntity | null> {
    return manager.getRepository(ConnectionEntity).findOne({ where: { id }, withDeleted: true, lock: { mode: 'pessimistic_write' } });
  }

  /** A plain INSERT: save() would update an existing row that has the same (caller-chosen) id. */
  async insert(manager: EntityManager, values: Partial<ConnectionEntity>): Promise<ConnectionEntity> {
    const repository = manager.getRepository(ConnectionEntity);
    const entity = repository.create(values);
    await repository.insert(entity as QueryDeepPartialEntity<ConnectionEntity>);
    return entity;
  }

  update(
    manager: EntityManager,
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    changes: Partial<ConnectionEntity>,
  ): Promise<ConnectionEntity> {
    // jsonb columns (settings, plugs) are plain values; TypeORM's deep-partial type does not model them.
    const update = changes as QueryDeepPartialEntity<ConnectionEntity>;
    return updateWithVersion(manager, { entity: ConnectionEntity, resource: 'Connection', id, expectedVersion, changes: update, principal });
  }

  /** Marks the row deleted (kept for its extracted data and run history) and stops its scheduling. */
  async softDelete(manager: EntityManager, principal: Principal, id: string, version: number): Promise<void> {
    await manager.query(
      `UPDATE connections SET deleted_at = now(), enabled = false, next_sync_at = NULL, status = 'disabled',
         version = version + 1, updated_at = now(), updated_by = $3
       WHERE id = $1 AND version = $2 AND deleted_at IS NULL`,
      [id, version, principal.subject],
    );
  }

  /** The host refused the stored authorization for good: the connection waits for a new one (and is not scheduled). */
  async markAuthorizationLost(id: string, detail: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = sqlRows(manager);
      const [before] = await rows.rows<Pick<ConnectionEntity, 'id' | 'tenant' | 'status' | 'enabled'>>(
        `SELECT id, tenant, status, enabled FROM connections WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`,
        [id],
      );
      if (!before) return;
      await rows.rows(`UPDATE connections SET status = 'auth_error', status_detail = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id`, [id, detail]);
      await this.events?.changed(rows, { ...before, statusDetail: null }, { status: 'auth_error', enabled: before.enabled, statusDetail: detail }, undefined, {
        type: 'authorization.failed',
        message: `The host refused the authorization: ${detail.slice(0, 500)}`,
      });
    });
  }

  // Sync bookkeeping is the service's own state, not an edit: it does not bump the version, so an
  // admin form holding the connection's version is not refused because a sync ran meanwhile.

  async markSyncing(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE connections SET status = 'syncing' WHERE id = $1 AND status IN ('ready', 'error', 'syncing')`, [id]);
  }

  /** A run ended; `succeeded` records the sync time and clears an earlier sync error. */
  async markSynced(id: string, succeeded = true): Promise<void> {
    await this.dataSource.query(
      succeeded
        ? `UPDATE connections SET status = CASE WHEN status IN ('syncing', 'error') THEN 'ready' ELSE status END,
             status_detail = CASE WHEN status IN ('syncing', 'error') THEN NULL ELSE status_detail END, last_sync_at = now()
           WHERE id = $1`
        : `UPDATE connections SET status = 'ready' WHERE id = $1 AND status = 'syncing'`,
      [id],
    );
  }

  async markSyncFailed(id: string, detail: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = sqlRows(manager);
      const [before] = await rows.rows<Pick<ConnectionEntity, 'id' | 'tenant' | 'status' | 'enabled'>>(
        `SELECT id, tenant, status, enabled FROM connections WHERE id = $1 AND status IN ('syncing', 'ready') FOR UPDATE`,
        [id],
      );
      if (!before) return;
      await rows.rows(`UPDATE connections SET status = 'error', status_detail = $2 WHERE id = $1 RETURNING id`, [id, detail.slice(0, 1024)]);
      await this.events?.changed(rows, { ...before, statusDetail: null }, { status: 'error', enabled: before.enabled, statusDetail: detail.slice(0, 1024) }, undefined);
    });
  }

  async saveCredentials(manager: EntityManager, credentials: ConnectionCredentialsEntity): Promise<ConnectionCredentialsEntity> {
    await manager.getRepository(ConnectionCredentialsEntity).upsert(credentials, ['connectionId']);
    return credentials;
  }

  async deleteCredentials(manager: EntityManager, connectionId: string): Promise<void> {
    await manager.getRepository(ConnectionCredentialsEntity).delete({ connectionId });
  }

  private visible(principal: Principal, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<ConnectionEntity> {
    const query = manager.getRepository(ConnectionEntity).createQueryBuilder('c');
    const tenants = principal.tenantFilter();
    if (tenants) query.where('c.tenant = ANY(CAST(:tenants AS uuid[]))', { tenants });
    else query.where('TRUE');
    return query;
  }
}
