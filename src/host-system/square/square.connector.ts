import type { AppConfig } from '../../config/app-config.js';
import type { ConnectorDefinition } from '../../connectors/connector-definition.js';
import { accountBudgetKey, type AccountRatePolicy } from '../account-budget.js';
import type { RequestBudget } from '../host-http-client.js';
import type { OAuthProvider } from '../oauth/oauth-provider.js';

/** The API version every call sends (`Square-Version`): the version of the subset this adapter follows. */
export const SQUARE_VERSION = '2025-08-20';
const DEFAULT_URL = 'https://connect.squareup.com';
/** Locations (ship-from addresses), orders, and payments with their refunds: read only. */
const SCOPES = ['MERCHANT_PROFILE_READ', 'ORDERS_READ', 'PAYMENTS_READ'];

export interface SquareSettings {
  page_size: number;
  detail_concurrency: number;
}

export interface SquareCredentials {
  readonly apiUrl: string;
  readonly accessToken: string;
  readonly merchantId: string | null;
  /** The merchant's share of Square's rate limit, taken by every request (see SQUARE_RATE_POLICY); none: unlimited. */
  readonly budget?: RequestBudget;
}

export const SQUARE: ConnectorDefinition<SquareSettings> = {
  id: 'SQUARE',
  name: 'Square',
  category: 'Point of Sales',
  authType: 'oauth2',
  plugs: [
    { name: 'orders', direction: 'import', description: 'Orders of every location of the seller, by update time (POST /v2/orders/search)' },
    { name: 'refunds', direction: 'import', description: 'Payment refunds, itemized from their return orders (GET /v2/refunds, GET /v2/orders/{id})' },
  ],
  settingsSchema: {
    type: 'object',
    additionalProperties: false,
    required: [],
    properties: {
      page_size: { type: 'integer', minimum: 1, maximum: 1000, default: 500, description: 'Orders per search request (Square allows 1000; refunds are read 100 at a time)' },
      detail_concurrency: { type: 'integer', minimum: 1, maximum: 16, default: 4, description: 'Parallel requests for the return orders of refunds' },
    },
  },
};

/** The headers of every Square API call. */
export function squareHeaders(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}`, 'square-version': SQUARE_VERSION, accept: 'application/json' };
}

function apiUrl(config: AppConfig): string {
  return (config.hostSystem('SQUARE').apiUrl ?? DEFAULT_URL).replace(/\/+$/, '');
}

/** What the readers need, from the stored OAuth secret and SQUARE_API_URL (default: Square's production host). */
export function squareCredentials(config: AppConfig, secret: Record<string, unknown>): SquareCredentials {
  return {
    apiUrl: apiUrl(config),
    accessToken: String(secret.accessToken),
    merchantId: typeof secret.merchantId === 'string' ? secret.merchantId : null,
  };
}

/**
 * The merchant's key in the shared rate budget: every connection to one seller counts against one
 * limit. A secret without a merchant id (none stored before it was read from the token answer) falls
 * into one bucket shared by all such connections of this Square host: slower, never faster.
 */
export function squareBudgetKey(apiUrl: string, merchantId: string | null): string {
  return accountBudgetKey('SQUARE', apiUrl.replace(/\/+$/, ''), merchantId ?? '(unknown merchant)');
}

/**
 * Square publishes no number: its APIs answer 429 `RATE_LIMITED` past a limit it does not state,
 * and ask clients to back off. It sends no rate-limit headers either, so the bucket stays at this
 * default, chosen to be conservative: 10 requests a second per merchant, bursts of 20. A search
 * page holds up to 1000 orders, so this is thousands of orders a second; only refunds, with one
 * order request each, feel it. A 429 drains the bucket for its Retry-After, else for 2 s.
 */
export const SQUARE_RATE_POLICY: AccountRatePolicy = {
  account: 'merchant',
  defaults: { capacity: 20, refillPerSecond: 10 },
  defaultsSource: 'Square publishes no limit: a conservative 10 requests per second per merchant, bursts of 20',
  throttleMs: 2_000,
};

/**
 * Square's OAuth: the authorization page at SQUARE_AUTH_URL, the token and revoke endpoints at
 * SQUARE_API_URL. The PKCE flow: the token requests carry the client id and the code verifier, not
 * the secret, and every refresh returns a new refresh token, the old one being spent (single-use);
 * HostCredentialsService keeps the newest. Square's token endpoint takes JSON, not a form, and
 * answers errors in its own shape (`errors[]`, or `message`/`type`): `tokenFetch` translates both
 * ways, so the OAuth library sees a standard endpoint. Revocation authenticates with
 * `Authorization: Client <secret>`.
 */
export const SQUARE_OAUTH: OAuthProvider = {
  connectorId: SQUARE.id,
  scopes: SCOPES,
  pkce: true,
  refreshes: true,
  tokenClientAuthentication: 'none',
  endpoints: (config: AppConfig) => {
    const auth = (config.hostSystem('SQUARE').authUrl ?? DEFAULT_URL).replace(/\/+$/, '');
    return { authorization: `${auth}/oauth2/authorize`, token: `${apiUrl(config)}/oauth2/token` };
  },
  client: (config: AppConfig) => config.hostSystem('SQUARE'),
  tokenFetch: squareTokenFetch,
  credentials: (token: Record<string, unknown>) => {
    const expiresAt = typeof token.expires_at === 'string' ? new Date(token.expires_at) : null;
    return {
      secret: {
        accessToken: String(token.access_token),
        refreshToken: String(token.refresh_token ?? ''),
        ...(typeof token.merchant_id === 'string' ? { merchantId: token.merchant_id } : {}),
        ...(typeof token.refresh_token_expires_at === 'string' ? { refreshTokenExpiresAt: token.refresh_token_expires_at } : {}),
      },
      // Square does not echo the granted scopes: those asked for are what the seller approved.
      scopes: [...SCOPES],
      expiresAt: expiresAt && !Number.isNaN(expiresAt.getTime()) ? expiresAt : null,
    };
  },
  revoke: async (config: AppConfig, secret: Record<string, unknown>) => {
    const { clientId, clientSecret } = config.hostSystem('SQUARE');
    if (!clientId || !clientSecret) throw new Error('SQUARE_CLIENT_ID and SQUARE_CLIENT_SECRET are needed to revoke at Square');
    const response = await fetch(`${apiUrl(config)}/oauth2/revoke`, {
      method: 'POST',
      headers: { authorization: `Client ${clientSecret}`, 'content-type': 'application/json', 'square-version': SQUARE_VERSION },
      body: JSON.stringify({ client_id: clientId, access_token: String(secret.accessToken) }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => ({}))) as { errors?: Array<{ code?: string }> };
    // A token Square no longer knows (already revoked, expired) is as good as revoked.
    if (response.ok || body.errors?.some((e) => e.code === 'NOT_FOUND' || e.code === 'ACCESS_TOKEN_REVOKED' || e.code === 'ACCESS_TOKEN_EXPIRED')) return;
    throw new Error(`Square answered ${response.status} to the revocation${body.errors?.[0]?.code ? ` (${body.errors[0].code})` : ''}`);
  },
};

/**
 * The token request as Square takes it: the form fields the OAuth library built, as a JSON body.
 * Answers: a success as is (Square's `token_type` is `bearer`); a 400/401 refusal (spent or
 * unknown refresh token, bad code or verifier) as an OAuth `invalid_grant`; 429 and 5xx as they
 * are, so they count as the endpoint being unavailable.
 */
export async function squareTokenFetch(url: string, init: RequestInit): Promise<Response> {
  const form = new URLSearchParams(typeof init.body === 'string' ? init.body : init.body instanceof URLSearchParams ? init.body : '');
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  headers.set('square-version', SQUARE_VERSION);
  const response = await fetch(url, { ...init, headers, body: JSON.stringify(Object.fromEntries(form)) });
  if (response.ok || response.status === 429 || response.status >= 500) return response;
  const body = (await response.json().catch(() => ({}))) as { errors?: Array<{ code?: string; detail?: string }>; message?: string; type?: string };
  const first = body.errors?.[0];
  const description = first ? `${first.code ?? 'error'}: ${first.detail ?? ''}` : `${body.type ?? 'error'}: ${body.message ?? ''}`;
  return new Response(JSON.stringify({ error: 'invalid_grant', error_description: description.slice(0, 200) }), {
    status: 400,
    headers: { 'content-type': 'application/json' },
  });
}
