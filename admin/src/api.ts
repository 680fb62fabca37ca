/** The generated client (every call of the page goes through it) and the sign-in state. */
import type { UserManager } from 'oidc-client-ts';
import { createClient, ifMatch, ok, ProblemError, type Schemas } from '../../client/index.js';

export { ifMatch, ok, ProblemError };
export type { Schemas };
export type Principal = Schemas['PrincipalDto'];

export interface PageConfig {
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string } | null;
}

const TOKEN_KEY = 'connector-hub.admin.token';
/** The API's base URL: the page is served at <base>/admin. */
export const API_BASE = `${location.origin}${location.pathname.replace(/\/admin\/?$/, '')}`;
const PAGE_URL = `${location.origin}${location.pathname}`;

let pastedToken: string | null = sessionStorage.getItem(TOKEN_KEY);
let oidcToken: string | null = null;
let manager: UserManager | null = null;

/** The client: the current token is read on every request (kept in this tab's session storage, never in a cookie). */
export const api = createClient({ baseUrl: API_BASE, token: () => pastedToken ?? oidcToken });

export async function loadPageConfig(): Promise<PageConfig> {
  const response = await fetch(`${API_BASE}/admin/config.json`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`The admin page configuration could not be loaded (${response.status})`);
  return (await response.json()) as PageConfig;
}

/** Sets up OIDC when configured and finishes a sign-in redirect; true when a token is at hand. */
export async function initAuth(config: PageConfig): Promise<boolean> {
  if (config.oidc) {
    // Loaded only when OIDC is configured: a pasted-token setup does not download it.
    const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
    manager = new UserManager({
      authority: config.oidc.authority,
      client_id: config.oidc.clientId,
      redirect_uri: PAGE_URL,
      post_logout_redirect_uri: PAGE_URL,
      response_type: 'code',
      scope: config.oidc.scope,
      loadUserInfo: false,
      automaticSilentRenew: false,
      userStore: new WebStorageStateStore({ store: sessionStorage }),
      stateStore: new WebStorageStateStore({ store: sessionStorage }),
    });
    const params = new URLSearchParams(location.search);
    if (params.has('code') && params.has('state')) {
      try {
        await manager.signinRedirectCallback();
      } finally {
        history.replaceState(null, '', `${location.pathname}${location.hash}`);
      }
    }
    const user = await manager.getUser();
    oidcToken = user && !user.expired ? user.access_token : null;
  }
  return Boolean(pastedToken ?? oidcToken);
}

export const oidcEnabled = (): boolean => manager !== null;

/** Checks a pasted token with GET /me before keeping it. */
export async function signInWithToken(token: string): Promise<Principal> {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  const me = await ok(api.GET('/me', { headers: { authorization: `Bearer ${trimmed}` } }));
  pastedToken = trimmed;
  sessionStorage.setItem(TOKEN_KEY, trimmed);
  return me;
}

export async function signInWithOidc(): Promise<void> {
  await manager?.signinRedirect();
}

export async function signOut(): Promise<void> {
  pastedToken = null;
  oidcToken = null;
  sessionStorage.removeItem(TOKEN_KEY);
  await manager?.removeUser();
}

export const SCOPES = {
  readSensitive: 'ConnTenantConfigApi:TenantConfig:ReadSensitive',
  configWrite: 'ConnTenantConfigApi:TenantConfig:Write',
  integrationWrite: 'ConnTenantConfigApi:TenantIntegration:Write',
  connectionWrite: 'ExtractorApi:Connection:Write',
  syncWrite: 'ExtractorApi:Sync:Write',
} as const;

export function can(me: Principal, scope: string): boolean {
  return me.scopes.includes(scope);
}
