import type { ConnectorDefinition } from '../../connectors/connector-definition.js';

/** Connection settings of AroFlo (shared/specs/aroflo-connector-example.md); the API key is a credential, not a setting. */
export interface AroFloSettings {
  sync_frequency_hours: number;
  initial_sync_days: number;
  max_records_per_page: number;
  request_timeout_seconds: number;
  retry_attempts: number;
  enable_users_sync: boolean;
  enable_suppliers_sync: boolean;
  enable_payments_sync: boolean;
  enable_incremental_sync: boolean;
  enable_debug_logging: boolean;
}

export const AROFLO: ConnectorDefinition<AroFloSettings> = {
  id: 'AROFLO',
  name: 'AroFlo',
  category: 'ERP & Accounting',
  authType: 'apiKey',
  plugs: [
    { name: 'users', direction: 'import', description: 'Employees: names, contact details, roles, access levels' },
    { name: 'suppliers', direction: 'import', description: 'Suppliers: contacts, addresses, payment terms, tax ids' },
    { name: 'payments', direction: 'import', description: 'Payment transactions: amounts, currency, dates, references' },
  ],
  settingsSchema: {
    type: 'object',
    additionalProperties: false,
    required: [],
    properties: {
      sync_frequency_hours: { type: 'integer', minimum: 1, maximum: 168, default: 4, description: 'How often to run incremental syncs' },
      initial_sync_days: { type: 'integer', minimum: 1, maximum: 365, default: 90, description: 'Days of history fetched by the first sync' },
      max_records_per_page: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'Records per API request' },
      request_timeout_seconds: { type: 'integer', minimum: 1, maximum: 300, default: 30, description: 'HTTP request timeout' },
      retry_attempts: { type: 'integer', minimum: 0, maximum: 10, default: 3, description: 'Retries of a failed request' },
      enable_users_sync: { type: 'boolean', default: true, description: 'Sync users/employees' },
      enable_suppliers_sync: { type: 'boolean', default: true, description: 'Sync suppliers' },
      enable_payments_sync: { type: 'boolean', default: true, description: 'Sync payments' },
      enable_incremental_sync: { type: 'boolean', default: true, description: 'Fetch only what changed since the last sync' },
      enable_debug_logging: { type: 'boolean', default: false, description: 'Log request details (never credentials)' },
    },
  },
};
