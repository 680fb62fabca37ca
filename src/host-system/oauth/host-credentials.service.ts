import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oauth from 'oauth4webapi';
import { DataSource } from 'typeorm';
import { ActivityLog } from '../../operations/activity-log.js';
import { CryptoService } from '../../common/crypto.service.js';
import { ServiceUnavailableError } from '../../common/errors.js';
import { AppConfig } from '../../config/app-config.js';
import { ConnectionRepository } from '../../connections/connection.repository.js';
import { credentialsAssociatedData } from '../../connections/connection.service.js';
import type { OAuthProvider } from './oauth-provider.js';
import { OAUTH_PROVIDERS } from '../host-adapters.js';

export const OAUTH_PROVIDER_LIST = Symbol('OAUTH_PROVIDER_LIST');
export const HOST_CREDENTIALS_TIMINGS = Symbol('HOST_CREDENTIALS_TIMINGS');

/** Refresh this long before the access token expires. */
const EXPIRY_SKEW_MS = 60_000;

export interface RefreshTimings {
  /** How long the token request may take. Long: a host may rotate the refresh token and answer late. */
  readonly tokenRequestMs: number;
  /** How long a refresh lease lasts; longer than the token request, so no second refresh starts while one may still succeed. */
  readonly leaseMs: number;
  /** How long a caller waits for another caller's refresh before giving up with `CREDENTIALS_REFRESH.IN_PROGRESS`. */
  readonly waitMs: number;
  /** After a transient failure, callers get that failure for this long instead of asking the token endpoint again. */
  readonly failureBackoffMs: number;
}

export const DEFAULT_REFRESH_TIMINGS: RefreshTimings = { tokenRequestMs: 60_000, leaseMs: 90_000, waitMs: 15_000, failureBackoffMs: 30_000 };

const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 500;
/** Recorded as the refresh failure when the host refused the refresh token: permanent until authorized again. */
const INVALID_GRANT = 'invalid_grant';

export class AuthorizationLostError extends Error {
  override name = 'AuthorizationLostError';
}

export type CredentialsRefreshCode =
  /** The token endpoint did not answer (network error, timeout) or answered 5xx/429. */
  | 'CREDENTIALS_REFRESH.TOKEN_ENDPOINT_UNAVAILABLE'
  /** The token endpoint answered with an error other than invalid_grant, or an answer that is not a token response. */
  | 'CREDENTIALS_REFRESH.TOKEN_ENDPOINT_REJECTED'
  /** Another caller's refresh was still running when this caller stopped waiting for it. */
  | 'CREDENTIALS_REFRESH.IN_PROGRESS';

/** A refresh that did not succeed now but may later: fail the run with `code` and retry after `retryAfter`. */
export class CredentialsRefreshError extends ServiceUnavailableError {
  constructor(
    override readonly code: CredentialsRefreshCode,
    detail: string,
    readonly retryAfter: Date,
  ) {
    super(code, detail, { retryAfter: retryAfter.toISOString() });
  }
}

export interface HostCredentials {
  readonly kind: 'apiKey' | 'oauth2';
  readonly secret: Record<string, unknown>;
}

interface CredentialsRow {
  kind: 'apiKey' | 'oauth2';
  secret_encrypted: string;
  expires_at: Date | null;
  connector: string;
  leased: boolean | null;
  lease_until: Date | null;
  failed: boolean | null;
  refresh_failure: string | null;
  refresh_failure_detail: string | null;
  retry_after: Date | null;
}

type RefreshOutcome =
  | { kind: 'renewed'; secret: Record<string, unknown>; expiresAt: Date | null }
  | { kind: 'lost'; detail: string }
  | { kind: 'failed'; code: CredentialsRefreshCode; detail: string };

/** A failure recorded for the current authorization that still applies; `$2`: the back-off in seconds. */
const FAILURE_APPLIES = `(refresh_failed_at >= authorized_at AND (refresh_failure = '${INVALID_GRANT}' OR refresh_failed_at > now() - make_interval(secs => $2)))`;

/** A SET clause ending the lease if `owner` (a parameter) still holds it. */
function releaseLease(owner: string): string {
  return `refresh_lease_owner = NULLIF(refresh_lease_owner, ${owner}::uuid),
    refresh_lease_until = CASE WHEN refresh_lease_owner = ${owner}::uuid THEN NULL ELSE refresh_lease_until END`;
}

/**
 * A connection's credentials for a host call, with OAuth access tokens renewed before they
 * expire (or once after a 401). One caller at a time, in this process or another, renews:
 * it takes a lease on the credentials row in a one-statement transaction, asks the token
 * endpoint without holding a database connection, and stores the answer (a rotated refresh
 * token included) whenever it arrives. The others poll the row until the lease holder's
 * outcome is there: the new token, or its failure, which they get for a short back-off
 * instead of asking again.
 */
@Injectable()
export class HostCredentialsService {
  private readonly providers: readonly OAuthProvider[];
  private readonly timings: RefreshTimings;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly config: AppConfig,
    private readonly connections: ConnectionRepository,
    @Optional() @Inject(OAUTH_PROVIDER_LIST) providers?: readonly OAuthProvider[],
    @Optional() @Inject(HOST_CREDENTIALS_TIMINGS) timings?: Partial<RefreshTimings>,
    @Optional() private readonly activities?: ActivityLog,
  ) {
    this.providers = providers ?? OAUTH_PROVIDERS;
    this.timings = { ...DEFAULT_REFRESH_TIMINGS, ...timings };
    if (this.timings.leaseMs <= this.timings.tokenRequestMs) throw new Error('The refresh lease must outlast the token request');
  }

  /**
   * The credentials to call the host with. `rejectedAccessToken`: the token the host just
   * answered 401 to; it is renewed unless someone else already did.
   * @throws AuthorizationLostError the connection has no credentials, or the host refused its refresh token
   * @throws CredentialsRefreshError the token could not be renewed now (transient)
   */
  async forConnection(connectionId: string, rejectedAccessToken?: string): Promise<HostCredentials> {
    const aad = credentialsAssociatedData(connectionId);
    const deadline = Date.now() + this.timings.waitMs;
    for (let poll = FIRST_POLL_MS; ; poll = Math.min(poll * 2, MAX_POLL_MS)) {
      const row = await this.read(connectionId);
      if (!row) throw new AuthorizationLostError(`Connection ${connectionId} is not authorized`);
      const plain = this.crypto.decrypt(row.secret_encrypted, aad);
      if (row.kind === 'apiKey') return { kind: 'apiKey', secret: { apiKey: plain } };

      const secret = JSON.parse(plain) as Record<string, unknown>;
      const provider = this.providers.find((p) => p.connectorId === row.connector);
      const expiresAt = row.expires_at?.getTime() ?? Infinity;
      const rejected = rejectedAccessToken !== undefined && rejectedAccessToken === secret.accessToken;
      if (!provider?.refreshes || (expiresAt - EXPIRY_SKEW_MS > Date.now() && !rejected)) return { kind: 'oauth2', secret };
      // Due for renewal but not expired yet: while someone else renews (or just failed to), it still works.
      const stillValid = !rejected && expiresAt > Date.now();

      if (row.failed) {
        if (stillValid) return { kind: 'oauth2', secret };
        throw this.recordedFailure(connectionId, row);
      }
      if (row.leased) {
        if (stillValid) return { kind: 'oauth2', secret };
        if (Date.now() + poll > deadline) {
          throw new CredentialsRefreshError(
            'CREDENTIALS_REFRESH.IN_PROGRESS',
            `The access token of connection ${connectionId} is being renewed by another caller; retry later`,
            row.lease_until ?? new Date(Date.now() + this.timings.leaseMs),
          );
        }
        await sleep(poll);
        continue;
      }
      const owner = randomUUID();
      if (!(await this.takeLease(connectionId, owner, row.secret_encrypted))) continue; // someone else got it, or renewed already
      const renewed = await this.renewUnderLease(connectionId, owner, provider, secret, row.secret_encrypted);
      if (renewed) return renewed;
      // The credentials changed while we were renewing (authorized again, say): use what is stored now.
    }
  }

  /**
   * Revokes the connection's authorization at the host (its provider's `revoke`), to be called
   * before the stored credentials are deleted. False when there is nothing to revoke there: no
   * credentials, an API key, or a host without revocation.
   * @throws the provider's error when the host could not be told
   */
  async revokeAtHost(connectionId: string): Promise<boolean> {
    const row = await this.read(connectionId);
    if (!row || row.kind !== 'oauth2') return false;
    const provider = this.providers.find((p) => p.connectorId === row.connector);
    if (!provider?.revoke) return false;
    const secret = JSON.parse(this.crypto.decrypt(row.secret_encrypted, credentialsAssociatedData(connectionId))) as Record<string, unknown>;
    await provider.revoke(this.config, secret);
    return true;
  }

  private async read(connectionId: string): Promise<CredentialsRow | undefined> {
    const [row]: CredentialsRow[] = await this.dataSource.query(
      `SELECT k.kind, k.secret_encrypted, k.expires_at, c.connector,
              k.refresh_lease_until > now() AS leased, k.refresh_lease_until AS lease_until,
              ${FAILURE_APPLIES} AS failed,
              k.refresh_failure, k.refresh_failure_detail, k.refresh_failed_at + make_interval(secs => $2) AS retry_after
       FROM connection_credentials k JOIN connections c ON c.id = k.connection_id
       WHERE k.connection_id = $1 AND c.deleted_at IS NULL`,
      [connectionId, this.timings.failureBackoffMs / 1000],
    );
    return row;
  }

  private recordedFailure(connectionId: string, row: CredentialsRow): Error {
    if (row.refresh_failure === INVALID_GRANT) return new AuthorizationLostError(`Connection ${connectionId} must be authorized again (invalid_grant)`);
    return new CredentialsRefreshError(
      row.refresh_failure as CredentialsRefreshCode,
      `Renewing the access token of connection ${connectionId} failed a moment ago: ${row.refresh_failure_detail ?? 'no detail'}`,
      row.retry_after ?? new Date(Date.now() + this.timings.failureBackoffMs),
    );
  }

  /** Takes the lease if nobody holds it, no failure applies and the credentials are still the ones read. */
  private async takeLease(connectionId: string, owner: string, seen: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query(
      `UPDATE connection_credentials SET refresh_lease_owner = $3, refresh_lease_until = now() + make_interval(secs => $4)
       WHERE connection_id = $1 AND secret_encrypted = $5
         AND (refresh_lease_until IS NULL OR refresh_lease_until <= now())
         AND NOT coalesce(${FAILURE_APPLIES}, false)`,
      [connectionId, this.timings.failureBackoffMs / 1000, owner, this.timings.leaseMs / 1000, seen],
    );
    return affected === 1;
  }

  /**
   * Asks the token endpoint and records the outcome, releasing the lease. Every outcome is
   * recorded only if the credentials are still the ones renewed (`seen`); otherwise undefined.
   */
  private async renewUnderLease(
    connectionId: string,
    owner: string,
    provider: OAuthProvider,
    secret: Record<string, unknown>,
    seen: string,
  ): Promise<HostCredentials | undefined> {
    let outcome: RefreshOutcome;
    try {
      outcome = await this.refresh(provider, secret);
    } catch (error) {
      await this.release(connectionId, owner);
      throw error;
    }
    const aad = credentialsAssociatedData(connectionId);
    const [, affected]: [unknown, number] =
      outcome.kind === 'renewed'
        ? await this.dataSource.query(
            `UPDATE connection_credentials SET secret_encrypted = $4, expires_at = $5, refresh_failed_at = NULL, refresh_failure = NULL,
               refresh_failure_detail = NULL, ${releaseLease('$3')}
             WHERE connection_id = $1 AND secret_encrypted = $2`,
            [connectionId, seen, owner, this.crypto.encrypt(JSON.stringify(outcome.secret), aad), outcome.expiresAt],
          )
        : await this.dataSource.query(
            `UPDATE connection_credentials SET refresh_failed_at = now(), refresh_failure = $4, refresh_failure_detail = $5, ${releaseLease('$3')}
             WHERE connection_id = $1 AND secret_encrypted = $2`,
            [connectionId, seen, owner, outcome.kind === 'lost' ? INVALID_GRANT : outcome.code, outcome.detail.slice(0, 1024)],
          );
    if (affected !== 1) {
      await this.release(connectionId, owner);
      return undefined;
    }
    switch (outcome.kind) {
      case 'renewed':
        await this.activities?.record({
          connectionId,
          type: 'authorization.refreshed',
          message: `The access token was renewed${outcome.expiresAt ? `; it expires at ${outcome.expiresAt.toISOString()}` : ''}`,
        });
        return { kind: 'oauth2', secret: outcome.secret };
      case 'lost':
        // The refused refresh token is still the stored one: it is gone for good.
        await this.connections.markAuthorizationLost(connectionId, 'The host no longer accepts the authorization (invalid_grant); authorize the connection again');
        throw new AuthorizationLostError(`Connection ${connectionId} must be authorized again (invalid_grant)`);
      case 'failed':
        throw new CredentialsRefreshError(
          outcome.code,
          `Renewing the access token of connection ${connectionId} failed: ${outcome.detail}`,
          new Date(Date.now() + this.timings.failureBackoffMs),
        );
    }
  }

  private async release(connectionId: string, owner: string): Promise<void> {
    await this.dataSource.query(`UPDATE connection_credentials SET ${releaseLease('$2')} WHERE connection_id = $1`, [connectionId, owner]);
  }

  private async refresh(provider: OAuthProvider, secret: Record<string, unknown>): Promise<RefreshOutcome> {
    const endpoints = provider.endpoints(this.config);
    const { clientId, clientSecret } = provider.client(this.config);
    const as: oauth.AuthorizationServer = { issuer: new URL(endpoints.token).origin, token_endpoint: endpoints.token };
    const client: oauth.Client = { client_id: clientId ?? '' };
    const authentication = provider.tokenClientAuthentication === 'none' ? oauth.None() : oauth.ClientSecretPost(clientSecret ?? '');
    try {
      const response = await oauth.refreshTokenGrantRequest(as, client, authentication, String(secret.refreshToken), {
        signal: AbortSignal.timeout(this.timings.tokenRequestMs),
        [oauth.allowInsecureRequests]: !this.config.isProduction,
        ...(provider.tokenFetch ? { [oauth.customFetch]: provider.tokenFetch.bind(provider) } : {}),
      });
      const token = (await oauth.processRefreshTokenResponse(as, client, response)) as Record<string, unknown>;
      const renewed = provider.credentials({ refresh_token: secret.refreshToken, ...token });
      return { kind: 'renewed', secret: { ...secret, ...renewed.secret }, expiresAt: renewed.expiresAt };
    } catch (error) {
      return failure(error);
    }
  }
}

function failure(error: unknown): RefreshOutcome {
  if (error instanceof oauth.ResponseBodyError) {
    if (error.error === INVALID_GRANT) return { kind: 'lost', detail: `${error.error}: ${error.error_description ?? ''}` };
    return { kind: 'failed', code: byStatus(error.status), detail: `token endpoint answered ${error.status} ${error.error}` };
  }
  if (error instanceof oauth.OperationProcessingError && error.cause instanceof Response) {
    return { kind: 'failed', code: byStatus(error.cause.status), detail: `token endpoint answered ${error.cause.status}` };
  }
  if (error instanceof oauth.OperationProcessingError) return { kind: 'failed', code: 'CREDENTIALS_REFRESH.TOKEN_ENDPOINT_REJECTED', detail: error.message };
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'failed', code: 'CREDENTIALS_REFRESH.TOKEN_ENDPOINT_UNAVAILABLE', detail: 'token endpoint did not answer in time' };
  if (error instanceof TypeError) {
    const cause = (error.cause as { code?: string } | undefined)?.code;
    return { kind: 'failed', code: 'CREDENTIALS_REFRESH.TOKEN_ENDPOINT_UNAVAILABLE', detail: `token endpoint unreachable${cause ? ` (${cause})` : ''}` };
  }
  throw error;
}

function byStatus(status: number): CredentialsRefreshCode {
  return status >= 500 || status === 429 ? 'CREDENTIALS_REFRESH.TOKEN_ENDPOINT_UNAVAILABLE' : 'CREDENTIALS_REFRESH.TOKEN_ENDPOINT_REJECTED';
}
