import type { AppConfig } from '../../config/app-config.js';
import type { ConnectorDefinition } from '../../connectors/connector-definition.js';
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
