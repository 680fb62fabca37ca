import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { Principal } from '../auth/principal.js';
import { createdByFields } from '../common/base-resource.js';
import { CryptoService } from '../common/crypto.service.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ServiceUnavailableError, TooManyRequestsError, ValidationFailedError, VersionConflictError } from '../common/errors.js';
import { mergePatch } from '../common/merge-patch.js';
import { expectedVersion } from '../common/optimistic-lock.js';
import type { Page } from '../common/paging.js';
import { AppConfig } from '../config/app-config.js';
import { ConnectorCatalog } from '../connectors/connector-catalog.js';
import type { ConnectorDefinition } from '../connectors/connector-definition.js';
import { HOST_ADAPTERS } from '../host-system/host-adapters.js';
import { HostHttpClient, type HostCallLog } from '../host-system/host-http-client.js';
import { HostAuthorizationRefused, HostDailyLimitReached } from '../host-system/host-limits.js';
import { AccountBudgetService } from '../host-system/account-budget.js';
import { RateBudgetService } from '../host-system/rate-budget.js';
import { TenantIntegrationService, assertMayActFor } from '../integrations/tenant-integration.service.js';
import type {
  ConnectionDto,
  ConnectionStatusDto,
  CreateConnectionPayload,
  CredentialsPayload,
  ListConnectionsQuery,
  PlugSelection,
  UpdateConnectionPayload,
} from './connection.dto.js';
import type { ConnectionEntity, ConnectionPlug, ConnectionStatus } from './connection.entity.js';
import { ConnectionEvents } from './connection-events.js';
import { CREDENTIAL_REVOKER, type CredentialRevoker } from './credential-revoker.js';
import { ConnectionRepository, type ConnectionWithCredentials } from './connection.repository.js';

/** Associated data of a connection's secret: a ciphertext copied to another connection does not decrypt. */
export function credentialsAssociatedData(connectionId: string): string {
  return `connection-credentials:${connectionId}`;
}

/** A concurrent post created the connection with this id first. */
class ConnectionIdTaken extends Error {}

/** Fields a repeated create with the same id must match to be the same request. */
type CreatedContent = Pick<ConnectionEntity, 'connector' | 'name' | 'tenant' | 'tenantIntegrationId' | 'enabled' | 'startDate' | 'plugs' | 'settings' | 'syncIntervalMinutes'> &
  Partial<Pick<ConnectionEntity, 'companyToken'>>;

/** The existing connection when it is the one this content would create; 409 otherwise (also for another tenant's or a deleted one). */
function assertSameContent(principal: Principal, existing: ConnectionEntity, content: CreatedContent): ConnectionEntity {
  if (existing.deletedAt) throw new ConflictError('CONNECTION.ID_TAKEN', `A connection with id ${existing.id} existed and was deleted; post with another id`);
  if (!principal.canActFor(existing.tenant)) throw new ConflictError('CONNECTION.ID_TAKEN', `The id ${existing.id} is taken; post with another id`);
  const differing = (Object.keys(content) as Array<keyof CreatedContent>).filter(
    (field) => JSON.stringify(canonical(existing[field])) !== JSON.stringify(canonical(content[field])),
  );
  if (differing.length > 0) {
    throw new ConflictError('CONNECTION.ID_TAKEN', `Connection ${existing.id} exists with different content (${differing.join(', ')}); a repeated post must be identical`, { fields: differing });
  }
  return existing;
}

/** Objects with sorted keys, so that equal settings compare equal whatever their key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value ?? null;
}

/** Statuses from which a new authorization makes a connection ready (issue: explicit transitions). */
const AUTHORIZABLE: readonly ConnectionStatus[] = ['new', 'awaiting_authorization', 'auth_error', 'ready', 'error'];

/**
 * Connections to host systems: the provisioning workflow of the extractor spec (created disabled
 * with no start date, then enabled with a start date), settings validated against the
 * connector's schema, credentials stored encrypted, and explicit status transitions.
 */
@Injectable()
export class ConnectionService {
  constructor(
    private readonly repository: ConnectionRepository,
    private readonly catalog: ConnectorCatalog,
    private readonly integrations: TenantIntegrationService,
    private readonly crypto: CryptoService,
    private readonly config: AppConfig,
    private readonly budgets: RateBudgetService,
    private readonly accountBudgets: AccountBudgetService,
    private readonly events: ConnectionEvents,
    private readonly moduleRef: ModuleRef,
  ) {}

  private readonly hostLogger = new Logger('HostHttp');

  async list(principal: Principal, query: ListConnectionsQuery): Promise<Page<ConnectionDto>> {
    const page = await this.repository.list(principal, query);
    return { ...page, content: page.content.map((item) => this.toDto(item)) };
  }

  async get(principal: Principal, id: string): Promise<ConnectionDto> {
    return this.toDto(await this.findVisible(principal, id));
  }

  async status(principal: Principal, id: string): Promise<ConnectionStatusDto> {
    const item = await this.findVisible(principal, id);
    const { connection } = item;
    return {
      connectionId: connection.id,
      status: connection.status,
      statusDetail: connection.statusDetail,
      enabled: connection.enabled,
      authorization: this.authorization(item),
      lastRun: null,
      lastSyncAt: iso(connection.lastSyncAt),
      nextSyncAt: iso(connection.nextSyncAt),
      dailyBudget: await this.dailyBudget(item),
      rateBudget: await this.rateBudget(item),
    };
  }

  /** The token bucket of the upstream account the connection calls (its store, its merchant), shared with every other connection to it. */
  private async rateBudget({ connection, credentials }: ConnectionWithCredentials): Promise<ConnectionStatusDto['rateBudget']> {
    const adapter = HOST_ADAPTERS.find((candidate) => candidate.connector.id === connection.connector);
    const policy = adapter?.accountRates;
    if (!policy || !adapter.rateBudgetKey || !credentials) return null;
    // From the secret as it is now, as the readers compute it (a refresh may have added the merchant id; the API URL may
    // have changed since the authorization); the secret stays here.
    const key = adapter.rateBudgetKey(this.config, JSON.parse(this.crypto.decrypt(credentials.secretEncrypted, credentialsAssociatedData(connection.id))) as Record<string, unknown>);
    const state = await this.accountBudgets.state(key, policy);
    return {
      account: policy.account,
      scope: `Shared by every connection and worker calling this ${policy.account}`,
      capacity: round(state.capacity),
      refillPerSecond: round(state.refillPerSecond),
      available: round(state.available),
      throttledUntil: iso(state.throttledUntil),
      learnedFromHost: state.learnedFromHost,
      limitSource: state.learnedFromHost && state.hostQuota !== null && state.hostWindowMs !== null
        ? `The host's headers: ${state.hostQuota} requests per ${state.hostWindowMs / 1000} s`
        : policy.defaultsSource,
      throttles: state.throttles,
    };
  }

  /** What is left of the host's daily calls for the connection's site, when the host has such a limit. */
  private async dailyBudget({ connection, credentials }: ConnectionWithCredentials): Promise<ConnectionStatusDto['dailyBudget']> {
    const limits = HOST_ADAPTERS.find((adapter) => adapter.connector.id === connection.connector)?.rateLimits;
    if (!limits || !credentials?.rateBudgetKey) return null;
    const budget = await this.budgets.remaining(credentials.rateBudgetKey, limits);
    return { ...budget, resetsAt: budget.resetsAt.toISOString() };
  }

  /**
   * Creates a connection, with the caller's `id` when given. The same id posted again with the same
   * content is answered with the existing connection (`created: false`); with other content, 409.
   */
  async create(principal: Principal, payload: CreateConnectionPayload): Promise<{ connection: ConnectionDto; created: boolean }> {
    const connector = this.connector(payload.connector);
    if (payload.companyToken !== undefined) assertMaySetCompanyToken(principal);
    const requestedId = payload.id?.toLowerCase();
    try {
      const result = await this.repository.transaction(async (manager) => {
        const { tenant, tenantIntegrationId } = await this.owner(principal, payload.tenant, payload.tenantIntegration, manager);
        const authorized = connector.authType === 'none';
        const startDate = payload.startDate ?? null;
        const content = {
          connector: connector.id,
          name: payload.name,
          tenant,
          tenantIntegrationId,
          enabled: payload.enabled ?? false,
          startDate,
          plugs: selectPlugs(connector, defaultPlugs(connector), payload.plugs),
          settings: this.catalog.validateSettings(connector.id, payload.settings ?? {}),
          syncIntervalMinutes: payload.syncIntervalMinutes ?? null,
          ...(payload.companyToken !== undefined ? { companyToken: payload.companyToken.toLowerCase() } : {}),
        };
        if (requestedId) {
          const existing = await this.repository.findAny(manager, requestedId);
          if (existing) return { connection: assertSameContent(principal, existing, content), created: false };
        }
        if (payload.enabled) assertMayEnable(startDate, authorized, connector);
        const inserted = await this.save(() =>
          this.repository.insert(manager, {
            ...(requestedId ? { id: requestedId } : {}),
            ...createdByFields(principal),
            companyToken: randomUUID(),
            ...content,
            status: authorized ? 'ready' : 'new',
            statusDetail: null,
            lastSyncAt: null,
            nextSyncAt: payload.enabled ? this.nextSyncAt(null, payload.syncIntervalMinutes ?? null) : null,
          }),
        );
        return { connection: inserted, created: true };
      });
      if (!result.created) return { connection: await this.get(principal, result.connection.id), created: false };
      return { connection: this.toDto({ connection: result.connection, credentials: null }), created: true };
    } catch (error) {
      // Two posts of one id at once: the loser answers as a repeated post does.
      if (requestedId && error instanceof ConnectionIdTaken) return this.create(principal, payload);
      throw error;
    }
  }

  /** PUT and PATCH: only the fields sent change (the spec's `{ "enabled": true, "startDate": … }`). */
  async update(principal: Principal, id: string, payload: UpdateConnectionPayload, ifMatch?: string): Promise<ConnectionDto> {
    const expected = expectedVersion(ifMatch, payload.version);
    if (payload.companyToken !== undefined) assertMaySetCompanyToken(principal);
    const result = await this.repository.transaction(async (manager) => {
      const item = await this.findVisible(principal, id, manager);
      const { connection } = item;
      assertVersion(connection, expected);
      const connector = this.connector(connection.connector);
      const changes: Partial<ConnectionEntity> = {};

      if (payload.name !== undefined) changes.name = payload.name;
      if (payload.companyToken !== undefined) changes.companyToken = payload.companyToken.toLowerCase();
      if (payload.tenantIntegration !== undefined) {
        const owner = await this.owner(principal, connection.tenant, payload.tenantIntegration, manager);
        changes.tenantIntegrationId = owner.tenantIntegrationId;
      }
      if (payload.startDate !== undefined) changes.startDate = payload.startDate;
      if (payload.plugs !== undefined) changes.plugs = selectPlugs(connector, connection.plugs, payload.plugs);
      if (payload.settings !== undefined) {
        const merged = mergePatch(connection.settings, payload.settings) as Record<string, unknown>;
        changes.settings = this.catalog.validateSettings(connector.id, merged);
      }
      if (payload.syncIntervalMinutes !== undefined) changes.syncIntervalMinutes = payload.syncIntervalMinutes;

      const enabled = payload.enabled ?? connection.enabled;
      const startDate = changes.startDate !== undefined ? changes.startDate : connection.startDate;
      const interval = changes.syncIntervalMinutes !== undefined ? changes.syncIntervalMinutes : connection.syncIntervalMinutes;
      if (enabled) {
        assertMayEnable(startDate, this.authorization(item).authorized, connector);
        changes.enabled = true;
        if (!connection.enabled) {
          changes.status = 'ready';
          changes.statusDetail = null;
        }
        if (!connection.enabled || changes.syncIntervalMinutes !== undefined) changes.nextSyncAt = this.nextSyncAt(connection.lastSyncAt, interval);
      } else if (connection.enabled) {
        changes.enabled = false;
        changes.status = 'disabled';
        changes.statusDetail = null;
        changes.nextSyncAt = null;
      }
      const updated = await this.save(() => this.repository.update(manager, principal, id, expected, changes));
      await this.events.changed(manager, connection, updated, principal.subject);
      return { connection: updated, credentials: item.credentials };
    });
    return this.toDto(result);
  }

  /** Soft delete: scheduling stops, the credentials go (revoked at the host where it can), extracted data and run history stay. */
  async delete(principal: Principal, id: string, ifMatch?: string): Promise<void> {
    const expected = expectedVersion(ifMatch);
    const { connection } = await this.findVisible(principal, id);
    assertVersion(connection, expected);
    await this.revokeAtHost(id);
    await this.repository.transaction(async (manager) => {
      const { connection } = await this.findVisible(principal, id, manager);
      assertVersion(connection, expected);
      await this.repository.deleteCredentials(manager, id);
      await this.repository.softDelete(manager, principal, id, connection.version);
    });
  }

  /**
   * Credentials of an apiKey connector: validated against its credentialsSchema (400 naming each
   * field), checked with one cheap call to the host (no transaction is held meanwhile), then stored
   * encrypted as JSON. Refused by the host: a 400 with its message, and nothing changes.
   */
  async putCredentials(principal: Principal, id: string, payload: CredentialsPayload): Promise<ConnectionDto> {
    const { connection } = await this.findVisible(principal, id);
    const connector = this.connector(connection.connector);
    assertTakesCredentials(connector, id);
    const credentials = this.catalog.validateCredentials(connector.id, payload);
    const adapter = HOST_ADAPTERS.find((candidate) => candidate.connector.id === connector.id);
    await this.verify(connector, adapter, connection.settings, credentials);
    const rateBudgetKey = adapter?.rateBudgetKey?.(this.config, credentials) ?? null;
    const result = await this.repository.transaction(async (manager) => {
      const { connection: current } = await this.findVisible(principal, id, manager);
      return this.storeCredentials(manager, principal, current, 'apiKey', JSON.stringify(credentials), { scopes: [], expiresAt: null }, rateBudgetKey);
    });
    return this.toDto(result);
  }

  private async verify(connector: ConnectorDefinition, adapter: (typeof HOST_ADAPTERS)[number] | undefined, settings: Record<string, unknown>, credentials: Record<string, string>): Promise<void> {
    if (!adapter?.verifyCredentials) return;
    // One try and a short timeout: a person is waiting for the answer.
    const http = new HostHttpClient({ retries: 1, timeoutMs: Math.min(15_000, adapter.httpOptions(settings as never).timeoutMs), baseDelayMs: 200 }, (entry: HostCallLog) =>
      entry.outcome === 'ok' ? this.hostLogger.debug(entry) : this.hostLogger.warn(entry),
    );
    try {
      await adapter.verifyCredentials({ config: this.config, credentials, http, budget: this.budgets });
    } catch (error) {
      if (error instanceof HostAuthorizationRefused) {
        throw new BadRequestError('CONNECTION.CREDENTIALS_REFUSED', `${connector.name} refused these credentials: ${error.hostMessage || `status ${error.hostStatus}`}`, {
          hostStatus: error.hostStatus,
          hostMessage: error.hostMessage,
        });
      }
      if (error instanceof HostDailyLimitReached) {
        const seconds = Math.max(1, Math.ceil((error.resumeAt.getTime() - Date.now()) / 1000));
        throw new TooManyRequestsError('CONNECTION.HOST_DAILY_LIMIT', `${connector.name} takes no more calls from this site today; the credentials can be checked after ${error.resumeAt.toISOString()}`, seconds);
      }
      throw new ServiceUnavailableError('CONNECTION.VERIFICATION_UNAVAILABLE', `${connector.name} could not be asked to check the credentials (${(error as Error)?.message ?? 'unknown error'}); nothing was stored, try again`);
    }
  }

  /** The connection an OAuth authorization is started for; it must use OAuth2. */
  async beginOAuth(principal: Principal, id: string): Promise<ConnectionEntity> {
    return this.repository.transaction(async (manager) => {
      const { connection } = await this.findVisible(principal, id, manager);
      const connector = this.connector(connection.connector);
      if (connector.authType !== 'oauth2') {
        throw new ConflictError('CONNECTION.WRONG_AUTH_TYPE', `${connector.name} is not authorized with OAuth2${connector.authType === 'apiKey' ? ': PUT its API key to /credentials' : ''}`);
      }
      if (connection.status === 'new' || connection.status === 'auth_error') {
        return this.repository.update(manager, principal, id, undefined, { status: 'awaiting_authorization', statusDetail: null });
      }
      return connection;
    });
  }

  /** Stores the tokens of a completed OAuth authorization (encrypted); the connection becomes ready. */
  async completeOAuth(connectionId: string, authorizedBy: string, token: { secret: Record<string, unknown>; scopes: string[]; expiresAt: Date | null }): Promise<ConnectionStatus> {
    const result = await this.repository.transaction(async (manager) => {
      const item = await this.repository.findVisible(Principal.service(), connectionId, manager, true);
      if (!item) throw new NotFoundError('CONNECTION.NOT_FOUND', 'Connection', connectionId);
      const principal = Principal.fromClaims(authorizedBy, [], []);
      const rateBudgetKey = HOST_ADAPTERS.find((adapter) => adapter.connector.id === item.connection.connector)?.rateBudgetKey?.(this.config, token.secret) ?? null;
      return this.storeCredentials(manager, principal, item.connection, 'oauth2', JSON.stringify(token.secret), token, rateBudgetKey);
    });
    return result.connection.status;
  }

  /** Records why an authorization failed (host refusal, rejected code); nothing is stored. */
  async failOAuth(connectionId: string, authorizedBy: string, detail: string): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const item = await this.repository.findVisible(Principal.service(), connectionId, manager, true);
      if (!item) return;
      // A refused re-authorization leaves a working authorization as it was.
      const updated = await this.repository.update(manager, Principal.fromClaims(authorizedBy, [], []), connectionId, undefined, {
        status: item.credentials ? item.connection.status : 'auth_error',
        statusDetail: detail.slice(0, 1024),
      });
      await this.events.changed(manager, item.connection, updated, authorizedBy, { type: 'authorization.failed', message: `The authorization failed: ${detail.slice(0, 500)}` });
    });
  }

  /** Saves new credentials (encrypted, bound to the connection); an authorizable connection becomes ready. */
  private async storeCredentials(
    manager: EntityManager,
    principal: Principal,
    connection: ConnectionEntity,
    kind: 'apiKey' | 'oauth2',
    secret: string,
    grant: { scopes: string[]; expiresAt: Date | null },
    rateBudgetKey: string | null = null,
  ): Promise<ConnectionWithCredentials> {
    const credentials = await this.repository.saveCredentials(manager, {
      connectionId: connection.id,
      kind,
      secretEncrypted: this.crypto.encrypt(secret, credentialsAssociatedData(connection.id)),
      authorizedAt: new Date(),
      authorizedBy: principal.subject,
      expiresAt: grant.expiresAt,
      scopes: grant.scopes,
      rateBudgetKey,
    });
    const changes: Partial<ConnectionEntity> = AUTHORIZABLE.includes(connection.status) ? { status: 'ready', statusDetail: null } : {};
    const updated = await this.repository.update(manager, principal, connection.id, undefined, changes);
    await this.events.changed(manager, connection, updated, principal.subject, {
      type: 'authorization.granted',
      message: kind === 'oauth2' ? `The host authorized the connection (scopes: ${grant.scopes.join(' ') || 'none'})` : 'Credentials were stored after the host accepted them',
    });
    return { connection: updated, credentials };
  }

  /** Revokes the credentials (at the host too, where it has a revocation); an enabled connection is disabled, since it could no longer sync. */
  async deleteCredentials(principal: Principal, id: string): Promise<void> {
    await this.findVisible(principal, id);
    await this.revokeAtHost(id);
    await this.repository.transaction(async (manager) => {
      const { connection, credentials } = await this.findVisible(principal, id, manager);
      if (!credentials) return;
      await this.repository.deleteCredentials(manager, id);
      const updated = await this.repository.update(manager, principal, id, undefined, {
        enabled: false,
        nextSyncAt: null,
        status: 'awaiting_authorization',
        statusDetail: connection.enabled ? 'Credentials were revoked; the connection was disabled' : 'Credentials were revoked',
      });
      await this.events.changed(manager, connection, updated, principal.subject, { type: 'authorization.revoked', message: 'The credentials were revoked' });
    });
  }

  /** A host that cannot be told does not block the revocation here: the stored credentials go anyway. */
  private async revokeAtHost(id: string): Promise<void> {
    const revoker = this.moduleRef.get<CredentialRevoker>(CREDENTIAL_REVOKER, { strict: false });
    try {
      if (await revoker.revokeAtHost(id)) this.hostLogger.log({ msg: 'Authorization revoked at the host', connectionId: id });
    } catch (error) {
      this.hostLogger.warn({ msg: 'The host could not revoke the authorization; it is deleted here anyway', connectionId: id, error: (error as Error).message });
    }
  }

  private async findVisible(principal: Principal, id: string, manager?: EntityManager): Promise<ConnectionWithCredentials> {
    const item = await this.repository.findVisible(principal, id, manager, manager !== undefined);
    if (!item) throw new NotFoundError('CONNECTION.NOT_FOUND', 'Connection', id);
    return item;
  }

  private connector(id: string): ConnectorDefinition {
    try {
      return this.catalog.get(id);
    } catch {
      throw new ValidationFailedError([{ field: 'connector', message: `unknown connector "${id}"; see GET /connectors` }]);
    }
  }

  /** The owning tenant: from the tenant integration when one is given, else the `tenant` field. */
  private async owner(principal: Principal, tenant: string | undefined, tenantIntegration: string | null | undefined, manager: EntityManager) {
    if (tenantIntegration) {
      const integration = await this.integrations.findVisible(principal, tenantIntegration, manager).catch((error: unknown) => {
        if (error instanceof NotFoundError) {
          throw new ValidationFailedError([{ field: 'tenantIntegration', message: `tenant integration ${tenantIntegration} does not exist` }]);
        }
        throw error;
      });
      if (tenant && tenant.toLowerCase() !== integration.tenant) {
        throw new ValidationFailedError([{ field: 'tenant', message: `must be the tenant of tenant integration ${tenantIntegration} (${integration.tenant})` }]);
      }
      return { tenant: integration.tenant, tenantIntegrationId: integration.id };
    }
    if (!tenant) throw new ValidationFailedError([{ field: 'tenant', message: 'is required unless tenantIntegration is given' }]);
    assertMayActFor(principal, tenant);
    return { tenant: tenant.toLowerCase(), tenantIntegrationId: null };
  }

  private nextSyncAt(lastSyncAt: Date | null, intervalMinutes: number | null): Date {
    if (!lastSyncAt) return new Date();
    const next = lastSyncAt.getTime() + (intervalMinutes ?? this.config.syncIntervalMinutes) * 60_000;
    return new Date(Math.max(next, Date.now()));
  }

  private async save<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'connections_pkey') throw new ConnectionIdTaken();
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new ConflictError('CONNECTION.COMPANY_TOKEN_TAKEN', 'Another connection already pushes into this companyToken');
      }
      throw error;
    }
  }

  private authorization({ connection, credentials }: ConnectionWithCredentials) {
    const needsNone = this.catalog.get(connection.connector).authType === 'none';
    return {
      authorized: needsNone || (credentials !== null && connection.status !== 'auth_error'),
      authorizedAt: iso(credentials?.authorizedAt ?? null),
      expiresAt: iso(credentials?.expiresAt ?? null),
      scopes: credentials?.scopes ?? [],
    };
  }

  private toDto(item: ConnectionWithCredentials): ConnectionDto {
    const { connection: c } = item;
    return {
      id: c.id,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      createdBy: c.createdBy,
      updatedBy: c.updatedBy,
      connector: c.connector,
      name: c.name,
      tenant: c.tenant,
      tenantIntegration: c.tenantIntegrationId,
      companyToken: c.companyToken,
      enabled: c.enabled,
      startDate: c.startDate,
      status: c.status,
      statusDetail: c.statusDetail,
      plugs: c.plugs,
      settings: c.settings,
      syncIntervalMinutes: c.syncIntervalMinutes,
      lastSyncAt: iso(c.lastSyncAt),
      nextSyncAt: iso(c.nextSyncAt),
      authorization: this.authorization(item),
    };
  }
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** Calls and calls a second, to two decimals (a bucket refills continuously). */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The companyToken says which TrustFile company a connection's data goes to, so only the TrustFile
 * side (the service token) chooses it; tenant users get a generated one. Refused before any lookup:
 * the answer is the same whether another tenant uses that token or not.
 */
function assertMaySetCompanyToken(principal: Principal): void {
  if (principal.kind !== 'service') {
    throw new ForbiddenError('CONNECTION.COMPANY_TOKEN_SERVICE_ONLY', 'Only the TrustFile service token may set a companyToken; omit it to get a generated one');
  }
}

function assertVersion(connection: ConnectionEntity, expected: number | undefined): void {
  if (expected !== undefined && expected !== connection.version) {
    throw new VersionConflictError('Connection', connection.id, expected, connection.version);
  }
}

/** Enabling needs a start date and an authorization; the problem names whatever is missing. */
function assertMayEnable(startDate: string | null, authorized: boolean, connector: ConnectorDefinition): void {
  const missing = [...(startDate ? [] : ['a startDate']), ...(authorized ? [] : [`an authorization (${connector.authType})`])];
  if (missing.length > 0) {
    throw new ConflictError(
      startDate ? 'CONNECTION.AUTHORIZATION_REQUIRED' : 'CONNECTION.START_DATE_REQUIRED',
      `The connection cannot be enabled without ${missing.join(' and ')}`,
      { missing: [...(startDate ? [] : ['startDate']), ...(authorized ? [] : ['authorization'])] },
    );
  }
}

/** Only apiKey connectors take credentials by PUT: OAuth2 ones through the popup, the others need none. */
function assertTakesCredentials(connector: ConnectorDefinition, id: string): void {
  if (connector.authType === 'apiKey') return;
  throw new ConflictError(
    'CONNECTION.WRONG_AUTH_TYPE',
    connector.authType === 'oauth2' ? `${connector.name} is authorized with OAuth2: open GET /connections/${id}/authorize in a popup instead` : `${connector.name} needs no credentials`,
  );
}

function defaultPlugs(connector: ConnectorDefinition): ConnectionPlug[] {
  return connector.plugs.map((plug) => ({ name: plug.name, direction: plug.direction, enabled: plug.direction === 'import' }));
}

function selectPlugs(connector: ConnectorDefinition, current: readonly ConnectionPlug[], selection: readonly PlugSelection[] | undefined): ConnectionPlug[] {
  if (!selection) return [...current];
  const known = new Set(connector.plugs.map((plug) => plug.name));
  const unknown = selection.filter((plug) => !known.has(plug.name));
  if (unknown.length > 0) {
    throw new ValidationFailedError(
      unknown.map((plug) => ({ field: 'plugs', message: `"${plug.name}" is not a plug of ${connector.id} (${[...known].join(', ') || 'it has none'})` })),
    );
  }
  const chosen = new Map(selection.map((plug) => [plug.name, plug.enabled]));
  return current.map((plug) => ({ ...plug, enabled: chosen.get(plug.name) ?? plug.enabled }));
}
