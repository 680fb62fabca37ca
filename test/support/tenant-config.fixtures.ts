/** The spec's example values (connector-tenant-config-api.txt). */
export const TENANT_A = '1a855cf0-d29b-4fb2-a238-abd2c0d03856';
export const TENANT_B = '2b966d01-e3ac-4fc3-b349-bfe3d1e04967';
export const CLIENT = 'cd671e55-9575-4a25-8b1b-2e85b5867059';
export const PARTNER_TENANT = '4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee';

/** The TenantIntegration example of GET /tenantintegrations, as a creation body. */
export function integrationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'partnerProduct123-vertexProductAbc',
    client: CLIENT,
    clientName: 'Company xyz',
    tenant: TENANT_A,
    tenantName: 'Company xyz (North America)',
    partnerTenant: PARTNER_TENANT,
    partnerTenantName: 'Partner product 123 for Company xyz (North America)',
    connector: 'BIGCOMMERCE_OSERIES',
    ...overrides,
  };
}

/** The spec's POST …/configs example body, verbatim (its missing comma restored). */
export function specCreateBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client: 'cd671e55-9575-4a25-8b1b-2e85b5867059',
    clientName: 'Company xyz',
    tenant: '1a855cf0-d29b-4fb2-a238-abd2c0d03856',
    tenantName: 'Company xyz (North America)',
    partnerTenant: '4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee',
    partnerTenantName: 'Partner 1 (North America)',
    integration: '8db08c8e-4474-45c9-9fba-d89e05a549ce',
    integrationName: 'partner1-vertexProductAbc-forCompanyXyzNorthAmerica',
    group: 'messageLogConfigs',
    name: 'messageLogEnabled',
    label: 'Enable Message Logging',
    description: 'This parameter is used to control message logging feature',
    value: 'true',
    sensitive: 'false',
    connector: 'BIGCOMMERCE_OSERIES',
    ...overrides,
  };
}

/** The spec's PUT …/configs/{config} example body, verbatim (its missing comma restored). */
export function specUpdateBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...specCreateBody(),
    group: 'reportingConfigs',
    value: 'false',
    ...overrides,
  };
}
