import type { AppConfig, HostSystemConfig } from '../../config/app-config.js';

/** A host system's OAuth 2.0 authorization-code flow: what differs from host to host. */
export interface OAuthProvider {
  readonly connectorId: string;
  readonly scopes: readonly string[];
  /** Send a PKCE S256 challenge (hosts that support it). */
  readonly pkce: boolean;
  /** Access tokens expire and are renewed with the refresh token (BigCommerce's do not expire). */
  readonly refreshes?: boolean;
  endpoints(config: AppConfig): { authorization: string; token: string };
  client(config: AppConfig): HostSystemConfig;
  /** Extra parameters the token request must carry, taken from the callback. */
  tokenParameters?(callback: URLSearchParams): Record<string, string>;
  /** Fixes a host's token response before the OAuth library validates it. */
  patchTokenResponse?(body: Record<string, unknown>): Record<string, unknown>;
  /** What to keep (encrypted) from the token response. */
  credentials(token: Record<string, unknown>): { secret: Record<string, unknown>; scopes: string[]; expiresAt: Date | null };
}
