import type { ConnectorDefinition, CredentialsSchema } from '../../connectors/connector-definition.js';
import type { RateLimits } from '../rate-budget.js';

/** Connection settings of AroFlo (shared/specs/aroflo-connector-example.md, plus invoices and their currency); the credentials are not settings. */
export interface AroFloSettings {
  sync_frequency_hours: number;
  initial_sync_days: number;
  max_records_per_page: number;
  request_timeout_seconds: number;
  retry_attempts: number;
  enable_invoices_sync: boolean;
  enable_users_sync: boolean;
  enable_suppliers_sync: boolean;
  enable_payments_sync: boolean;
  enable_incremental_sync: boolean;
  enable_debug_logging: boolean;
  currency: string;
}

/** AroFlo's largest page. */
export const AROFLO_MAX_PAGE_SIZE = 500;

/**
 * AroFlo's limits per site (apidocs.aroflo.com): every worker together stays under them. The one-second
 * and one-minute windows are a second wider here: AroFlo counts arrivals, and the time from taking a
 * slot to the request's arrival varies (network, a worker short of CPU: half a second was seen in tests).
 * It costs nothing that matters: at 1.5 calls a second the day's 2,000 calls last 22 minutes.
 */
export const AROFLO_LIMITS: RateLimits = { perSecond: 3, perMinute: 120, perDay: 2_000, dayTimeZone: 'Australia/Melbourne', marginMs: 1000 };

const ENCODED = { type: 'string', minLength: 1, maxLength: 1024, pattern: '^\\S+$' } as const;

/** What an AroFlo connection stores, encrypted: the site's API values from Site Administration → Settings → General → AroFlo API. */
export const AROFLO_CREDENTIALS_SCHEMA: CredentialsSchema = {
  type: 'object',
  description: "The AroFlo API values of the site: in AroFlo, Site Administration → Settings → General → AroFlo API. One signed call to AroFlo checks them before they are stored.",
  additionalProperties: false,
  required: ['secretKey', 'uEncoded', 'pEncoded', 'orgEncoded'],
  properties: {
    secretKey: { ...ENCODED, title: 'Secret key', description: 'Shown once when the API access is created (generate a new one if it was lost)', writeOnly: true },
    uEncoded: { ...ENCODED, title: 'uEncoded', description: 'The encoded API user name', writeOnly: true },
    pEncoded: { ...ENCODED, title: 'pEncoded', description: 'The encoded API password', writeOnly: true },
    orgEncoded: { ...ENCODED, title: 'orgEncoded', description: 'The encoded organisation of the site', writeOnly: true },
    hostIp: {
      type: 'string',
      title: 'Host IP',
      description: 'Only when the API access is restricted to an IP: the public IP this service calls AroFlo from',
      maxLength: 45,
      pattern: '^[0-9A-Fa-f.:]{2,45}$',
    },
  },
};

export const AROFLO: ConnectorDefinition<AroFloSettings> = {
  id: 'AROFLO',
  name: 'AroFlo',
  category: 'ERP & Accounting',
  authType: 'apiKey',
  plugs: [
    { name: 'invoices', direction: 'import', description: 'Invoices with their lines and GST: canonical sales' },
    { name: 'users', direction: 'import', description: 'Employees: names, contact details, roles, access levels' },
    { name: 'suppliers', direction: 'import', description: 'Suppliers: contacts, addresses, ABN' },
    { name: 'payments', direction: 'import', description: 'Payments received against invoices: amounts, dates, methods, references' },
  ],
  credentialsSchema: AROFLO_CREDENTIALS_SCHEMA,
  settingsSchema: {
    type: 'object',
    additionalProperties: false,
    required: [],
    properties: {
      sync_frequency_hours: { type: 'integer', minimum: 1, maximum: 168, default: 4, description: 'How often to run incremental syncs' },
      initial_sync_days: { type: 'integer', minimum: 1, maximum: 365, default: 90, description: 'Days of history a full read covers when incremental sync is off (the first sync reads from the start date)' },
      max_records_per_page: {
        type: 'integer',
        minimum: 1,
        maximum: AROFLO_MAX_PAGE_SIZE,
        default: 100,
        description: "Records per API request; at most 500, AroFlo's largest page (a page AroFlo finds too large is read again at half the size)",
      },
      request_timeout_seconds: { type: 'integer', minimum: 1, maximum: 300, default: 30, description: 'HTTP request timeout' },
      retry_attempts: { type: 'integer', minimum: 0, maximum: 10, default: 3, description: 'Retries of a failed request' },
      enable_invoices_sync: { type: 'boolean', default: true, description: 'Sync invoices (with their lines and GST) as sales' },
      enable_users_sync: { type: 'boolean', default: true, description: 'Sync users/employees' },
      enable_suppliers_sync: { type: 'boolean', default: true, description: 'Sync suppliers (read in full every run; only changes are written)' },
      enable_payments_sync: { type: 'boolean', default: true, description: 'Sync payments' },
      enable_incremental_sync: { type: 'boolean', default: true, description: 'Read only what changed since the last sync; false: re-read initial_sync_days every run' },
      enable_debug_logging: { type: 'boolean', default: false, description: 'Log request details (never credentials)' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'AUD', description: 'ISO 4217 currency of the invoices (AroFlo does not send one)' },
    },
  },
};
