import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { createdByFields } from '../common/base-resource.js';
import { CryptoService } from '../common/crypto.service.js';
import { ConflictError, VersionConflictError } from '../common/errors.js';
import { expectedVersion } from '../common/optimistic-lock.js';
import { toTenantIntegrationDto, type CloneTenantIntegrationPayload, type TenantIntegrationDto } from '../integrations/tenant-integration.dto.js';
import { TenantIntegrationRepository } from '../integrations/tenant-integration.repository.js';
import { assertMayActFor, TenantIntegrationService } from '../integrations/tenant-integration.service.js';
import { TenantConfigRepository } from './tenant-config.repository.js';
import { configAssociatedData } from './tenant-config.service.js';

/** Deleting or cloning a tenant integration means deleting or copying its configuration too. */
@Injectable()
export class TenantIntegrationLifecycleService {
  constructor(
    private readonly integrations: TenantIntegrationService,
    private readonly integrationRepository: TenantIntegrationRepository,
    private readonly configs: TenantConfigRepository,
    private readonly crypto: CryptoService,
  ) {}

  /** Deletes the integration and its configs; each config's history ends with a `delete` version. */
  async delete(principal: Principal, id: string, ifMatch?: string): Promise<void> {
    const expected = expectedVersion(ifMatch);
    await this.configs.transaction(async (manager) => {
      const integration = await this.integrations.findVisible(principal, id, manager, 'pessimistic_write');
      if (expected !== undefined && expected !== integration.version) {
        throw new VersionConflictError('Tenant integration', id, expected, integration.version);
      }
      await this.configs.recordDeletionOfAll(manager, principal, id);
      await this.integrationRepository.delete(manager, id);
    });
  }

  /**
   * Copies the integration and all its configs (sensitive values re-encrypted for their new
   * rows) into a new, independent integration, with the overrides applied.
   */
  async clone(principal: Principal, id: string, overrides: CloneTenantIntegrationPayload): Promise<TenantIntegrationDto> {
    const clone = await this.configs.transaction(async (manager) => {
      const source = await this.integrations.findVisible(principal, id, manager, 'pessimistic_read');
      const tenant = overrides.tenant?.toLowerCase() ?? source.tenant;
      assertMayActFor(principal, tenant);
      const pick = <K extends keyof CloneTenantIntegrationPayload>(field: K, fallback: unknown) =>
        overrides[field] === undefined ? fallback : overrides[field];
      const target = await this.integrationRepository.insert(manager, {
        ...createdByFields(principal),
        name: pick('name', source.name) as string,
        client: pick('client', source.client) as string | null,
        clientName: pick('clientName', source.clientName) as string | null,
        tenant,
        tenantName: pick('tenantName', source.tenantName) as string | null,
        partnerTenant: pick('partnerTenant', source.partnerTenant) as string | null,
        partnerTenantName: pick('partnerTenantName', source.partnerTenantName) as string | null,
        connector: source.connector,
        mode: source.mode,
        settings: structuredClone(source.settings),
        connectorVersion: source.connectorVersion,
        updateInProgress: false,
        install: structuredClone(source.install),
      });
      for (const config of await this.configs.lockAllInIntegration(manager, source.id)) {
        const newId = randomUUID();
        try {
          await this.configs.insert(manager, {
            ...config,
            ...createdByFields(principal),
            id: newId,
            tenantIntegrationId: target.id,
            client: target.client,
            clientName: target.clientName,
            tenant: target.tenant,
            tenantName: target.tenantName,
            partnerTenant: target.partnerTenant,
            partnerTenantName: target.partnerTenantName,
            integration: config.integration === source.id ? target.id : config.integration,
            valueEncrypted:
              config.valueEncrypted === null
                ? null
                : this.crypto.encrypt(this.crypto.decrypt(config.valueEncrypted, configAssociatedData(config.id)), configAssociatedData(newId)),
            createdAt: undefined,
            updatedAt: undefined,
          });
        } catch (error) {
          if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
            throw new ConflictError(
              'TENANT_CONFIG.DUPLICATE_NAME',
              `Config "${config.name}" would exist twice for the same tenant and integration: give the clone another tenant`,
            );
          }
          throw error;
        }
      }
      return target;
    });
    return toTenantIntegrationDto(clone);
  }
}
