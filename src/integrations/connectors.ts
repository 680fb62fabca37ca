/**
 * Connectors a tenant integration can be for (the tenant-config spec's Connector enum).
 * Extending it is a code change here, not a migration: the column is plain text.
 */
export const TENANT_CONNECTORS = ['BIGCOMMERCE_OSERIES', 'SAPTAX_OSERIES', 'ARIBA2_OSERIES'] as const;
export type TenantConnector = (typeof TENANT_CONNECTORS)[number];
