import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oauth from 'oauth4webapi';
import { DataSource } from 'typeorm';
import { CryptoService } from '../../common/crypto.service.js';
import { AppConfig } from '../../config/app-config.js';
import { ConnectionRepository } from '../../connections/connection.repository.js';
import { credentialsAssociatedData } from '../../connections/connection.service.js';
import type { OAuthProvider } from './oauth-provider.js';
import { OAUTH_PROVIDERS } from '../host-adapters.js';

export const OAUTH_PROVIDER_LIST = Symbol('OAUTH_PROVIDER_LIST');

/** Refresh this long before the access token expires. */
const EXPIRY_SKEW_MS = 60_000;

export class AuthorizationLostError extends Error {
  override name = 'AuthorizationLostError';
}

export interface HostCredentials {
  readonly kind: 'apiKey' | 'oauth2';
  readonly secret: Record<string, unknown>;
}

/**
 * A connection's credentials for a host call, with OAuth access tokens renewed before they
 * expire (or once after a 401). The renewal runs under a row lock on the credentials, so
 * concurrent callers, in this process or another, cause one token request and all get its
 * result; a rotated refresh token is stored in the same transaction, so it is never lost.
 */
@Injectable()
export class HostCredentialsService {
  private readonly providers: readonly OAuthProvider[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly config: AppConfig,
    private readonly connections: ConnectionRepository,
    @Optional() @Inject(OAUTH_PROVIDER_LIST) providers?: readonly OAuthProvider[],
  ) {
    this.providers = providers ?? OAUTH_PROVIDERS;
  }

  /**
   * The credentials to call the host with. `rejectedAccessToken`: the token the host just
   * answered 401 to; it is renewed unless someone else already did.
   */
  async forConnection(connectionId: string, rejectedAccessToken?: string): Promise<HostCredentials> {
    const result = await this.dataSource.transaction(async (manager): Promise<HostCredentials | 'lost'> => {
      const [row]: Array<{ kind: 'apiKey' | 'oauth2'; secret_encrypted: string; expires_at: Date | null; connector: string }> = await manager.query(
        `SELECT k.kind, k.secret_encrypted, k.expires_at, c.connector
         FROM connection_credentials k JOIN connections c ON c.id = k.connection_id
         WHERE k.connection_id = $1 AND c.deleted_at IS NULL
         FOR UPDATE OF k`,
        [connectionId],
      );
      if (!row) throw new AuthorizationLostError(`Connection ${connectionId} is not authorized`);
      const aad = credentialsAssociatedData(connectionId);
      const plain = this.crypto.decrypt(row.secret_encrypted, aad);
      if (row.kind === 'apiKey') return { kind: 'apiKey', secret: { apiKey: plain } };

      const secret = JSON.parse(plain) as Record<string, unknown>;
      const provider = this.providers.find((p) => p.connectorId === row.connector);
      const expiring = row.expires_at !== null && row.expires_at.getTime() - EXPIRY_SKEW_MS <= Date.now();
      const rejected = rejectedAccessToken !== undefined && rejectedAccessToken === secret.accessToken;
      if (!provider?.refreshes || (!expiring && !rejected)) return { kind: 'oauth2', secret };

      const renewed = await this.refresh(provider, secret);
      if (renewed === 'lost') return 'lost';
      await manager.query(`UPDATE connection_credentials SET secret_encrypted = $2, expires_at = $3 WHERE connection_id = $1`, [
        connectionId,
        this.crypto.encrypt(JSON.stringify(renewed.secret), aad),
        renewed.expiresAt,
      ]);
      return { kind: 'oauth2', secret: renewed.secret };
    });
    if (result !== 'lost') return result;
    // Recorded after the transaction: the refresh token is gone for good, nothing to roll back.
    await this.connections.markAuthorizationLost(connectionId, 'The host no longer accepts the authorization (invalid_grant); authorize the connection again');
    throw new AuthorizationLostError(`Connection ${connectionId} must be authorized again (invalid_grant)`);
  }

  private async refresh(provider: OAuthProvider, secret: Record<string, unknown>): Promise<{ secret: Record<string, unknown>; expiresAt: Date | null } | 'lost'> {
    const endpoints = provider.endpoints(this.config);
    const { clientId, clientSecret } = provider.client(this.config);
    const as: oauth.AuthorizationServer = { issuer: new URL(endpoints.token).origin, token_endpoint: endpoints.token };
    const client: oauth.Client = { client_id: clientId ?? '' };
    try {
      const response = await oauth.refreshTokenGrantRequest(as, client, oauth.ClientSecretPost(clientSecret ?? ''), String(secret.refreshToken), {
        signal: AbortSignal.timeout(15_000),
        [oauth.allowInsecureRequests]: !this.config.isProduction,
      });
      const token = (await oauth.processRefreshTokenResponse(as, client, response)) as Record<string, unknown>;
      const renewed = provider.credentials({ refresh_token: secret.refreshToken, ...token });
      return { secret: { ...secret, ...renewed.secret }, expiresAt: renewed.expiresAt };
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant') return 'lost';
      throw error;
    }
  }
}
