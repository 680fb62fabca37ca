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

export interface CallbackOutcome {
  readonly httpStatus: number;
  readonly connectionId: string | null;
  readonly status: string;
  readonly message: string;
}

interface PendingAuthorization {
  connection_id: string;
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

  /** The URL the admin UI opens in a popup; `state` is single-use, bound to the connection and the user. */
  async authorizeUrl(principal: Principal, connectionId: string): Promise<string> {
    const connection = await this.connections.beginOAuth(principal, connectionId);
    const provider = this.provider(connection.connector);
    const client = this.clientOf(provider);
    const state = randomBytes(32).toString('base64url');
    const verifier = provider.pkce ? oauth.generateRandomCodeVerifier() : null;
    await this.dataSource.query(
      `INSERT INTO oauth_states (state_hash, connection_id, started_by, code_verifier_encrypted, redirect_uri, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        hash(state),
        connectionId,
        principal.subject,
        verifier ? this.crypto.encrypt(verifier, `oauth-state:${hash(state)}`) : null,
        this.redirectUri,
        new Date(Date.now() + STATE_LIFETIME_MS),
      ],
    );
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
    return url.toString();
  }

  /** The host's redirect back: the state is checked and spent before anything is sent to the host. */
  async callback(query: URLSearchParams): Promise<CallbackOutcome> {
    const state = query.get('state');
    const pending = state ? await this.consume(state) : null;
    if (!state || !pending) {
      return { httpStatus: 400, connectionId: null, status: 'error', message: 'This authorization link is invalid, was already used or has expired. Start the authorization again.' };
    }
    const connectionId = pending.connection_id;
    const hostError = query.get('error');
    if (hostError) {
      const detail = `The host refused the authorization: ${hostError}${query.get('error_description') ? ` (${query.get('error_description')})` : ''}`;
      await this.connections.failOAuth(connectionId, pending.started_by, detail);
      return { httpStatus: 200, connectionId, status: 'auth_error', message: detail };
    }
    try {
      const provider = this.provider(await this.connections.connectorOf(connectionId));
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
    const response = await oauth.authorizationCodeGrantRequest(as, oauthClient, oauth.ClientSecretPost(client.clientSecret), params, pending.redirect_uri, verifier, {
      additionalParameters: provider.tokenParameters?.(query) ?? {},
      signal: AbortSignal.timeout(15_000),
      [oauth.allowInsecureRequests]: !this.config.isProduction,
      [oauth.customFetch]: async (url: string, options: RequestInit) => {
        const raw = await fetch(url, options);
        if (!provider.patchTokenResponse || !raw.ok) return raw;
        const body = provider.patchTokenResponse((await raw.json()) as Record<string, unknown>);
        return new Response(JSON.stringify(body), { status: raw.status, headers: raw.headers });
      },
    });
    return (await oauth.processAuthorizationCodeResponse(as, oauthClient, response)) as Record<string, unknown>;
  }

  /** Takes the pending authorization for a state; it can be taken once, within its lifetime. */
  private async consume(state: string): Promise<PendingAuthorization | null> {
    const [rows]: [Array<PendingAuthorization & { expires_at: Date }>, number] = await this.dataSource.query(
      `DELETE FROM oauth_states WHERE state_hash = $1 RETURNING connection_id, started_by, code_verifier_encrypted, redirect_uri, expires_at`,
      [hash(state)],
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

function describe(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return `${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
  if (error instanceof oauth.AuthorizationResponseError) return error.error;
  return error instanceof Error ? error.message : 'unknown error';
}
