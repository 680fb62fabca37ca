import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { createdByFields } from '../common/base-resource.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { mergePatch } from '../common/merge-patch.js';
import { expectedVersion } from '../common/optimistic-lock.js';
import type { Page } from '../common/paging.js';
import {
  toTenantIntegrationDto,
  type InstallStepDto,
  type ListTenantIntegrationsQuery,
  type TenantIntegrationDto,
  type TenantIntegrationPatch,
  type TenantIntegrationPayload,
} from './tenant-integration.dto.js';
import type { InstallStep, IntegrationMode, TenantIntegrationEntity } from './tenant-integration.entity.js';
import { TenantIntegrationRepository, type RowLock } from './tenant-integration.repository.js';

/** Fields fixed at creation: configurations under the integration carry them (clone to move). */
const IMMUTABLE_FIELDS = ['tenant', 'connector', 'partnerTenant'] as const;

@Injectable()
export class TenantIntegrationService {
  constructor(private readonly repository: TenantIntegrationRepository) {}

  async list(principal: Principal, query: ListTenantIntegrationsQuery): Promise<Page<TenantIntegrationDto>> {
    const page = await this.repository.list(principal, query);
    return { ...page, content: page.content.map(toTenantIntegrationDto) };
  }

  async get(principal: Principal, id: string): Promise<TenantIntegrationDto> {
    return toTenantIntegrationDto(await this.findVisible(principal, id));
  }

  /** The integration, if the caller may see it; 404 otherwise (existence is not leaked). */
  async findVisible(principal: Principal, id: string, manager?: EntityManager, lock?: RowLock): Promise<TenantIntegrationEntity> {
    const integration = await this.repository.findVisible(principal, id, manager, lock);
    if (!integration) throw new NotFoundError('TENANT_INTEGRATION.NOT_FOUND', 'Tenant integration', id);
    return integration;
  }

  async create(principal: Principal, payload: TenantIntegrationPayload): Promise<TenantIntegrationDto> {
    assertMayActFor(principal, payload.tenant);
    const install = normalizeInstall(payload.install);
    const created = await this.repository.transaction((manager) =>
      this.repository.insert(manager, {
        ...createdByFields(principal),
        name: payload.name,
        client: payload.client ?? null,
        clientName: payload.clientName ?? null,
        tenant: payload.tenant.toLowerCase(),
        tenantName: payload.tenantName ?? null,
        partnerTenant: payload.partnerTenant ?? null,
        partnerTenantName: payload.partnerTenantName ?? null,
        connector: payload.connector,
        mode: payload.mode ?? defaultMode(install),
        settings: payload.settings ?? {},
        connectorVersion: payload.connectorVersion ?? null,
        updateInProgress: payload.updateInProgress ?? false,
        install,
      }),
    );
    return toTenantIntegrationDto(created);
  }

  /** PUT: the body replaces every field; immutable fields may be omitted but not changed. */
  replace(principal: Principal, id: string, payload: TenantIntegrationPayload, ifMatch?: string): Promise<TenantIntegrationDto> {
    return this.update(principal, id, expectedVersion(ifMatch, payload.version ?? undefined), (current) => {
      assertImmutableFieldsUnchanged(current, payload);
      const install = normalizeInstall(payload.install);
      return {
        name: payload.name,
        client: payload.client ?? null,
        clientName: payload.clientName ?? null,
        tenantName: payload.tenantName ?? null,
        partnerTenantName: payload.partnerTenantName ?? null,
        mode: payload.mode ?? defaultMode(install),
        settings: payload.settings ?? {},
        connectorVersion: payload.connectorVersion ?? null,
        updateInProgress: payload.updateInProgress ?? false,
        install,
      };
    });
  }

  /** PATCH: only the fields sent change; `settings` is applied as a JSON merge patch. */
  patch(principal: Principal, id: string, patch: TenantIntegrationPatch, ifMatch?: string): Promise<TenantIntegrationDto> {
    return this.update(principal, id, expectedVersion(ifMatch, patch.version ?? undefined), (current) => {
      assertImmutableFieldsUnchanged(current, patch);
      const changes: Partial<TenantIntegrationEntity> = {};
      if (patch.name !== undefined) {
        if (patch.name === null) throw new BadRequestError('TENANT_INTEGRATION.NAME_REQUIRED', 'name cannot be removed');
        changes.name = patch.name;
      }
      for (const field of ['client', 'clientName', 'tenantName', 'partnerTenantName', 'connectorVersion'] as const) {
        if (patch[field] !== undefined) changes[field] = patch[field] ?? null;
      }
      if (patch.updateInProgress !== undefined) changes.updateInProgress = patch.updateInProgress ?? false;
      if (patch.install !== undefined) changes.install = normalizeInstall(patch.install);
      if (patch.settings !== undefined) changes.settings = (mergePatch(current.settings, patch.settings ?? {}) ?? {}) as Record<string, unknown>;
      if (patch.mode !== undefined) changes.mode = patch.mode ?? defaultMode(changes.install ?? current.install);
      return changes;
    });
  }

  private async update(
    principal: Principal,
    id: string,
    expected: number | undefined,
    changesFor: (current: TenantIntegrationEntity) => Partial<TenantIntegrationEntity>,
  ): Promise<TenantIntegrationDto> {
    const updated = await this.repository.transaction(async (manager) => {
      const current = await this.findVisible(principal, id, manager, 'pessimistic_write');
      return this.repository.update(manager, principal, id, expected, changesFor(current) as never);
    });
    return toTenantIntegrationDto(updated);
  }
}

export function assertMayActFor(principal: Principal, tenant: string): void {
  if (!principal.canActFor(tenant)) {
    throw new ForbiddenError('TENANT.NOT_ALLOWED', `You may not act for tenant ${tenant}: it is not in your token's tenants`);
  }
}

function assertImmutableFieldsUnchanged(
  current: TenantIntegrationEntity,
  payload: Partial<Pick<TenantIntegrationPayload, (typeof IMMUTABLE_FIELDS)[number]>>,
): void {
  for (const field of IMMUTABLE_FIELDS) {
    const sent = payload[field];
    if (sent !== undefined && (sent ?? null)?.toString().toLowerCase() !== (current[field] ?? null)?.toString().toLowerCase()) {
      throw new BadRequestError(
        'TENANT_INTEGRATION.IMMUTABLE_FIELD',
        `${field} cannot be changed after creation (it is "${current[field] ?? 'null'}"); clone the integration instead`,
      );
    }
  }
}

function normalizeInstall(steps: readonly InstallStepDto[] | null | undefined): InstallStep[] {
  return (steps ?? []).map((step) => ({
    name: step.name,
    description: step.description ?? null,
    imageURL: step.imageURL ?? null,
    installURL: step.installURL ?? null,
    completed: step.completed ?? false,
    installerFunction: step.installerFunction ?? null,
    uninstallerFunction: step.uninstallerFunction ?? null,
    connectionId: step.connectionId ?? null,
  }));
}

/** An integration with an unfinished install step is still being installed. */
function defaultMode(install: readonly InstallStep[]): IntegrationMode {
  return install.some((step) => !step.completed) ? 'install' : 'settings';
}
