import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { CryptoService } from '../../common/crypto.service.js';
import { loadConfig } from '../../config/app-config.js';
import { ConnectionRepository } from '../../connections/connection.repository.js';
import { credentialsAssociatedData } from '../../connections/connection.service.js';
import { AuthorizationLostError, HostCredentialsService } from './host-credentials.service.js';
import type { OAuthProvider } from './oauth-provider.js';

/** A token endpoint that rotates refresh tokens: a refresh token works once, like real servers. */
class RotatingTokenServer {
  requests = 0;
  /** Refresh tokens that still work; each works once. */
  private readonly valid = new Set<string>();
  private issued = 0;
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<RotatingTokenServer> {
    let fake: RotatingTokenServer | undefined;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        fake!.requests += 1;
        const form = new URLSearchParams(body);
        setTimeout(() => {
          response.setHeader('content-type', 'application/json');
          const presented = form.get('refresh_token') ?? '';
          if (form.get('grant_type') !== 'refresh_token' || !fake!.valid.delete(presented) || form.get('client_secret') !== 'secret') {
            response.statusCode = 400;
            return response.end(JSON.stringify({ error: 'invalid_grant' }));
          }
          const refreshToken = fake!.mint();
          response.end(JSON.stringify({ access_token: `at-${fake!.issued}`, refresh_token: refreshToken, token_type: 'Bearer', expires_in: 3600 }));
        }, 150); // slow, to let concurrent callers overlap
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new RotatingTokenServer(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`);
    return fake;
  }

  /** A new refresh token (for a new grant, or to rotate a used one). */
  mint(): string {
    this.issued += 1;
    const token = `rt-${this.issued}`;
    this.valid.add(token);
    return token;
  }

  revokeAll(): void {
    this.valid.clear();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('HostCredentialsService token refresh (real PostgreSQL, real token endpoint)', () => {
  let database: TestDatabase;
  let tokens: RotatingTokenServer;
  const sources: DataSource[] = [];
  let services: HostCredentialsService[];
  const config = loadConfig({ NODE_ENV: 'test', ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`, AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20) });
  const crypto = new CryptoService(config);

  before(async () => {
    database = await createTestDatabase();
    tokens = await RotatingTokenServer.start();
    const provider: OAuthProvider = {
      connectorId: 'TESTHOST',
      scopes: [],
      pkce: true,
      refreshes: true,
      endpoints: () => ({ authorization: `${tokens.url}/authorize`, token: `${tokens.url}/token` }),
      client: () => ({ clientId: 'client', clientSecret: 'secret' }),
      credentials: (token) => ({
        secret: { accessToken: token.access_token, refreshToken: token.refresh_token },
        scopes: [],
        expiresAt: new Date(Date.now() + Number(token.expires_in) * 1000),
      }),
    };
    // Two "processes": separate connection pools, so only the database can coordinate them.
    for (let i = 0; i < 2; i += 1) {
      const source = new DataSource({ type: 'postgres', url: database.url, extra: { max: 4 } });
      await source.initialize();
      sources.push(source);
    }
    services = sources.map((source) => new HostCredentialsService(source, crypto, config, new ConnectionRepository(source), [provider]));
  });

  after(async () => {
    for (const source of sources) await source.destroy();
    await tokens?.stop();
    await database?.drop();
  });

  /** A connection holding access token `at-0` and a fresh refresh token. */
  async function connectionWithTokens(expiresAt: Date): Promise<string> {
    const id = randomUUID();
    const refreshToken = tokens.mint();
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

  it('refreshes an expired token once for two concurrent callers in two processes, keeping the rotated refresh token', async () => {
    const id = await connectionWithTokens(new Date(Date.now() - 60_000));
    const before = tokens.requests;
    const [a, b] = await Promise.all(services.map((service) => service.forConnection(id)));
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
    const renewed = await Promise.all(services.map((service) => service.forConnection(id, current)));
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
    const [connection] = await sources[0].query('SELECT status, status_detail FROM connections WHERE id = $1', [id]);
    assert.equal(connection.status, 'auth_error');
    assert.match(connection.status_detail, /invalid_grant/);
  });
});
