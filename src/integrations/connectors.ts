import { ARIBA2_OSERIES, BIGCOMMERCE_OSERIES, SAPTAX_OSERIES } from '../connectors/definitions/oseries.js';

/**
 * Connectors a tenant integration can be for (the tenant-config spec's Connector enum), taken
 * from the connector catalog. Extending it is a code change, not a migration: the column is text.
 */
export const TENANT_CONNECTORS: readonly string[] = [BIGCOMMERCE_OSERIES.id, SAPTAX_OSERIES.id, ARIBA2_OSERIES.id];
