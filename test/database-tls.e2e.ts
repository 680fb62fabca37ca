import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TLSSocket } from 'node:tls';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config.js';
import { tlsOptions, typeOrmOptions } from '../src/database/typeorm-options.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const SSL_REQUEST_CODE = 80877103;

/**
 * PostgreSQL behind TLS with a self-signed certificate, on 127.0.0.1: answers the client's
 * SSLRequest with 'S', terminates TLS and forwards the plain protocol to the real server.
 */
class TlsTerminator {
  handshakes = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(target: URL, key: Buffer, cert: Buffer): Promise<TlsTerminator> {
    let terminator: TlsTerminator | undefined;
    const server = createServer((client) => {
      terminator!.sockets.add(client);
      client.on('error', () => undefined);
      client.once('data', (first) => {
        if (first.length !== 8 || first.readInt32BE(4) !== SSL_REQUEST_CODE) return client.destroy();
        client.write('S');
        const secure = new TLSSocket(client, { isServer: true, key, cert });
        secure.on('error', () => undefined);
        secure.on('secure', () => {
          terminator!.handshakes += 1;
          const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
          upstream.on('error', () => secure.destroy());
          terminator!.sockets.add(upstream);
          secure.pipe(upstream).pipe(secure);
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    terminator = new TlsTerminator(server, (server.address() as { port: number }).port);
    return terminator;
  }

  stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('database TLS', () => {
  let database: TestDatabase;
  let terminator: TlsTerminator;
  let certDir: string;

  before(async () => {
    database = await createTestDatabase();
    certDir = mkdtempSync(join(tmpdir(), 'db-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem'),
    ], { stdio: 'ignore' });
    terminator = await TlsTerminator.start(new URL(database.url), readFileSync(join(certDir, 'key.pem')), readFileSync(join(certDir, 'cert.pem')));
  });

  after(async () => {
    await terminator?.stop();
    await database?.drop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  function dataSourceFor(ssl: string): DataSource {
    const url = new URL(database.url);
    url.hostname = '127.0.0.1';
    url.port = String(terminator.port);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url.toString(), DATABASE_SSL: ssl, AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20), ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}` }, { dataDir: certDir });
    return new DataSource({ ...typeOrmOptions(config), migrations: [], extra: { max: 1, connectionTimeoutMillis: 5000 } });
  }

  it('verifies the server certificate by default: a certificate no trusted CA signed is refused', async () => {
    const before = terminator.handshakes;
    await assert.rejects(dataSourceFor('require').initialize(), /self[- ]signed certificate/);
    assert.equal(terminator.handshakes, before, 'the TLS session was not established');
  });

  it('DATABASE_SSL=no-verify encrypts without verifying (providers like Heroku Postgres)', async () => {
    const before = terminator.handshakes;
    const dataSource = await dataSourceFor('no-verify').initialize();
    try {
      const [row] = await dataSource.query('SELECT current_database() AS name');
      assert.equal(row.name, database.name);
      assert.ok(terminator.handshakes > before, 'the connection went through TLS');
    } finally {
      await dataSource.destroy();
    }
  });

  it('auto: remote hosts get TLS with verification, local hosts none', () => {
    assert.deepEqual(tlsOptions('postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/db', 'auto'), { rejectUnauthorized: true });
    assert.deepEqual(tlsOptions('postgres://u:p@ec2-1-2-3-4.compute-1.amazonaws.com:5432/db', 'no-verify'), { rejectUnauthorized: false });
    assert.deepEqual(tlsOptions('postgres://u:p@localhost:5432/db', 'require'), { rejectUnauthorized: true });
    assert.equal(tlsOptions('postgres://u:p@localhost:5432/db', 'auto'), false);
    assert.equal(tlsOptions('postgres://u:p@db.example.com:5432/db', 'disable'), false);
  });
});
