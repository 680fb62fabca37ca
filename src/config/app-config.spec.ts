import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useTls } from '../database/typeorm-options.js';
import { ConfigError, loadConfig } from './app-config.js';

const validKey = `k1:${randomBytes(32).toString('base64')}`;
const tempDir = () => mkdtempSync(join(tmpdir(), 'config-spec-'));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, { dataDir: tempDir() });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return [...error.problems];
  }
  return assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  it('falls back to local defaults in development', () => {
    const dataDir = tempDir();
    const config = loadConfig({}, { dataDir });
    assert.equal(config.nodeEnv, 'development');
    assert.equal(config.port, 3000);
    assert.equal(config.database.url, undefined);
    assert.equal(config.database.ssl, 'auto');
    assert.equal(config.auth.tenantsClaim, 'tenants');
    assert.equal(config.syncIntervalMinutes, 240);
    assert.equal(config.workerConcurrency, 2);
    assert.equal(config.processRole, 'all');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.publicBaseUrl, 'http://localhost:3000');
    assert.equal(config.adminOrigin, 'http://localhost:3000');
    assert.equal(config.trustProxy, false, 'no proxy in development: X-Forwarded-For is not believed');
    assert.ok(config.auth.generatedToken && config.auth.generatedToken.length >= 24);
    assert.deepEqual(config.auth.staticTokens, [config.auth.generatedToken]);
  });

  it('generates the development encryption key once, private to the owner, and reuses it', () => {
    const dataDir = tempDir();
    const first = loadConfig({}, { dataDir });
    const second = loadConfig({}, { dataDir });
    assert.equal(first.encryption.keys[0].key.length, 32);
    assert.deepEqual(second.encryption.keys[0].key, first.encryption.keys[0].key);
    assert.equal(statSync(join(dataDir, 'encryption-key')).mode & 0o777, 0o600);
    assert.ok(first.warnings.some((w) => w.includes('ENCRYPTION_KEYS is not set')));
    assert.ok(readFileSync(join(dataDir, 'encryption-key'), 'utf8').startsWith('dev1:'));
  });

  it('reads every documented variable', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        PORT: '8080',
        DATABASE_URL: 'postgres://u:p@db.example.com:5432/app',
        DATABASE_SSL: 'require',
        AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
        AUTH_ISSUER: 'https://idp.example.com/',
        AUTH_AUDIENCE: 'connector-hub, other-api',
        AUTH_TENANTS_CLAIM: 'https://vertex/tenants',
        AVALARA_TO_EXTRACTOR_TOKEN: 'first-token-0123456789,second-token-0123456789',
        EXTRACTOR_TO_AVALARA_TOKEN: 'outbound-token',
        TRUSTFILE_API_URL: 'https://trustfile.example.com/api/',
        ENCRYPTION_KEYS: validKey,
        PUBLIC_BASE_URL: 'https://hub.example.com/',
        SYNC_INTERVAL_MINUTES: '60',
        WORKER_CONCURRENCY: '4',
        PROCESS_ROLE: 'worker',
        LOG_LEVEL: 'debug',
        AROFLO_API_URL: 'http://127.0.0.1:9999/api/',
        BIGCOMMERCE_CLIENT_ID: 'bc-client',
        BIGCOMMERCE_CLIENT_SECRET: 'bc-secret',
      },
      { dataDir: tempDir() },
    );
    assert.equal(config.port, 8080);
    assert.equal(config.database.ssl, 'require');
    assert.equal(config.database.migrateOnBoot, false);
    assert.deepEqual(config.auth.audience, ['connector-hub', 'other-api']);
    assert.equal(config.auth.tenantsClaim, 'https://vertex/tenants');
    assert.deepEqual(config.auth.staticTokens, ['first-token-0123456789', 'second-token-0123456789']);
    assert.equal(config.auth.generatedToken, undefined);
    assert.equal(config.trustfile.apiUrl, 'https://trustfile.example.com/api/');
    assert.equal(config.publicBaseUrl, 'https://hub.example.com');
    assert.equal(config.syncIntervalMinutes, 60);
    assert.equal(config.workerConcurrency, 4);
    assert.equal(config.processRole, 'worker');
    assert.deepEqual(config.hostSystem('aroflo'), { apiUrl: 'http://127.0.0.1:9999/api' });
    assert.deepEqual(config.hostSystem('bigcommerce'), { clientId: 'bc-client', clientSecret: 'bc-secret' });
    assert.deepEqual(config.encryption.keys.map((k) => k.id), ['k1']);
  });

  it('refuses to start in production, listing every missing variable at once', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    for (const name of ['DATABASE_URL', 'ENCRYPTION_KEYS', 'PUBLIC_BASE_URL', 'AUTH_JWKS_URL or AVALARA_TO_EXTRACTOR_TOKEN']) {
      assert.ok(problems.some((p) => p.startsWith(name)), `${name} missing from ${JSON.stringify(problems)}`);
    }
  });

  it('does not invent a service token in production', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u:p@db.example.com/app',
        ENCRYPTION_KEYS: validKey,
        PUBLIC_BASE_URL: 'https://hub.example.com',
        AUTH_JWKS_URL: 'https://idp.example.com/jwks',
        AUTH_ISSUER: 'https://idp.example.com',
        AUTH_AUDIENCE: 'connector-hub',
      },
      { dataDir: tempDir() },
    );
    assert.deepEqual(config.auth.staticTokens, []);
    assert.equal(config.trustProxy, 1, 'production: one hop, the Heroku router');
    assert.equal(config.database.ssl, 'auto');
  });

  it('in production with AUTH_JWKS_URL, requires AUTH_ISSUER and AUTH_AUDIENCE', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db.example.com/app', ENCRYPTION_KEYS: validKey, PUBLIC_BASE_URL: 'https://hub.example.com' };
    const problems = problemsOf({ ...production, AUTH_JWKS_URL: 'https://idp.example.com/jwks' });
    assert.deepEqual(problems.filter((p) => p.startsWith('AUTH_')), [
      'AUTH_ISSUER and AUTH_AUDIENCE are required in production when AUTH_JWKS_URL is set (tokens of any issuer or audience would be accepted)',
    ]);
    assert.equal(problemsOf({ ...production, AUTH_JWKS_URL: 'https://idp.example.com/jwks', AUTH_ISSUER: 'https://idp.example.com' }).length, 1);
  });

  it('refuses a JWKS URL over plain http unless the host is local', () => {
    const problems = problemsOf({ AUTH_JWKS_URL: 'http://idp.example.com/jwks', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' });
    assert.ok(problems.some((p) => p.startsWith('AUTH_JWKS_URL must use https')), JSON.stringify(problems));
    for (const url of ['http://127.0.0.1:8080/jwks', 'http://localhost/jwks', 'https://idp.example.com/jwks']) {
      assert.equal(loadConfig({ AUTH_JWKS_URL: url }, { dataDir: tempDir() }).auth.jwksUrl, url);
    }
  });

  it('lists every malformed variable without echoing secret values', () => {
    const shortKey = `k1:${Buffer.from('too-short-secret').toString('base64')}`;
    const error = (() => {
      try {
        loadConfig(
          {
            PORT: 'eighty',
            DATABASE_URL: 'mysql://x',
            DATABASE_SSL: 'maybe',
            AUTH_JWKS_URL: 'not a url',
            AVALARA_TO_EXTRACTOR_TOKEN: 'short',
            ENCRYPTION_KEYS: shortKey,
            SYNC_INTERVAL_MINUTES: '0',
            WORKER_CONCURRENCY: 'many',
            PROCESS_ROLE: 'both',
            LOG_LEVEL: 'loud',
            AROFLO_API_URL: 'ftp://host',
            TRUSTFILE_API_URL: 'trustfile.example.com/api',
            EXTRACTOR_TO_AVALARA_TOKEN: 'short',
          },
          { dataDir: tempDir() },
        );
      } catch (e) {
        return e as ConfigError;
      }
      return assert.fail('expected a ConfigError');
    })();
    assert.ok(error instanceof ConfigError);
    for (const name of [
      'PORT', 'DATABASE_URL', 'DATABASE_SSL', 'AUTH_JWKS_URL', 'AVALARA_TO_EXTRACTOR_TOKEN', 'ENCRYPTION_KEYS',
      'SYNC_INTERVAL_MINUTES', 'WORKER_CONCURRENCY', 'PROCESS_ROLE', 'LOG_LEVEL', 'AROFLO_API_URL',
      'TRUSTFILE_API_URL', 'EXTRACTOR_TO_AVALARA_TOKEN',
    ]) {
      assert.ok(error.problems.some((p) => p.startsWith(name)), `${name} missing from ${JSON.stringify(error.problems)}`);
    }
    assert.ok(!error.message.includes(shortKey.split(':')[1]), 'the key material must not be echoed');
    assert.ok(!error.message.includes('short,'), 'the token must not be echoed');
  });
});

describe('database TLS', () => {
  it('auto uses TLS for remote hosts only', () => {
    assert.equal(useTls('postgres://u:p@localhost/db', 'auto'), false);
    assert.equal(useTls('postgres://u:p@127.0.0.1:5432/db', 'auto'), false);
    assert.equal(useTls('postgres://u:p@ec2-1-2-3-4.compute.amazonaws.com:5432/db', 'auto'), true);
    assert.equal(useTls('postgres://u:p@localhost/db', 'require'), true);
    assert.equal(useTls('postgres://u:p@remote.example.com/db', 'disable'), false);
  });
});
