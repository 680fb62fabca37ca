import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { Scope, type Principal } from '../auth/principal.js';
import { createdByFields } from '../common/base-resource.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import { sqlRows } from '../common/sql.js';
import { CryptoService } from '../common/crypto.service.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ValidationFailedError, VersionConflictError } from '../common/errors.js';
import { expectedVersion } from '../common/optimistic-lock.js';
import type { Page } from '../common/paging.js';
import type { TenantIntegrationEntity } from '../integrations/tenant-integration.entity.js';
import { TenantIntegrationService } from '../integrations/tenant-integration.service.js';
import {
  MASK,
  toTenantConfigDto,
  toTenantConfigVersionDto,
  type BulkConfigItem,
  type ListConfigsQuery,
  type TenantConfigDto,
  type TenantConfigPayload,
  type TenantConfigVersionDto,
} from './tenant-config.dto.js';
import type { TenantConfigColumns, TenantConfigEntity } from './tenant-config.entity.js';
import { TenantConfigRepository, type ConfigFilter } from './tenant-config.repository.js';

/** Associated data of a config's ciphertext: a value copied to another config does not decrypt. */
export function configAssociatedData(configId: string): string {
  return `tenant-config:${configId}`;
}

type StoredValue = Pick<TenantConfigEntity, 'value' | 'valueEncrypted' | 'sensitive'>;

/**
 * The rules of tenant configuration: tenant scoping through the owning integration, locking,
 * a gap-free history, the updateInProgress guard, and encryption and masking of sensitive values.
 */
@Injectable()
export class TenantConfigService {
  constructor(
    private readonly repository: TenantConfigRepository,
    private readonly integrations: TenantIntegrationService,
    private readonly crypto: CryptoService,
    private readonly events: WebhookEvents,
  ) {}

  async list(principal: Principal, integrationId: string, query: ListConfigsQuery): Promise<Page<TenantConfigDto>> {
    const reveal = this.mayReveal(principal, query.reveal);
    const page = await this.repository.listVisible(principal, integrationId, query);
    if (!page) throw new NotFoundError('TENANT_INTEGRATION.NOT_FOUND', 'Tenant integration', integrationId);
    return { ...page, content: page.content.map((c) => this.toDto(c, reveal)) };
  }

  async listByPartnerTenant(principal: Principal, connector: string, partnerTenant: string, query: ListConfigsQuery): Promise<Page<TenantConfigDto>> {
    const reveal = this.mayReveal(principal, query.reveal);
    const page = await this.repository.listByPartnerTenant(principal, connector, partnerTenant, query);
    return { ...page, content: page.content.map((c) => this.toDto(c, reveal)) };
  }

  async get(principal: Principal, integrationId: string, id: string, revealRequested?: boolean): Promise<TenantConfigDto> {
    const reveal = this.mayReveal(principal, revealRequested);
    const config = await this.repository.findVisible(principal, integrationId, id);
    if (!config) throw notFound(id);
    return this.toDto(config, reveal);
  }

  async listVersions(principal: Principal, integrationId: string, query: ConfigFilter & { reveal?: boolean }, configId?: string): Promise<Page<TenantConfigVersionDto>> {
    const reveal = this.mayReveal(principal, query.reveal);
    await this.integrations.findVisible(principal, integrationId);
    const page = await this.repository.listVersions(integrationId, query, configId);
    // An empty page is a 404 only when the config has no history at all (not when filters match nothing).
    if (configId && page.page.totalElements === 0 && !(await this.repository.hasHistory(integrationId, configId))) throw notFound(configId);
    return {
      ...page,
      content: page.content.map((v) => toTenantConfigVersionDto(v, this.readableValue(v, reveal))),
    };
  }

  create(principal: Principal, integrationId: string, payload: TenantConfigPayload): Promise<TenantConfigDto> {
    return this.write(principal, integrationId, 'created', async (manager, integration) => this.createIn(manager, principal, integration, payload));
  }

  replace(principal: Principal, integrationId: string, id: string, payload: TenantConfigPayload, ifMatch?: string): Promise<TenantConfigDto> {
    const expected = expectedVersion(ifMatch, payload.version ?? undefined);
    return this.write(principal, integrationId, 'updated', async (manager, integration) => {
      const current = await this.findConfig(integrationId, id, manager);
      return this.replaceIn(manager, principal, integration, current, payload, expected);
    });
  }

  async delete(principal: Principal, integrationId: string, id: string, ifMatch?: string): Promise<void> {
    const expected = expectedVersion(ifMatch);
    await this.write(principal, integrationId, 'deleted', async (manager) => {
      const current = await this.findConfig(integrationId, id, manager);
      assertVersion(current, expected);
      await this.repository.delete(manager, principal, id, expected);
      return current;
    });
  }

  /** Writes the content of an earlier version as a new version. */
  restore(principal: Principal, integrationId: string, id: string, version: number, ifMatch?: string): Promise<TenantConfigDto> {
    const expected = expectedVersion(ifMatch);
    return this.write(principal, integrationId, 'restored', async (manager) => {
      const current = await this.findConfig(integrationId, id, manager);
      assertVersion(current, expected);
      const source = await this.repository.findVersion(manager, integrationId, id, version);
      if (!source) throw new NotFoundError('TENANT_CONFIG.VERSION_NOT_FOUND', 'Version', `${version} of tenant config ${id}`);
      const { value, valueEncrypted, sensitive, group, name, label, description, client, clientName, tenantName, partnerTenantName, integration, integrationName } = source;
      return this.save(() =>
        this.repository.update(manager, principal, id, expected, {
          value, valueEncrypted, sensitive, group, name, label, description, client, clientName, tenantName, partnerTenantName, integration, integrationName,
        }, 'restore'),
      );
    });
  }

  /** A settings page saving many values: all items are applied, or none. */
  bulkUpsert(principal: Principal, integrationId: string, items: readonly BulkConfigItem[]): Promise<TenantConfigDto[]> {
    const seen = new Map<string, number>();
    for (const [index, item] of items.entries()) {
      if (!item.id) continue;
      const first = seen.get(item.id.toLowerCase());
      if (first !== undefined) {
        throw new ValidationFailedError([{ field: `configs[${index}].id`, message: `repeats configs[${first}]: a config appears once per change set` }]);
      }
      seen.set(item.id.toLowerCase(), index);
    }
    return this.write(principal, integrationId, 'updated', async (manager, integration) => {
      const existing = new Map((await this.repository.lockAllInIntegration(manager, integrationId)).map((c) => [c.id, c]));
      const saved: TenantConfigEntity[] = [];
      for (const [index, item] of items.entries()) {
        try {
          if (!item.id) {
            saved.push(await this.createIn(manager, principal, integration, item));
            continue;
          }
          const current = existing.get(item.id);
          if (!current) throw notFound(item.id);
          saved.push(await this.replaceIn(manager, principal, integration, current, item, item.version ?? undefined));
        } catch (error) {
          throw naming(error, index, item);
        }
      }
      return saved;
    });
  }

  // Shared by create and bulk: the payload's scope fields must agree with the integration.
  private async createIn(manager: EntityManager, principal: Principal, integration: TenantIntegrationEntity, payload: TenantConfigPayload): Promise<TenantConfigEntity> {
    const id = randomUUID();
    const sensitive = payload.sensitive ?? false;
    return this.save(() =>
      this.repository.insert(manager, {
        id,
        ...createdByFields(principal),
        tenantIntegrationId: integration.id,
        ...scopeFields(integration, payload),
        integration: payload.integration?.toLowerCase() ?? integration.id,
        integrationName: payload.integrationName ?? integration.name,
        group: payload.group ?? null,
        name: payload.name,
        label: payload.label ?? null,
        description: payload.description ?? null,
        ...this.storedValue(id, payload.value ?? null, sensitive),
      }),
    );
  }

  private replaceIn(
    manager: EntityManager,
    principal: Principal,
    integration: TenantIntegrationEntity,
    current: TenantConfigEntity,
    payload: TenantConfigPayload,
    expected: number | undefined,
  ): Promise<TenantConfigEntity> {
    assertVersion(current, expected);
    const sensitive = payload.sensitive ?? current.sensitive;
    const keepsValue = payload.value === undefined || (current.sensitive && payload.value === MASK);
    if (current.sensitive && !sensitive && keepsValue) {
      throw new BadRequestError(
        'TENANT_CONFIG.VALUE_REQUIRED',
        `Turning "sensitive" off for ${current.name} requires a new value in the same request (the stored one stays secret)`,
      );
    }
    const value = keepsValue ? this.plaintext(current) : (payload.value ?? null);
    return this.save(() =>
      this.repository.update(manager, principal, current.id, expected, {
        ...scopeFields(integration, payload),
        integration: payload.integration?.toLowerCase() ?? current.integration,
        integrationName: payload.integrationName ?? current.integrationName,
        group: payload.group ?? null,
        name: payload.name,
        label: payload.label ?? null,
        description: payload.description ?? null,
        ...(keepsValue && sensitive === current.sensitive
          ? { value: current.value, valueEncrypted: current.valueEncrypted, sensitive }
          : this.storedValue(current.id, value, sensitive)),
      }),
    );
  }

  /**
   * Runs a config write in a transaction that holds a share lock on the integration: a concurrent
   * change of `updateInProgress` waits for it, and writes are refused while an update runs.
   */
  private async write<T extends TenantConfigEntity | TenantConfigEntity[]>(
    principal: Principal,
    integrationId: string,
    action: 'created' | 'updated' | 'deleted' | 'restored',
    work: (manager: EntityManager, integration: TenantIntegrationEntity) => Promise<T>,
  ): Promise<T extends TenantConfigEntity[] ? TenantConfigDto[] : TenantConfigDto> {
    const result = await this.repository.transaction(async (manager) => {
      const integration = await this.integrations.findVisible(principal, integrationId, manager, 'pessimistic_read');
      if (integration.updateInProgress) {
        throw new ConflictError(
          'TENANT_INTEGRATION.UPDATE_IN_PROGRESS',
          `Tenant integration ${integrationId} has an update in progress: its configuration cannot change until updateInProgress is set back to false`,
        );
      }
      const written = await work(manager, integration);
      // Names and versions only: a subscriber reads the values through the API, with its own scopes.
      const configs = (Array.isArray(written) ? written : [written]).map((c) => ({ id: c.id, name: c.name, version: c.version }));
      await this.events.publish(sqlRows(manager), integration.tenant, 'tenant_config.changed', { integrationId, action, actor: principal.subject, configs });
      return written;
    });
    const toDto = (c: TenantConfigEntity) => this.toDto(c, false);
    return (Array.isArray(result) ? result.map(toDto) : toDto(result)) as never;
  }

  private async findConfig(integrationId: string, id: string, manager?: EntityManager): Promise<TenantConfigEntity> {
    const config = await this.repository.findInIntegration(integrationId, id, manager, manager ? 'pessimistic_write' : undefined);
    if (!config) throw notFound(id);
    return config;
  }

  private async save<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new ConflictError(
          'TENANT_CONFIG.DUPLICATE_NAME',
          'A config with this name already exists for this tenant and integration',
        );
      }
      throw error;
    }
  }

  private storedValue(id: string, value: string | null, sensitive: boolean): StoredValue {
    if (!sensitive) return { value, valueEncrypted: null, sensitive };
    return { value: null, valueEncrypted: value === null ? null : this.crypto.encrypt(value, configAssociatedData(id)), sensitive };
  }

  private plaintext(config: TenantConfigColumns & { tenantConfigId?: string }): string | null {
    if (!config.sensitive) return config.value;
    if (config.valueEncrypted === null) return null;
    return this.crypto.decrypt(config.valueEncrypted, configAssociatedData(config.tenantConfigId ?? config.id));
  }

  private toDto(config: TenantConfigColumns, reveal: boolean): TenantConfigDto {
    return toTenantConfigDto(config, this.readableValue(config, reveal));
  }

  private readableValue(config: TenantConfigColumns & { tenantConfigId?: string }, reveal: boolean): string | null {
    if (config.sensitive && !reveal) return config.valueEncrypted === null ? null : MASK;
    return this.plaintext(config);
  }

  private mayReveal(principal: Principal, requested: boolean | undefined): boolean {
    if (!requested) return false;
    if (!principal.hasScope(Scope.TenantConfigReadSensitive)) {
      throw new ForbiddenError('AUTH.MISSING_SCOPE', `reveal=true requires the scope ${Scope.TenantConfigReadSensitive}`);
    }
    return true;
  }
}

/** tenant, partnerTenant and connector come from the integration; the payload may repeat them, not change them. */
function scopeFields(integration: TenantIntegrationEntity, payload: TenantConfigPayload) {
  const mismatch: Array<'tenant' | 'partnerTenant' | 'connector'> = [];
  const agree = (field: 'tenant' | 'partnerTenant' | 'connector') => {
    const sent = payload[field];
    if (sent !== undefined && sent !== null && sent.toLowerCase() !== (integration[field] ?? '').toLowerCase()) mismatch.push(field);
  };
  agree('tenant');
  agree('partnerTenant');
  agree('connector');
  if (mismatch.length > 0) {
    throw new BadRequestError(
      'TENANT_CONFIG.SCOPE_MISMATCH',
      `${mismatch.join(', ')} must match the tenant integration (${mismatch.map((f) => `${f}: ${integration[f] ?? 'null'}`).join(', ')})`,
    );
  }
  return {
    client: payload.client?.toLowerCase() ?? integration.client,
    clientName: payload.clientName ?? integration.clientName,
    tenant: integration.tenant,
    tenantName: payload.tenantName ?? integration.tenantName,
    partnerTenant: integration.partnerTenant,
    partnerTenantName: payload.partnerTenantName ?? integration.partnerTenantName,
    connector: integration.connector,
  };
}

function assertVersion(current: TenantConfigEntity, expected: number | undefined): void {
  if (expected !== undefined && expected !== current.version) {
    throw new VersionConflictError('Tenant config', current.id, expected, current.version);
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError('TENANT_CONFIG.NOT_FOUND', 'Tenant config', id);
}

/** In a bulk change set, says which item failed. */
function naming(error: unknown, index: number, item: BulkConfigItem): unknown {
  if (error instanceof ConflictError || error instanceof NotFoundError || error instanceof BadRequestError) {
    const label = `configs[${index}] (${item.id ? `id ${item.id}` : `new "${item.name}"`})`;
    error.message = `${label}: ${error.message}. Nothing in the change set was saved.`;
    Object.assign(error.extensions, { item: index });
  }
  return error;
}
