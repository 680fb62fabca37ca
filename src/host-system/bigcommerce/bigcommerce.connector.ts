import type { AppConfig } from '../../config/app-config.js';
import type { ConnectorDefinition } from '../../connectors/connector-definition.js';
import { accountBudgetKey, bucketForQuota, type AccountRatePolicy, type HostRateHeaders } from '../account-budget.js';
import type { OAuthProvider } from '../oauth/oauth-provider.js';
import type { BigCommerceCredentials } from './bigcommerce.readers.js';

export interface BigCommerceSettings {
  page_size: number;
  detail_concurrency: number;
  initial_sync_days: number;
}

export const BIGCOMMERCE: ConnectorDefinition<BigCommerceSettings> = {
  id: 'BIGCOMMERCE',
  name: 'BigCommerce',
  category: 'E-commerce',
  authType: 'oauth2',
  plugs: [
    { name: 'orders', direction: 'import', description: 'Orders with their products, shipping addresses and taxes (v2 /orders)' },
    { name: 'refunds', direction: 'import', description: 'Refunds (v3 /orders/payment_actions/refunds)' },
  ],
  settingsSchema: {
    type: 'object',
    additionalProperties: false,
    required: [],
    properties: {
      page_size: { type: 'integer', minimum: 1, maximum: 250, default: 250, description: 'Orders or refunds per request (BigCommerce allows 250)' },
      detail_concurrency: { type: 'integer', minimum: 1, maximum: 16, default: 4, description: 'Parallel requests for order details' },
      initial_sync_days: { type: 'integer', minimum: 1, maximum: 3650, default: 365, description: 'Days of history fetched by the first sync' },
    },
  },
};

const DEFAULT_AUTH_URL = 'https://login.bigcommerce.com';
const DEFAULT_API_URL = 'https://api.bigcommerce.com';

/** What the readers need, from the stored OAuth secret and BIGCOMMERCE_API_URL (default: the real API host). */
export function bigCommerceCredentials(config: AppConfig, secret: Record<string, unknown>): BigCommerceCredentials {
  return {
    apiUrl: config.hostSystem('BIGCOMMERCE').apiUrl ?? DEFAULT_API_URL,
    storeHash: String(secret.storeHash),
    accessToken: String(secret.accessToken),
  };
}

/** The store's key in the shared rate budget: every connection to one store, through any app, counts against its quota. */
export function bigCommerceBudgetKey(apiUrl: string, storeHash: string): string {
  return accountBudgetKey('BIGCOMMERCE', apiUrl.replace(/\/+$/, ''), storeHash);
}

/**
 * BigCommerce limits calls per store, in windows (30 s on most plans), whichever app or token makes
 * them, and says so in every answer: `X-Rate-Limit-Requests-Quota` per `X-Rate-Limit-Time-Window-Ms`,
 * `X-Rate-Limit-Requests-Left` until `X-Rate-Limit-Time-Reset-Ms`. Until a store has answered, its
 * bucket is that of the Standard and Plus plans, 150 requests per 30 s (Pro has 450, Enterprise
 * more): the smallest published quota, so an unknown store is never called faster than any plan allows.
 */
export const BIGCOMMERCE_RATE_POLICY: AccountRatePolicy = {
  account: 'store',
  defaults: bucketForQuota(150, 30_000),
  defaultsSource: 'BigCommerce Standard and Plus plans: 150 requests per 30 s per store',
  readHeaders: (headers) => {
    const said: Partial<Record<keyof HostRateHeaders, number>> = {
      quota: count(headers.get('x-rate-limit-requests-quota')),
      windowMs: count(headers.get('x-rate-limit-time-window-ms')),
      left: count(headers.get('x-rate-limit-requests-left')),
      resetMs: count(headers.get('x-rate-limit-time-reset-ms')),
    };
    if (Object.values(said).every((value) => value === undefined)) return undefined;
    return { ...said, quota: said.quota || undefined, windowMs: said.windowMs || undefined };
  },
  // A 429 always carries X-Rate-Limit-Time-Reset-Ms; without it, a second.
  throttleMs: 1_000,
};

/** A header's non-negative integer, else undefined. */
function count(value: string | null): number | undefined {
  const text = value?.trim();
  return text && /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/**
 * BigCommerce's OAuth app flow: no PKCE; the callback carries `context` ("stores/{hash}") and
 * `scope`, which the token request must repeat; tokens do not expire (no refresh). Its token
 * response has no `token_type`, which the OAuth library requires, so it is added here.
 */
export const BIGCOMMERCE_OAUTH: OAuthProvider = {
  connectorId: BIGCOMMERCE.id,
  scopes: ['store_v2_orders_read_only', 'store_v2_transactions_read_only'],
  pkce: false,
  endpoints: (config: AppConfig) => {
    const base = config.hostSystem('BIGCOMMERCE').authUrl ?? DEFAULT_AUTH_URL;
    return { authorization: `${base}/oauth2/authorize`, token: `${base}/oauth2/token` };
  },
  client: (config: AppConfig) => config.hostSystem('BIGCOMMERCE'),
  tokenParameters: (callback: URLSearchParams) => ({ context: callback.get('context') ?? '', scope: callback.get('scope') ?? '' }),
  patchTokenResponse: (body: Record<string, unknown>) => ({ token_type: 'bearer', ...body }),
  credentials: (token: Record<string, unknown>) => ({
    secret: { accessToken: String(token.access_token), storeHash: String(token.context ?? '').replace(/^stores\//, '') },
    scopes: String(token.scope ?? '').split(/\s+/).filter(Boolean),
    expiresAt: null,
  }),
};
