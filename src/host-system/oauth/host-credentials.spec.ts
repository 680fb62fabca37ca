import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { CryptoService } from '../../common/crypto.service.js';
import { loadConfig } from '../../config/app-config.js';
import { ConnectionRepository } from '../../connections/connection.repository.js';
import { credentialsAssociatedData } from '../../connections/connection.service.js';
import { AuthorizationLostError, CredentialsRefreshError, HostCredentialsService, type RefreshTimings } from './host-credentials.service.js';
import type { OAuthProvider } from './oauth-provider.js';

/**
 * A token endpoint that rotates refresh tokens: a refresh token works once, like real servers.
 * `mode`: 'rotate' answers after `delayMs`; 'unavailable' answers 503; 'hang' never answers.
 */
class RotatingTokenServer {
  requests = 0;
  mode: 'rotate' | 'unavailable' | 'hang' = 'rotate';
  /** The refresh token issued last. */
  newest = '';
  /** Refresh tokens that still work; each works once. */
  private readonly valid = new Set<string>();
  private issued = 0;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /**
   * `delayMs`: how long a token answer takes (`refusalDelayMs` for an invalid_grant); the presented
   * refresh token is used up on arrival, as a host would.
   */
  static async start(delayMs = 150, refusalDelayMs = delayMs): Promise<RotatingTokenServer> {
    let fake: RotatingTokenServer | undefined;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        fake!.requests += 1;
        if (fake!.mode === 'hang') return;
        if (fake!.mode === 'unavailable') {
          response.statusCode = 503;
          return response.end('Service Unavailable');
        }
        const form = new URLSearchParams(body);
        const accepted = form.get('grant_type') === 'refresh_token' && fake!.valid.delete(form.get('refresh_token') ?? '') && form.get('client_secret') === 'secret';
        const refreshToken = accepted ? fake!.mint() : '';
        const accessToken = `at-${fake!.issued}`;
        setTimeout(
          () => {
            response.setHeader('content-type', 'application/json');
            if (!accepted) {
              response.statusCode = 400;
              return response.end(JSON.stringify({ error: 'invalid_grant' }));
            }
            response.end(JSON.stringify({ access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: 3600 }));
          },
          accepted ? delayMs : refusalDelayMs,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new RotatingTokenServer(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    return fake;
  }

  /** A new refresh token (for a new grant, or to rotate a used one). */
  mint(): string {
    this.issued += 1;
    this.newest = `rt-${this.issued}`;
    this.valid.add(this.newest);
    return this.newest;
  }

  revokeAll(): void {
    this.valid.clear();
  }

  /** Stops listening and drops open requests (a hanging request then fails on the client). */
  stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }
}

describe('HostCredentialsService token refresh (real PostgreSQL, real token endpoint)', () => {
  let database: TestDatabase;
  let tokens: RotatingTokenServer;
  const servers: RotatingTokenServer[] = [];
  const sources: DataSource[] = [];
  let services: HostCredentialsService[];
  const config = loadConfig({ NODE_ENV: 'test', ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`, AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20) });
  const crypto = new CryptoService(config);

  function provider(server: RotatingTokenServer): OAuthProvider {
    return {
      connectorId: 'TESTHOST',
      scopes: [],
      pkce: true,
      refreshes: true,
      endpoints: () => ({ authorization: `${server.url}/authorize`, token: `${server.url}/token` }),
      client: () => ({ clientId: 'client', clientSecret: 'secret' }),
      credentials: (token) => ({
        secret: { accessToken: token.access_token, refreshToken: token.refresh_token },
        scopes: [],
        expiresAt: new Date(Date.now() + Number(token.expires_in) * 1000),
      }),
    };
  }

  function service(source: DataSource, server: RotatingTokenServer, timings?: Partial<RefreshTimings>): HostCredentialsService {
    return new HostCredentialsService(source, crypto, config, new ConnectionRepository(source), [provider(server)], timings);
  }

  async function pool(max: number): Promise<DataSource> {
    const source = new DataSource({ type: 'postgres', url: database.url, extra: { max } });
    await source.initialize();
    sources.push(source);
    return source;
  }

  async function tokenServer(delayMs?: number, refusalDelayMs?: number): Promise<RotatingTokenServer> {
    const server = await RotatingTokenServer.start(delayMs, refusalDelayMs);
    servers.push(server);
    return server;
  }

  before(async () => {
    database = await createTestDatabase();
    tokens = await tokenServer();
    // Two "processes": separate connection pools, so only the database can coordinate them.
    const processes = [await pool(4), await pool(4)];
    services = processes.map((source) => service(source, tokens));
  });

  after(async () => {
    for (const source of sources) await source.destroy();
    for (const server of servers) await server.stop();
    await database?.drop();
  });

  /** A connection holding access token `at-0` and a fresh refresh token from `server`. */
  async function connectionWithTokens(expiresAt: Date, server = tokens): Promise<string> {
    const id = randomUUID();
    const refreshToken = server.mint();
    await sources[0].query(
      `INSERT INTO connections (id, created_by, updated_by, connector, name, tenant, company_token, status)
       VALUES ($1, 'test', 'test', 'TESTHOST', 'host', gen_random_uuid(), gen_random_uuid(), 'ready')`,
      [id],
    );
    const secret = crypto.encrypt(JSON.stringify({ accessToken: 'at-0', refreshToken }), credentialsAssociatedData(id));
    await sources[0].query(
      `INSERT INTO connection_credentials (connection_id, kind, secret_encrypted, authorized_by, expires_at) VALUES ($1, 'oauth2', $2, 'test', $3)`,
      [id, secret, expiresAt],
    );
    return id;
  }

  async function stored(id: string): Promise<Record<string, unknown>> {
    const [row] = await sources[0].query('SELECT secret_encrypted FROM connection_credentials WHERE connection_id = $1', [id]);
    return JSON.parse(crypto.decrypt(row.secret_encrypted, credentialsAssociatedData(id))) as Record<string, unknown>;
  }

  async function status(id: string): Promise<{ status: string; status_detail: string | null }> {
    const [connection] = await sources[0].query('SELECT status, status_detail FROM connections WHERE id = $1', [id]);
    return connection;
  }

  function isRefreshError(code: string) {
    return (error: unknown) => error instanceof CredentialsRefreshError && error.code === code;
  }

  it('refreshes an expired token once for two concurrent callers in two processes, keeping the rotated refresh token', async () => {
    const id = await connectionWithTokens(new Date(Date.now() - 60_000));
    const before = tokens.requests;
    const [a, b] = await Promise.all(services.map((s) => s.forConnection(id)));
    assert.equal(tokens.requests - before, 1, 'exactly one token request');
    assert.notEqual(a.secret.accessToken, 'at-0');
    assert.equal(b.secret.accessToken, a.secret.accessToken);
    const saved = await stored(id);
    assert.equal(saved.accessToken, a.secret.accessToken);
    assert.equal(saved.refreshToken, a.secret.refreshToken, 'the rotated refresh token is the one stored');

    const again = await services[0].forConnection(id);
    assert.equal(again.secret.accessToken, a.secret.accessToken, 'a fresh token is used as it is');
    assert.equal(tokens.requests - before, 1);
  });

  it('after a 401, renews once even when several callers saw it, and not again for a token already replaced', async () => {
    const id = await connectionWithTokens(new Date(Date.now() + 3_600_000));
    const before = tokens.requests;
    const current = (await services[0].forConnection(id)).secret.accessToken as string;
    const renewed = await Promise.all(services.map((s) => s.forConnection(id, current)));
    assert.equal(tokens.requests - before, 1);
    assert.equal(renewed[0].secret.accessToken, renewed[1].secret.accessToken);
    assert.notEqual(renewed[0].secret.accessToken, current);
    await services[1].forConnection(id, current); // a late 401 for the old token
    assert.equal(tokens.requests - before, 1);
  });

  it('marks the connection auth_error when the host answers invalid_grant', async () => {
    const id = await connectionWithTokens(new Date(Date.now() - 60_000));
    tokens.revokeAll();
    await assert.rejects(services[0].forConnection(id), AuthorizationLostError);
    const connection = await status(id);
    assert.equal(connection.status, 'auth_error');
    assert.match(connection.status_detail ?? '', /invalid_grant/);
  });

  it('holds no pooled connection while the token endpoint hangs: an unrelated query on the same pool still answers', async () => {
    const hanging = await tokenServer();
    hanging.mode = 'hang';
    const source = await pool(3);
    const process = service(source, hanging, { waitMs: 10_000 });
    const id = await connectionWithTokens(new Date(Date.now() - 60_000), hanging);
    const callers = Array.from({ length: 6 }, () => process.forConnection(id));
    try {
      await sleep(300);
      const started = Date.now();
      const answer = await Promise.race([source.query('SELECT 1 AS one'), sleep(1_000, 'timed out')]);
      assert.deepEqual(answer, [{ one: 1 }], 'SELECT 1 answers while the token request hangs');
      assert.ok(Date.now() - started < 1_000);
    } finally {
      await hanging.stop(); // the hanging request now fails on the client
    }
    const outcomes = await Promise.allSettled(callers);
    assert.equal(hanging.requests, 1, 'one token request');
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.ok(isRefreshError('CREDENTIALS_REFRESH.TOKEN_ENDPOINT_UNAVAILABLE')(outcome.reason), String(outcome.reason));
    }
    assert.equal((await status(id)).status, 'ready');
  });

  it('after a 401 and a 503 from the token endpoint, six callers in two processes make one token request and all get the transient error', async () => {
    const failing = await tokenServer();
    failing.mode = 'unavailable';
    const processes = [service(sources[0], failing), service(sources[1], failing)];
    const id = await connectionWithTokens(new Date(Date.now() + 3_600_000), failing);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => processes[i % 2].forConnection(id, 'at-0')));
    assert.equal(failing.requests, 1, 'one token request');
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      const error = outcome.reason as CredentialsRefreshError;
      assert.ok(isRefreshError('CREDENTIALS_REFRESH.TOKEN_ENDPOINT_UNAVAILABLE')(error), String(error));
      assert.ok(error.retryAfter.getTime() > Date.now(), 'says when to retry');
    }
    await assert.rejects(processes[0].forConnection(id, 'at-0'), isRefreshError('CREDENTIALS_REFRESH.TOKEN_ENDPOINT_UNAVAILABLE'));
    assert.equal(failing.requests, 1, 'a caller right after the failure gets it too, without a token request');
    assert.equal((await status(id)).status, 'ready');
  });

  it('keeps the rotated token of a slow token endpoint that answers after a client would have given up', async () => {
    const slow = await tokenServer(16_000, 0); // longer than the 15 s a client used to wait; refusals are quick
    const processes = [service(sources[0], slow, { waitMs: 1_000 }), service(sources[1], slow, { waitMs: 1_000 })];
    const id = await connectionWithTokens(new Date(Date.now() - 60_000), slow);
    const first = Promise.allSettled(Array.from({ length: 3 }, (_, i) => processes[i % 2].forConnection(id)));
    await sleep(15_500);
    const late = Promise.allSettled([processes[0].forConnection(id), processes[1].forConnection(id)]);
    const outcomes = [...(await first), ...(await late)];

    const lost = outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof AuthorizationLostError);
    assert.equal(lost.length, 0, 'no caller is told the authorization is lost');
    assert.equal((await status(id)).status, 'ready');
    assert.equal((await stored(id)).refreshToken, slow.newest, 'the newest refresh token is stored');
    assert.equal(slow.requests, 1, 'no second refresh with the old refresh token');
    assert.ok(outcomes.some((o) => o.status === 'fulfilled'), 'the lease holder gets the renewed token');
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') assert.equal(outcome.value.secret.refreshToken, slow.newest);
      else assert.ok(isRefreshError('CREDENTIALS_REFRESH.IN_PROGRESS')(outcome.reason), String(outcome.reason));
    }
    const after = await processes[1].forConnection(id);
    assert.equal(after.secret.refreshToken, slow.newest);
    assert.equal(slow.requests, 1);
  });

  it('does not mark auth_error for an invalid_grant to a refresh token that was replaced meanwhile', async () => {
    const slow = await tokenServer(500);
    const process = service(sources[0], slow);
    const id = await connectionWithTokens(new Date(Date.now() - 60_000), slow);
    slow.revokeAll(); // the host no longer knows the old grant, as after a new authorization
    const caller = process.forConnection(id);
    await sleep(100);
    const secret = crypto.encrypt(JSON.stringify({ accessToken: 'at-new', refreshToken: slow.mint() }), credentialsAssociatedData(id));
    // Authorized again while the refresh with the old token is in flight.
    const reauthorized = await Promise.race([
      sources[1].query(`UPDATE connection_credentials SET secret_encrypted = $2, expires_at = now() + interval '1 hour', authorized_at = now() WHERE connection_id = $1`, [id, secret]),
      sleep(2_000, 'blocked'),
    ]);
    assert.notEqual(reauthorized, 'blocked', 'storing new credentials does not wait for the refresh');
    const credentials = await caller;
    assert.equal(credentials.secret.accessToken, 'at-new', 'the new authorization is used');
    assert.equal((await status(id)).status, 'ready');
  });

  it("sends refreshes through the provider's tokenFetch (a host that is not plain OAuth 2.0) and keeps what it answers", async () => {
    const calls: string[] = [];
    const adapted: OAuthProvider = {
      ...provider(tokens),
      tokenFetch: (url, init) => {
        calls.push(String(init.body));
        return fetch(url, init);
      },
    };
    const process = new HostCredentialsService(sources[0], crypto, config, new ConnectionRepository(sources[0]), [adapted]);
    const id = await connectionWithTokens(new Date(Date.now() - 60_000));
    const renewed = await process.forConnection(id);
    assert.equal(calls.length, 1);
    assert.match(calls[0], /grant_type=refresh_token/);
    assert.equal(renewed.secret.refreshToken, tokens.newest);
    assert.deepEqual(await stored(id), renewed.secret);
  });

  it('revokes at the host with the decrypted secret when the provider can, and says so', async () => {
    const revoked: Array<Record<string, unknown>> = [];
    const revoking = new HostCredentialsService(sources[0], crypto, config, new ConnectionRepository(sources[0]), [{ ...provider(tokens), revoke: async (_config, secret) => void revoked.push(secret) }]);
    const id = await connectionWithTokens(new Date(Date.now() + 3_600_000));
    assert.equal(await revoking.revokeAtHost(id), true);
    assert.deepEqual(revoked, [await stored(id)]);
    assert.equal(await services[0].revokeAtHost(id), false, 'a provider without revocation');
    assert.equal(await revoking.revokeAtHost(randomUUID()), false, 'no credentials');
    const failing = new HostCredentialsService(sources[0], crypto, config, new ConnectionRepository(sources[0]), [{ ...provider(tokens), revoke: async () => Promise.reject(new Error('host down')) }]);
    await assert.rejects(failing.revokeAtHost(id), /host down/);
  });
});
