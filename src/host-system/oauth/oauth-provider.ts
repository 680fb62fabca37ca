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
  /**
   * How the client authenticates at the token endpoint: `client_secret_post` (default) sends the
   * client secret in the body; `none` sends only the client id (a PKCE public-client flow such as
   * Square's, whose refresh tokens are then single-use and rotate on every refresh).
   */
  readonly tokenClientAuthentication?: 'client_secret_post' | 'none';
  /**
   * The HTTP call to the token endpoint, for hosts whose endpoint does not speak plain OAuth 2.0
   * (a JSON body, errors in the host's own shape): it gets the standard form-encoded request and
   * answers a standard OAuth 2.0 response. Used for the code exchange and for refreshes.
   */
  tokenFetch?(url: string, init: RequestInit): Promise<Response>;
  /**
   * Revokes the authorization at the host (credentials revoked or the connection deleted). Resolves
   * when the host has revoked it or no longer knows it; throws when it could not be told.
   */
  revoke?(config: AppConfig, secret: Record<string, unknown>): Promise<void>;
}
