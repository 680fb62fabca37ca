import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { Scope } from '../src/auth/principal.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { expectJson, expectProblem } from './support/http.js';
import { TEST_AUDIENCE, TestIdentityProvider } from './support/identity-provider.js';
import { integrationBody, PARTNER_TENANT, specCreateBody, TENANT_A, TENANT_B } from './support/tenant-config.fixtures.js';

const SCOPES = [
  Scope.TenantIntegrationRead,
  Scope.TenantIntegrationWrite,
  Scope.TenantConfigRead,
  Scope.TenantConfigWrite,
  Scope.ConnectionRead,
  Scope.ConnectionWrite,
];

/** Findings of the security review (issue 15) that are not specific to one resource's own tests. */
describe('security review findings', () => {
  let idp: TestIdentityProvider;
  let api: TestApp;
  let adminA: string;
  let adminB: string;

  before(async () => {
    idp = await TestIdentityProvider.start();
    api = await startTestApp({ AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: TEST_AUDIENCE });
    adminA = await idp.token({ sub: 'attacker@tenant-a.com', scopes: SCOPES, tenants: [TENANT_A] });
    adminB = await idp.token({ sub: 'owner@tenant-b.com', scopes: SCOPES, tenants: [TENANT_B] });
  });

  after(async () => {
    await api?.close();
    await idp?.stop();
  });

  async function createIntegration(token: string, tenant: string): Promise<Record<string, any>> {
    return expectJson(await api.request('/tenantintegrations', { method: 'POST', token, json: integrationBody({ tenant }) }), 201);
  }

  function createConfig(token: string, integrationId: string, tenant: string, overrides: Record<string, unknown>): Promise<Response> {
    return api.request(`/tenantintegrations/${integrationId}/configs`, { method: 'POST', token, json: specCreateBody({ tenant, ...overrides }) });
  }

  describe('prepared statements', () => {
    it('keeps the number of prepared statements per pooled connection bounded under a flood of distinct sorts', async () => {
      const integration = await createIntegration(adminA, TENANT_A);
      assert.equal((await createConfig(adminA, integration.id, TENANT_A, { name: 'one' })).status, 201);
      const fields = ['updatedAt', 'createdAt', 'name', 'group', 'label', 'description', 'version'];
      const sorts: string[][] = [];
      for (const a of fields) for (const b of fields) for (const c of fields) {
        if (a === b || b === c || a === c) continue;
        for (const d of ['ASC', 'DESC']) sorts.push([`${a},${d}`, `${b},ASC`, `${c},${d}`]);
      }
      assert.ok(sorts.length >= 400);
      for (const sort of sorts.slice(0, 400)) {
        const query = new URLSearchParams(sort.map((s): [string, string] => ['pageSort', s]));
        await expectJson(await api.request(`/tenantintegrations/${integration.id}/configs?${query}`, { token: adminA }), 200);
      }
      const pool = (api.app.get(DataSource).driver as PostgresDriver).master as pg.Pool;
      const clients = await Promise.all(Array.from({ length: Math.max(1, pool.totalCount) }, () => pool.connect()));
      try {
        const counts = await Promise.all(clients.map(async (client) => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows[0].n));
        assert.ok(Math.max(...counts) <= 20, `prepared statements per connection: ${counts.join(', ')}`);
      } finally {
        for (const client of clients) client.release();
      }
    });
  });

  describe('tenant config uniqueness', () => {
    it('does not tell tenant A whether tenant B has a config of a name, nor let A take it first', async () => {
      const integrationOfB = await createIntegration(adminB, TENANT_B);
      const integrationOfA = await createIntegration(adminA, TENANT_A);
      assert.equal(integrationOfA.partnerTenant, PARTNER_TENANT, 'the attacker chooses the same partner tenant');
      const target = { integration: integrationOfB.id, name: 'dbPassword', value: 'b-secret', sensitive: true };
      await expectJson(await createConfig(adminB, integrationOfB.id, TENANT_B, target), 201);
      // The oracle: 409 when B has it, 201 when not. Now A's namespace is A's own.
      await expectJson(await createConfig(adminA, integrationOfA.id, TENANT_A, { ...target, value: 'probe' }), 201);
      // Squatting: A takes a name first; B still creates it.
      await expectJson(await createConfig(adminA, integrationOfA.id, TENANT_A, { integration: integrationOfB.id, name: 'apiUser' }), 201);
      await expectJson(await createConfig(adminB, integrationOfB.id, TENANT_B, { integration: integrationOfB.id, name: 'apiUser' }), 201);
      // Uniqueness within the caller's own tenant still holds.
      const duplicate = await expectProblem(await createConfig(adminA, integrationOfA.id, TENANT_A, { integration: integrationOfB.id, name: 'apiUser' }), 409);
      assert.equal(duplicate.code, 'TENANT_CONFIG.DUPLICATE_NAME');
    });
  });

  describe('JSON bodies', () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

    it('answers a deeply nested body (about 600 KB) with a 400 problem, not a 500', async () => {
      const integration = await createIntegration(adminA, TENANT_A);
      const deep = nested(120_000);
      assert.ok(deep.length > 600_000 && deep.length < 1024 * 1024);
      const requests: Array<[string, string, string, string]> = [
        ['POST', '/connections', `{"connector":"AROFLO","name":"x","tenant":"${TENANT_A}","settings":${deep}}`, 'application/json'],
        ['PATCH', `/tenantintegrations/${integration.id}`, `{"settings":${deep}}`, 'application/merge-patch+json'],
        ['PATCH', `/tenantintegrations/${integration.id}`, `{"settings":${deep}}`, 'application/json'],
        ['POST', '/tenantintegrations', `[${'['.repeat(70)}${']'.repeat(70)}]`, 'application/json'],
      ];
      for (const [method, path, body, type] of requests) {
        const problem = await expectProblem(await api.request(path, { method, token: adminA, body, headers: { 'content-type': type } }), 400);
        assert.equal(problem.code, 'REQUEST.TOO_DEEPLY_NESTED', `${method} ${path} (${type})`);
      }
    });

    it('still accepts ordinary nesting, and brackets inside strings do not count', async () => {
      const integration = await createIntegration(adminA, TENANT_A);
      const settings = { a: JSON.parse(nested(20)), text: '{'.repeat(200) + '['.repeat(200) + '\\"' };
      const patched = await expectJson(
        await api.request(`/tenantintegrations/${integration.id}`, { method: 'PATCH', token: adminA, json: { settings } }),
        200,
      );
      assert.equal(patched.settings.text, settings.text);
      const missing = await expectProblem(await api.request('/connections', { method: 'POST', token: SERVICE_TOKEN, body: '{"name": "x",', headers: { 'content-type': 'application/json' } }), 400);
      assert.match(String(missing.detail), /not valid JSON/);
    });
  });
});
