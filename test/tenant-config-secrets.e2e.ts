import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { Scope } from '../src/auth/principal.js';
import { loadConfig } from '../src/config/app-config.js';
import { CryptoService } from '../src/common/crypto.service.js';
import { rotateKeys } from '../src/common/key-rotation.js';
import { startTestApp, TEST_ENCRYPTION_KEY, type TestApp } from './support/app.js';
import { expectJson, expectProblem } from './support/http.js';
import { captureLogs } from './support/log-capture.js';
import { TEST_AUDIENCE, TestIdentityProvider } from './support/identity-provider.js';
import { integrationBody, specCreateBody, specUpdateBody, TENANT_A } from './support/tenant-config.fixtures.js';

const SECRET = 'S3cr3t-plaintext-marker-7f3a';
const ALL_SCOPES = [
  Scope.TenantIntegrationRead,
  Scope.TenantIntegrationWrite,
  Scope.TenantConfigRead,
  Scope.TenantConfigWrite,
  Scope.TenantConfigVersionRead,
];

/** Every row of every table of the schema, as text. */
async function everyStoredRow(api: TestApp): Promise<string> {
  const tables = await api.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const dumps = await Promise.all(tables.map(({ table_name }) => api.query(`SELECT row_to_json(t)::text AS row FROM "${table_name}" t`)));
  return JSON.stringify(dumps);
}

describe('sensitive values, clone, bulk save and restore', () => {
  let idp: TestIdentityProvider;
  let api: TestApp;
  let admin: string;
  let sensitiveReader: string;
  const logs = captureLogs();
  const logLines = logs.lines;
  let authEnv: Record<string, string>;

  before(async () => {
    idp = await TestIdentityProvider.start();
    const { destination: logDestination } = logs;
    authEnv = { AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: TEST_AUDIENCE };
    api = await startTestApp({ ...authEnv, LOG_LEVEL: 'trace' }, { logDestination });
    admin = await idp.token({ sub: 'admin@companyxyz.com', scopes: ALL_SCOPES, tenants: [TENANT_A] });
    sensitiveReader = await idp.token({ sub: 'auditor@companyxyz.com', scopes: [...ALL_SCOPES, Scope.TenantConfigReadSensitive], tenants: [TENANT_A] });
  });

  after(async () => {
    await api?.close();
    await idp?.stop();
  });

  async function integrationWithSecret(name = 'apiPassword', overrides: Record<string, unknown> = {}): Promise<{ ti: string; config: Record<string, any> }> {
    const integration = await expectJson(await api.request('/tenantintegrations', { method: 'POST', token: admin, json: integrationBody() }), 201);
    const ti = `/tenantintegrations/${integration.id}`;
    const config = await expectJson(
      await api.request(`${ti}/configs`, { method: 'POST', token: admin, json: specCreateBody({ name, value: SECRET, sensitive: true, ...overrides }) }),
      201,
    );
    return { ti, config };
  }

  describe('sensitive values', () => {
    it('are masked, revealed only with ReadSensitive and reveal=true, and never stored or logged in plaintext', async () => {
      const { ti, config } = await integrationWithSecret();
      assert.equal(config.value, '********');
      const path = `${ti}/configs/${config.id}`;

      assert.equal((await expectJson(await api.request(path, { token: sensitiveReader }), 200)).value, '********', 'masked unless asked');
      assert.equal((await expectJson(await api.request(`${path}?reveal=true`, { token: sensitiveReader }), 200)).value, SECRET);
      const denied = await expectProblem(await api.request(`${path}?reveal=true`, { token: admin }), 403);
      assert.match(denied.detail, /ReadSensitive/);
      const listed = await expectJson(await api.request(`${ti}/configs?reveal=true`, { token: sensitiveReader }), 200);
      assert.equal(listed.content[0].value, SECRET);
      const versions = await expectJson(await api.request(`${ti}/configs/versions`, { token: admin }), 200);
      assert.equal(versions.content[0].value, '********');

      // The UI sends the mask back when another field changes: the secret is kept.
      const relabeled = await expectJson(
        await api.request(path, { method: 'PUT', token: admin, json: specUpdateBody({ name: 'apiPassword', value: '********', sensitive: true, label: 'API password' }) }),
        200,
      );
      assert.equal(relabeled.label, 'API password');
      assert.equal((await expectJson(await api.request(`${path}?reveal=true`, { token: sensitiveReader }), 200)).value, SECRET);

      const stored = await everyStoredRow(api);
      assert.ok(!stored.includes(SECRET), 'the plaintext is in the database');
      assert.ok(stored.includes('v1:test1:'), 'the ciphertext is stored');
      assert.ok(logLines.length > 10, 'the log capture works');
      assert.ok(!logLines.join('').includes(SECRET), 'the plaintext is in the logs');
    });

    it('turning sensitive off requires a new value in the same request', async () => {
      const { ti, config } = await integrationWithSecret('toggled');
      const path = `${ti}/configs/${config.id}`;
      const problem = await expectProblem(
        await api.request(path, { method: 'PUT', token: admin, json: specUpdateBody({ name: 'toggled', value: '********', sensitive: false }) }),
        400,
      );
      assert.equal(problem.code, 'TENANT_CONFIG.VALUE_REQUIRED');
      const plain = await expectJson(
        await api.request(path, { method: 'PUT', token: admin, json: specUpdateBody({ name: 'toggled', value: 'now-public', sensitive: false }) }),
        200,
      );
      assert.equal(plain.value, 'now-public');
      assert.equal(plain.sensitive, false);
      const [row] = await api.query<{ value: string; value_encrypted: string | null }>('SELECT value, value_encrypted FROM tenant_configs WHERE id = $1', [config.id]);
      assert.deepEqual(row, { value: 'now-public', value_encrypted: null });
    });

    it('turning sensitive on encrypts the kept value', async () => {
      const integration = await expectJson(await api.request('/tenantintegrations', { method: 'POST', token: admin, json: integrationBody() }), 201);
      const ti = `/tenantintegrations/${integration.id}`;
      const config = await expectJson(await api.request(`${ti}/configs`, { method: 'POST', token: admin, json: specCreateBody({ name: 'later', value: 'plain-then-secret' }) }), 201);
      const updated = await expectJson(
        await api.request(`${ti}/configs/${config.id}`, { method: 'PUT', token: admin, json: specUpdateBody({ name: 'later', value: undefined, sensitive: true }) }),
        200,
      );
      assert.equal(updated.value, '********');
      const [row] = await api.query<{ value: string | null }>('SELECT value FROM tenant_configs WHERE id = $1', [config.id]);
      assert.equal(row.value, null);
      assert.equal((await expectJson(await api.request(`${ti}/configs/${config.id}?reveal=true`, { token: sensitiveReader }), 200)).value, 'plain-then-secret');
    });
  });

  describe('key rotation', () => {
    it('re-encrypts every stored value under the new key while reads keep working', async () => {
      const { ti, config } = await integrationWithSecret('rotated');
      await expectJson(
        await api.request(`${ti}/configs/${config.id}`, { method: 'PUT', token: admin, json: specUpdateBody({ name: 'rotated', value: `${SECRET}-v1`, sensitive: true }) }),
        200,
      );
      const newKey = `test2:${randomBytes(32).toString('base64')}`;
      const rotating = await startTestApp({ ...authEnv, DATABASE_URL: api.database.url, ENCRYPTION_KEYS: `${newKey},${TEST_ENCRYPTION_KEY}` });
      const dataSource = new DataSource({ type: 'postgres', url: api.database.url });
      await dataSource.initialize();
      const readsDuringRotation: Array<Promise<string>> = [];
      try {
        const crypto = new CryptoService(loadConfig({ NODE_ENV: 'test', ENCRYPTION_KEYS: `${newKey},${TEST_ENCRYPTION_KEY}`, AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20) }));
        const results = await rotateKeys(dataSource, crypto, {
          batchSize: 1,
          onBatch: () => {
            const read = rotating.request(`${ti}/configs/${config.id}?reveal=true`, { token: sensitiveReader });
            readsDuringRotation.push(read.then(async (r) => ((await r.json()) as { value: string }).value));
          },
        });
        const values = await Promise.all(readsDuringRotation);
        assert.ok(values.length >= 3 && values.every((v) => v === `${SECRET}-v1`), JSON.stringify(values));
        assert.ok(results.every((r) => r.skipped === 0));
        assert.ok(results.reduce((sum, r) => sum + r.rotated, 0) >= 3);
      } finally {
        await dataSource.destroy();
        await rotating.close();
      }

      const keyIds = await api.query<{ key: string }>(
        `SELECT split_part(value_encrypted, ':', 2) AS key FROM tenant_configs WHERE value_encrypted IS NOT NULL
         UNION ALL SELECT split_part(value_encrypted, ':', 2) FROM tenant_config_versions WHERE value_encrypted IS NOT NULL`,
      );
      assert.ok(keyIds.length > 0 && keyIds.every((k) => k.key === 'test2'), JSON.stringify(keyIds));

      // The old key can now be dropped: a service with only the new key reads everything.
      const newOnly = await startTestApp({ ...authEnv, DATABASE_URL: api.database.url, ENCRYPTION_KEYS: newKey });
      try {
        const current = await expectJson(await newOnly.request(`${ti}/configs/${config.id}?reveal=true`, { token: sensitiveReader }), 200);
        assert.equal(current.value, `${SECRET}-v1`);
        const history = await expectJson(await newOnly.request(`${ti}/configs/${config.id}/versions?reveal=true&pageSort=version`, { token: sensitiveReader }), 200);
        assert.deepEqual(history.content.map((v: { value: string }) => v.value), [SECRET, `${SECRET}-v1`]);
      } finally {
        await newOnly.close();
      }
    });
  });

  describe('clone', () => {
    it('copies the integration and its configs (secrets re-encrypted) into an independent integration', async () => {
      // Configs that use the default integration identifier (their tenant integration) follow the clone.
      const { ti, config } = await integrationWithSecret('cloned-secret', { integration: undefined });
      await expectJson(await api.request(`${ti}/configs`, { method: 'POST', token: admin, json: specCreateBody({ name: 'cloned-plain', value: 'plain', integration: undefined }) }), 201);
      const clone = await expectJson(
        await api.request(`${ti}/clone`, { method: 'POST', token: admin, json: { name: 'the copy', partnerTenant: 'partner-2', partnerTenantName: 'Partner 2' } }),
        201,
      );
      assert.equal(clone.name, 'the copy');
      assert.equal(clone.partnerTenant, 'partner-2');
      assert.equal(clone.tenant, TENANT_A);
      assert.equal(clone.version, 0);
      const cloneTi = `/tenantintegrations/${clone.id}`;
      const copied = await expectJson(await api.request(`${cloneTi}/configs?reveal=true&pageSort=name`, { token: sensitiveReader }), 200);
      assert.deepEqual(copied.content.map((c: any) => [c.name, c.value, c.partnerTenant, c.version, c.integration]), [
        ['cloned-plain', 'plain', 'partner-2', 0, clone.id],
        ['cloned-secret', SECRET, 'partner-2', 0, clone.id],
      ]);
      const [original, copy] = await api.query<{ value_encrypted: string }>(
        'SELECT value_encrypted FROM tenant_configs WHERE name = $1 ORDER BY created_at',
        ['cloned-secret'],
      );
      assert.notEqual(original.value_encrypted, copy.value_encrypted, 'each copy has its own ciphertext');

      const copiedSecret = copied.content.find((c: { name: string }) => c.name === 'cloned-secret');
      await expectJson(
        await api.request(`${cloneTi}/configs/${copiedSecret.id}`, { method: 'PUT', token: admin, json: specUpdateBody({ name: 'cloned-secret', partnerTenant: 'partner-2', value: 'changed-in-clone', sensitive: true }) }),
        200,
      );
      assert.equal((await expectJson(await api.request(`${ti}/configs/${config.id}?reveal=true`, { token: sensitiveReader }), 200)).value, SECRET);
      assert.equal((await api.request(ti, { method: 'DELETE', token: admin })).status, 204);
      assert.equal((await expectJson(await api.request(`${cloneTi}/configs/${copiedSecret.id}?reveal=true`, { token: sensitiveReader }), 200)).value, 'changed-in-clone');
    });

    it('answers 409 when a copied config would duplicate one of the same tenant and explicit integration identifier', async () => {
      const { ti } = await integrationWithSecret('clash');
      const problem = await expectProblem(await api.request(`${ti}/clone`, { method: 'POST', token: admin, json: { name: 'same scope' } }), 409);
      assert.equal(problem.code, 'TENANT_CONFIG.DUPLICATE_NAME');
      const integrations = await expectJson(await api.request('/tenantintegrations?pageSize=100', { token: admin }), 200);
      assert.ok(!integrations.content.some((i: { name: string }) => i.name === 'same scope'), 'the failed clone left nothing behind');
    });
  });

  describe('bulk save', () => {
    it('applies every item, or none when one is stale (the 409 names it)', async () => {
      const integration = await expectJson(await api.request('/tenantintegrations', { method: 'POST', token: admin, json: integrationBody() }), 201);
      const ti = `/tenantintegrations/${integration.id}`;
      const a = await expectJson(await api.request(`${ti}/configs`, { method: 'POST', token: admin, json: specCreateBody({ name: 'a', value: '1' }) }), 201);
      const b = await expectJson(await api.request(`${ti}/configs`, { method: 'POST', token: admin, json: specCreateBody({ name: 'b', value: '1' }) }), 201);

      const saved = await expectJson(
        await api.request(`${ti}/configs`, {
          method: 'PUT',
          token: admin,
          json: { configs: [
            { ...specUpdateBody({ name: 'a', value: '2' }), id: a.id, version: 0 },
            { ...specUpdateBody({ name: 'b', value: '2' }), id: b.id, version: 0 },
            specCreateBody({ name: 'c', value: '2' }),
          ] },
        }),
        200,
      );
      assert.deepEqual(saved.content.map((c: any) => [c.name, c.value, c.version]), [['a', '2', 1], ['b', '2', 1], ['c', '2', 0]]);

      const problem = await expectProblem(
        await api.request(`${ti}/configs`, {
          method: 'PUT',
          token: admin,
          json: { configs: [
            { ...specUpdateBody({ name: 'a', value: '3' }), id: a.id, version: 1 },
            specCreateBody({ name: 'd', value: '3' }),
            { ...specUpdateBody({ name: 'b', value: '3' }), id: b.id, version: 0 },
          ] },
        }),
        409,
      );
      assert.equal(problem.item, 2);
      assert.match(problem.detail, /configs\[2\]/);
      assert.equal(problem.currentVersion, 1);
      const repeated = await expectProblem(
        await api.request(`${ti}/configs`, {
          method: 'PUT',
          token: admin,
          json: { configs: [{ ...specUpdateBody({ name: 'a', value: '4' }), id: a.id }, { ...specUpdateBody({ name: 'a', value: '5' }), id: a.id }] },
        }),
        400,
      );
      assert.equal(repeated.errors[0].field, 'configs[1].id');
      const after = await expectJson(await api.request(`${ti}/configs?pageSort=name`, { token: admin }), 200);
      assert.deepEqual(after.content.map((c: any) => [c.name, c.value, c.version]), [['a', '2', 1], ['b', '2', 1], ['c', '2', 0]], 'nothing of the failed set was saved');
    });
  });

  describe('restore', () => {
    it('writes an earlier version’s content as a new version', async () => {
      const { ti, config } = await integrationWithSecret('restored');
      const path = `${ti}/configs/${config.id}`;
      await expectJson(await api.request(path, { method: 'PUT', token: admin, json: specUpdateBody({ name: 'restored', value: 'second', sensitive: true, label: 'changed' }) }), 200);
      await expectProblem(await api.request(`${path}/versions/0/restore`, { method: 'POST', token: admin, headers: { 'if-match': '"0"' } }), 409);
      await expectProblem(await api.request(`${path}/versions/9/restore`, { method: 'POST', token: admin }), 404);
      const restored = await expectJson(await api.request(`${path}/versions/0/restore`, { method: 'POST', token: admin, headers: { 'if-match': '"1"' } }), 200);
      assert.equal(restored.version, 2);
      assert.equal(restored.label, 'Enable Message Logging');
      assert.equal((await expectJson(await api.request(`${path}?reveal=true`, { token: sensitiveReader }), 200)).value, SECRET);
      const history = await expectJson(await api.request(`${path}/versions?pageSort=version`, { token: admin }), 200);
      assert.deepEqual(history.content.map((v: any) => [v.version, v.operation]), [[0, 'create'], [1, 'update'], [2, 'restore']]);
      const filtered = await expectJson(await api.request(`${path}/versions?group=no-such-group`, { token: admin }), 200);
      assert.equal(filtered.page.totalElements, 0, 'a filter that matches nothing is an empty page, not a 404');
      await expectProblem(await api.request(`${ti}/configs/00000000-0000-4000-8000-000000000000/versions`, { token: admin }), 404);
    });
  });
});
