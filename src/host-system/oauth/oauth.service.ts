import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oauth from 'oauth4webapi';
import { DataSource } from 'typeorm';
import type { Principal } from '../../auth/principal.js';
import { CryptoService } from '../../common/crypto.service.js';
import { ConflictError } from '../../common/errors.js';
import { AppConfig } from '../../config/app-config.js';
import { ConnectionService } from '../../connections/connection.service.js';
import { OAUTH_PROVIDERS } from '../host-adapters.js';
import type { OAuthProvider } from './oauth-provider.js';

const STATE_LIFETIME_MS = 10 * 60_000;
/** Pending authorizations kept per connection; starting another drops the oldest. */
export const MAX_PENDING_PER_CONNECTION = 5;
/** How much of a host's error text is kept (statusDetail, the popup page). */
const HOST_ERROR_CODE_MAX = 64;
const HOST_ERROR_DESCRIPTION_MAX = 200;

/** A started authorization: the host URL, and the secret that binds it to one browser. */
export interface AuthorizationStart {
  readonly authorizeUrl: string;
  /** Goes into an httpOnly cookie (see oauthBindingCookie); the callback requires it. */
  readonly browserBinding: string;
  readonly stateHash: string;
}

export interface CallbackOutcome {
  readonly httpStatus: number;
  readonly connectionId: string | null;
  readonly status: string;
  readonly message: string;
}

interface PendingAuthorization {
  connection_id: string;
  connector: string;
  started_by: string;
  code_verifier_encrypted: string | null;
  redirect_uri: string;
}

/**
 * The authorization popup. The generic OAuth 2.0 parts (authorization response validation,
 * code exchange, token response validation, PKCE) are done by oauth4webapi: maintained by the
 * author of jose, standards-complete, no dependencies, and it works with plain OAuth 2.0
 * servers, not only OpenID Connect ones. What varies per host lives in its OAuthProvider.
 */
@Injectable()
export class OAuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly connections: ConnectionService,
    private readonly crypto: CryptoService,
    private readonly config: AppConfig,
  ) {}

  get redirectUri(): string {
    return `${this.config.publicBaseUrl}/oauth/callback`;
  }

  /**
   * Starts an authorization: a single-use `state` bound to the connection, the user and (through
   * `browserBinding`, kept by the browser in an httpOnly cookie) the browser that asked. Expired
   * states are deleted here, and a connection keeps at most MAX_PENDING_PER_CONNECTION.
   */
  async authorizeUrl(principal: Principal, connectionId: string): Promise<AuthorizationStart> {
    const connection = await this.connections.beginOAuth(principal, connectionId);
    const provider = this.provider(connection.connector);
    const client = this.clientOf(provider);
    const state = randomBytes(32).toString('base64url');
    const browserBinding = randomBytes(32).toString('base64url');
    const stateHash = hash(state);
    const verifier = provider.pkce ? oauth.generateRandomCodeVerifier() : null;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM oauth_states WHERE expires_at <= now()`);
      await manager.query(
        `INSERT INTO oauth_states (state_hash, connection_id, started_by, code_verifier_encrypted, redirect_uri, expires_at, browser_binding_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          stateHash,
          connectionId,
          principal.subject,
          verifier ? this.crypto.encrypt(verifier, `oauth-state:${stateHash}`) : null,
          this.redirectUri,
          new Date(Date.now() + STATE_LIFETIME_MS),
          hash(browserBinding),
        ],
      );
      await manager.query(
        `DELETE FROM oauth_states WHERE state_hash IN (
           SELECT state_hash FROM oauth_states WHERE connection_id = $1 ORDER BY created_at DESC, state_hash OFFSET $2)`,
        [connectionId, MAX_PENDING_PER_CONNECTION],
      );
    });
    const url = new URL(provider.endpoints(this.config).authorization);
    url.searchParams.set('client_id', client.clientId);
    url.searchParams.set('redirect_uri', this.redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', provider.scopes.join(' '));
    url.searchParams.set('state', state);
    if (verifier) {
      url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
      url.searchParams.set('code_challenge_method', 'S256');
    }
    return { authorizeUrl: url.toString(), browserBinding, stateHash };
  }

  /**
   * The start page's request (admin UI on another origin): the popup, on our origin, received the
   * authorize URL and its binding from the admin UI by postMessage and asks for the cookie. The
   * binding must be the one issued for that URL's state, and the URL must be the host's.
   */
  async bindBrowser(authorizeUrl: string, browserBinding: string): Promise<{ authorizeUrl: string; stateHash: string } | null> {
    let url: URL;
    try {
      url = new URL(authorizeUrl);
    } catch {
      return null;
    }
    const state = url.searchParams.get('state');
    if (!state) return null;
    const [row]: Array<{ connector: string }> = await this.dataSource.query(
      `SELECT c.connector FROM oauth_states s JOIN connections c ON c.id = s.connection_id
       WHERE s.state_hash = $1 AND s.browser_binding_hash = $2 AND s.expires_at > now()`,
      [hash(state), hash(browserBinding)],
    );
    if (!row) return null;
    const endpoint = new URL(this.provider(row.connector).endpoints(this.config).authorization);
    if (url.origin !== endpoint.origin || url.pathname !== endpoint.pathname) return null;
    return { authorizeUrl: url.toString(), stateHash: hash(state) };
  }

  /**
   * The host's redirect back. The state is checked and spent before anything is sent to the host
   * or recorded: it must have been issued, be unexpired, and come with the binding cookie of the
   * browser that started it (`browserBinding`), so a link forwarded to someone else is refused.
   */
  async callback(query: URLSearchParams, browserBinding: (stateHash: string) => string | undefined): Promise<CallbackOutcome> {
    const state = query.get('state');
    const binding = state ? browserBinding(hash(state)) : undefined;
    const pending = state && binding ? await this.consume(state, binding) : null;
    if (!state || !pending) {
      return {
        httpStatus: 400,
        connectionId: null,
        status: 'error',
        message:
          'This authorization link is invalid, was already used or has expired, or it was opened in another browser than the one that started it. ' +
          'Start the authorization again from the admin page.',
      };
    }
    const connectionId = pending.connection_id;
    const hostError = query.get('error');
    if (hostError) {
      const description = query.get('error_description');
      const detail = `The host refused the authorization: ${hostText(hostError, HOST_ERROR_CODE_MAX)}${description ? ` (${hostText(description, HOST_ERROR_DESCRIPTION_MAX)})` : ''}`;
      await this.connections.failOAuth(connectionId, pending.started_by, detail);
      return { httpStatus: 200, connectionId, status: 'auth_error', message: detail };
    }
    try {
      const provider = this.provider(pending.connector);
      const token = await this.exchange(provider, query, state, pending);
      const status = await this.connections.completeOAuth(connectionId, pending.started_by, provider.credentials(token));
      return { httpStatus: 200, connectionId, status, message: 'Authorized. You can close this window.' };
    } catch (error) {
      const detail = `The authorization could not be completed: ${describe(error)}`;
      await this.connections.failOAuth(connectionId, pending.started_by, detail);
      return { httpStatus: 200, connectionId, status: 'auth_error', message: detail };
    }
  }

  private async exchange(provider: OAuthProvider, query: URLSearchParams, state: string, pending: PendingAuthorization): Promise<Record<string, unknown>> {
    const endpoints = provider.endpoints(this.config);
    const client = this.clientOf(provider);
    const as: oauth.AuthorizationServer = {
      issuer: new URL(endpoints.token).origin,
      authorization_endpoint: endpoints.authorization,
      token_endpoint: endpoints.token,
    };
    const oauthClient: oauth.Client = { client_id: client.clientId };
    const params = oauth.validateAuthResponse(as, oauthClient, query, state);
    const verifier = pending.code_verifier_encrypted ? this.crypto.decrypt(pending.code_verifier_encrypted, `oauth-state:${hash(state)}`) : oauth.nopkce;
    const authentication = provider.tokenClientAuthentication === 'none' ? oauth.None() : oauth.ClientSecretPost(client.clientSecret);
    const send = provider.tokenFetch ? provider.tokenFetch.bind(provider) : fetch;
    const response = await oauth.authorizationCodeGrantRequest(as, oauthClient, authentication, params, pending.redirect_uri, verifier, {
      additionalParameters: provider.tokenParameters?.(query) ?? {},
      signal: AbortSignal.timeout(15_000),
      [oauth.allowInsecureRequests]: !this.config.isProduction,
      [oauth.customFetch]: async (url: string, options: RequestInit) => {
        const raw = await send(url, options);
        if (!provider.patchTokenResponse || !raw.ok) return raw;
        const body = provider.patchTokenResponse((await raw.json()) as Record<string, unknown>);
        return new Response(JSON.stringify(body), { status: raw.status, headers: raw.headers });
      },
    });
    return (await oauth.processAuthorizationCodeResponse(as, oauthClient, response)) as Record<string, unknown>;
  }

  /** Takes the pending authorization for a state and its browser; it can be taken once, within its lifetime. */
  private async consume(state: string, browserBinding: string): Promise<PendingAuthorization | null> {
    const rows: Array<PendingAuthorization & { expires_at: Date }> = await this.dataSource.query(
      `WITH taken AS (
         DELETE FROM oauth_states WHERE state_hash = $1 AND browser_binding_hash = $2
         RETURNING connection_id, started_by, code_verifier_encrypted, redirect_uri, expires_at)
       SELECT taken.*, c.connector FROM taken JOIN connections c ON c.id = taken.connection_id AND c.deleted_at IS NULL`,
      [hash(state), hash(browserBinding)],
    );
    const row = rows[0];
    return row && row.expires_at.getTime() > Date.now() ? row : null;
  }

  private provider(connectorId: string): OAuthProvider {
    const provider = OAUTH_PROVIDERS.find((p) => p.connectorId === connectorId);
    if (!provider) throw new ConflictError('OAUTH.NOT_SUPPORTED', `${connectorId} has no OAuth flow`);
    return provider;
  }

  private clientOf(provider: OAuthProvider): { clientId: string; clientSecret: string } {
    const { clientId, clientSecret } = provider.client(this.config);
    if (!clientId || !clientSecret) {
      throw new ConflictError(
        'OAUTH.NOT_CONFIGURED',
        `The ${provider.connectorId} OAuth app is not configured: set ${provider.connectorId}_CLIENT_ID and ${provider.connectorId}_CLIENT_SECRET`,
      );
    }
    return { clientId, clientSecret };
  }
}

function hash(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

/**
 * Text the host (or whoever holds a link) put in the callback or token response, as it may be
 * stored and shown: every character but letters, digits, space and plain punctuation is escaped
 * as \uXXXX (so no markup, quotes or control characters survive), cut to `max` characters.
 */
export function hostText(text: string, max: number): string {
  const escaped = text.replace(/[^A-Za-z0-9 .,:;!?()_\-/+=#%@*]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

function describe(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) {
    return `${hostText(error.error, HOST_ERROR_CODE_MAX)}${error.error_description ? ` (${hostText(error.error_description, HOST_ERROR_DESCRIPTION_MAX)})` : ''}`;
  }
  if (error instanceof oauth.AuthorizationResponseError) return hostText(error.error, HOST_ERROR_CODE_MAX);
  return error instanceof Error ? hostText(error.message, HOST_ERROR_DESCRIPTION_MAX) : 'unknown error';
}
