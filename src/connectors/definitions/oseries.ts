import type { ConnectorDefinition } from '../connector-definition.js';

/** The Vertex O Series connectors of the tenant-config spec: configured through tenant configs, no plugs. */
function oSeries(id: string, name: string, category: ConnectorDefinition['category']): ConnectorDefinition {
  return {
    id,
    name,
    category,
    authType: 'none',
    plugs: [],
    settingsSchema: { type: 'object', additionalProperties: false, properties: {}, required: [] } as ConnectorDefinition['settingsSchema'],
  };
}

export const BIGCOMMERCE_OSERIES = oSeries('BIGCOMMERCE_OSERIES', 'BigCommerce for Vertex O Series', 'E-commerce');
export const SAPTAX_OSERIES = oSeries('SAPTAX_OSERIES', 'SAP Tax for Vertex O Series', 'ERP & Accounting');
export const ARIBA2_OSERIES = oSeries('ARIBA2_OSERIES', 'SAP Ariba for Vertex O Series', 'ERP & Accounting');
