import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { TenantScopeDto } from '../common/base-resource.js';
import { BooleanField, EnumField, IntField, NestedArrayField, ObjectField, StringField, UuidField } from '../common/fields.js';
import { PageMetaDto, PageQueryDto } from '../common/paging.js';
import { TENANT_CONNECTORS } from './connectors.js';
import { INTEGRATION_MODES, type InstallStep, type IntegrationMode, type TenantIntegrationEntity } from './tenant-integration.entity.js';

export class InstallStepDto implements InstallStep {
  @StringField({ example: 'BigCommerce Connection' })
  readonly name: string;

  @StringField({ optional: true, maxLength: 1024, example: 'Configure BigCommerce store credentials' })
  readonly description?: string | null;

  @StringField({ optional: true, maxLength: 2048, example: '/images/company-logos/BigCommerce.png' })
  readonly imageURL?: string | null;

  @StringField({ optional: true, maxLength: 2048, example: '' })
  readonly installURL?: string | null;

  @BooleanField({ optional: true, example: false, description: 'Default false' })
  readonly completed: boolean;

  @StringField({ optional: true, example: 'verifyBigCommerceConnection' })
  readonly installerFunction?: string | null;

  @StringField({ optional: true, example: 'deleteBigCommerceConnection' })
  readonly uninstallerFunction?: string | null;

  @StringField({ optional: true, example: '56fd5ad0945g2345c4e678aca76' })
  readonly connectionId?: string | null;
}

/** Body of POST and PUT /tenantintegrations. */
export class TenantIntegrationPayload {
  @StringField({ example: 'partnerProduct123-vertexProductAbc' })
  readonly name: string;

  @UuidField({ optional: true, example: 'cd671e55-9575-4a25-8b1b-2e85b5867059', description: 'Vertex customer internal identifier' })
  readonly client?: string | null;

  @StringField({ optional: true, example: 'Company xyz' })
  readonly clientName?: string | null;

  @UuidField({ example: '1a855cf0-d29b-4fb2-a238-abd2c0d03856', description: "The customer's subscription; cannot change after creation" })
  readonly tenant: string;

  @StringField({ optional: true, example: 'Company xyz (North America)' })
  readonly tenantName?: string | null;

  @StringField({
    optional: true,
    example: '4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee',
    description: 'Subscription identifier in the partner system; cannot change after creation',
  })
  readonly partnerTenant?: string | null;

  @StringField({ optional: true, example: 'Partner product 123 for Company xyz (North America)' })
  readonly partnerTenantName?: string | null;

  @EnumField(TENANT_CONNECTORS, { example: 'BIGCOMMERCE_OSERIES', description: 'Cannot change after creation' })
  readonly connector: string;

  @EnumField(INTEGRATION_MODES, {
    optional: true,
    example: 'install',
    description: 'Default: install while any install step is incomplete, else settings',
  })
  readonly mode?: IntegrationMode | null;

  @ObjectField({ optional: true, example: { commonresources: { bigcommerceConnectionId: '56fd5ad09a67g564e678aca76' } } })
  readonly settings?: Record<string, unknown> | null;

  @StringField({ optional: true, maxLength: 64, example: '1.0.1', description: "The integration API's `version`: the connector version installed" })
  readonly connectorVersion?: string | null;

  @BooleanField({ optional: true, example: false, description: 'While true, configuration writes under this integration are refused' })
  readonly updateInProgress?: boolean | null;

  @NestedArrayField(() => InstallStepDto, { optional: true, maxItems: 50 })
  readonly install?: InstallStepDto[] | null;

  @IntField({ optional: true, example: 2, description: 'Expected current version (alternative to If-Match)' })
  readonly version?: number | null;
}

/** Body of PATCH: only the fields sent change; `settings` is merged as a JSON merge patch. */
export class TenantIntegrationPatch extends PartialType(TenantIntegrationPayload) {}

/** Body of POST …/clone: overrides for the copy; everything else is copied. */
export class CloneTenantIntegrationPayload extends PartialType(
  PickType(TenantIntegrationPayload, ['name', 'tenant', 'tenantName', 'partnerTenant', 'partnerTenantName', 'client', 'clientName'] as const),
) {}

export class ListTenantIntegrationsQuery extends PageQueryDto {
  @EnumField(TENANT_CONNECTORS, { optional: true, example: 'BIGCOMMERCE_OSERIES' })
  readonly connector?: string;
}

export class TenantIntegrationDto extends TenantScopeDto {
  @ApiProperty({ example: 'partnerProduct123-vertexProductAbc' }) readonly name: string;
  @ApiProperty({ example: 'BIGCOMMERCE_OSERIES' }) readonly connector: string;
  @ApiProperty({ enum: INTEGRATION_MODES, example: 'settings' }) readonly mode: IntegrationMode;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { sections: [] } }) readonly settings: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, example: '1.0.1' }) readonly connectorVersion: string | null;
  @ApiProperty({ example: false }) readonly updateInProgress: boolean;
  @ApiProperty({ type: [InstallStepDto] }) readonly install: InstallStep[];
}

export class TenantIntegrationPage {
  @ApiProperty({ type: [TenantIntegrationDto] }) readonly content: TenantIntegrationDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}

/** One object literal (see toTenantConfigDto for why not a spread of the base fields). */
export function toTenantIntegrationDto(entity: TenantIntegrationEntity): TenantIntegrationDto {
  return {
    id: entity.id,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    createdBy: entity.createdBy,
    updatedBy: entity.updatedBy,
    name: entity.name,
    client: entity.client,
    clientName: entity.clientName,
    tenant: entity.tenant,
    tenantName: entity.tenantName,
    partnerTenant: entity.partnerTenant,
    partnerTenantName: entity.partnerTenantName,
    connector: entity.connector,
    mode: entity.mode,
    settings: entity.settings,
    connectorVersion: entity.connectorVersion,
    updateInProgress: entity.updateInProgress,
    install: entity.install,
  };
}
