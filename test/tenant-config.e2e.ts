import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Scope } from '../src/auth/principal.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { expectJson, expectProblem } from './support/http.js';
import { TEST_AUDIENCE, TestIdentityProvider } from './support/identity-provider.js';
import {
  CLIENT,
  integrationBody,
  PARTNER_TENANT,
  specCreateBody,
  specUpdateBody,
  TENANT_A,
  TENANT_B,
} from './support/tenant-config.fixtures.js';

const ADMIN_SCOPES = [
  Scope.TenantIntegrationRead,
  Scope.TenantIntegrationWrite,
  Scope.TenantConfigRead,
  Scope.TenantConfigWrite,
  Scope.TenantConfigVersionRead,
  Scope.TenantConfigReadSensitive,
];

describe('Tenant Configuration API', () => {
  let idp: TestIdentityProvider;
  let api: TestApp;
  let adminA: string;
  let adminB: string;
  let readerA: string;

  before(async () => {
    idp = await TestIdentityProvider.start();
    api = await startTestApp({ AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: TEST_AUDIENCE });
    adminA = await idp.token({ sub: 'user1@companyXyz.com', scopes: ADMIN_SCOPES, tenants: [TENANT_A] });
    adminB = await idp.token({ sub: 'intruder@other.com', scopes: ADMIN_SCOPES, tenants: [TENANT_B] });
    readerA = await idp.token({ sub: 'reader@companyXyz.com', scopes: [Scope.TenantIntegrationRead, Scope.TenantConfigRead], tenants: [TENANT_A] });
  });

  after(async () => {
    await api?.close();
    await idp?.stop();
  });

  async function createIntegration(token = adminA, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
    return expectJson(await api.request('/tenantintegrations', { method: 'POST', token, json: integrationBody(overrides) }), 201);
  }

  async function createConfig(integrationId: string, overrides: Record<string, unknown> = {}, token = adminA): Promise<Record<string, any>> {
    return expectJson(
      await api.request(`/tenantintegrations/${integrationId}/configs`, { method: 'POST', token, json: specCreateBody(overrides) }),
      201,
    );
  }

  describe('the spec examples', () => {
    it('create, read, update, list, list by partner tenant, list versions and delete a config', async () => {
      const integration = await createIntegration();
      assert.equal(integration.version, 0);
      assert.equal(integration.createdBy, 'user1@companyXyz.com');
      assert.equal(integration.mode, 'settings');

      const created = await createConfig(integration.id);
      assert.deepEqual(
        { ...created, id: undefined, createdAt: undefined, updatedAt: undefined },
        {
          ...specCreateBody(),
          sensitive: false,
          id: undefined,
          createdAt: undefined,
          updatedAt: undefined,
          version: 0,
          createdBy: 'user1@companyXyz.com',
          updatedBy: 'user1@companyXyz.com',
          tenantIntegration: integration.id,
        },
      );
      assert.equal(created.createdAt, created.updatedAt);
      assert.match(created.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      const path = `/tenantintegrations/${integration.id}/configs/${created.id}`;
      const read = await api.request(path, { token: adminA });
      assert.equal(read.headers.get('etag'), '"0"');
      assert.deepEqual(await read.json(), created);

      const updated = await expectJson(await api.request(path, { method: 'PUT', token: adminA, json: specUpdateBody() }), 200);
      assert.equal(updated.version, 1);
      assert.equal(updated.group, 'reportingConfigs');
      assert.equal(updated.value, 'false');
      assert.equal(updated.createdAt, created.createdAt);

      const byGroup = await expectJson(await api.request(`/tenantintegrations/${integration.id}/configs?group=reportingConfigs`, { token: adminA }), 200);
      assert.deepEqual(byGroup.content.map((c: { id: string }) => c.id), [created.id]);
      assert.deepEqual(byGroup.page, { number: 0, size: 20, totalElements: 1, totalPages: 1 });
      const none = await expectJson(await api.request(`/tenantintegrations/${integration.id}/configs?group=reporting`, { token: adminA }), 200);
      assert.equal(none.page.totalElements, 0);

      const byPartner = await expectJson(
        await api.request(`/connectors/BIGCOMMERCE_OSERIES/partnertenants/${PARTNER_TENANT}/configs?group=reportingConfigs`, { token: adminA }),
        200,
      );
      assert.deepEqual(byPartner.content.map((c: { id: string }) => c.id), [created.id]);

      assert.equal((await api.request(path, { method: 'DELETE', token: adminA })).status, 204);
      await expectProblem(await api.request(path, { token: adminA }), 404);

      const versions = await expectJson(
        await api.request(`/tenantintegrations/${integration.id}/configs/versions?pageSort=version,ASC`, { token: adminA }),
        200,
      );
      assert.deepEqual(
        versions.content.map((v: any) => [v.version, v.operation, v.group, v.value, v.tenantConfig]),
        [
          [0, 'create', 'messageLogConfigs', 'true', created.id],
          [1, 'update', 'reportingConfigs', 'false', created.id],
          [2, 'delete', 'reportingConfigs', 'false', created.id],
        ],
      );
    });

    it('fills tenant, partner tenant, connector and integration from the tenant integration when omitted', async () => {
      const integration = await createIntegration();
      const config = await createConfig(integration.id, {
        name: 'minimal',
        tenant: undefined,
        partnerTenant: undefined,
        connector: undefined,
        integration: undefined,
        client: undefined,
        tenantName: undefined,
      });
      assert.equal(config.tenant, TENANT_A);
      assert.equal(config.partnerTenant, PARTNER_TENANT);
      assert.equal(config.connector, 'BIGCOMMERCE_OSERIES');
      assert.equal(config.integration, integration.id);
      assert.equal(config.client, CLIENT);
      assert.equal(config.tenantName, 'Company xyz (North America)');
    });

    it('pages and sorts lists, with the direction defaulting to ASC', async () => {
      const integration = await createIntegration();
      for (let i = 0; i < 23; i += 1) await createConfig(integration.id, { name: `param-${String(i).padStart(2, '0')}` });
      const base = `/tenantintegrations/${integration.id}/configs`;
      const third = await expectJson(await api.request(`${base}?pageSize=10&pageNumber=2&pageSort=name`, { token: adminA }), 200);
      assert.deepEqual(third.page, { number: 2, size: 10, totalElements: 23, totalPages: 3 });
      assert.deepEqual(third.content.map((c: { name: string }) => c.name), ['param-20', 'param-21', 'param-22']);
      const newest = await expectJson(await api.request(`${base}?pageSize=1`, { token: adminA }), 200);
      assert.equal(newest.content[0].name, 'param-22', 'default order is updatedAt DESC');
      const problem = await expectProblem(await api.request(`${base}?pageSort=valueEncrypted,ASC`, { token: adminA }), 400);
      assert.equal(problem.errors[0].field, 'pageSort');
      await expectProblem(await api.request(`${base}?pageSize=101`, { token: adminA }), 400);
    });
  });

  describe('errors', () => {
    let integrationId: string;
    before(async () => {
      integrationId = (await createIntegration()).id;
    });

    it('400 for invalid bodies, naming every invalid field, and nothing is created', async () => {
      const problem = await expectProblem(
        await api.request(`/tenantintegrations/${integrationId}/configs`, {
          method: 'POST',
          token: adminA,
          json: { ...specCreateBody(), name: '', integration: 'ariba2-oseries', value: 'x'.repeat(65_537), connector: 'NOPE', extra: 1 },
        }),
        400,
      );
      assert.deepEqual(
        problem.errors.map((e: { field: string }) => e.field).sort(),
        ['connector', 'extra', 'integration', 'name', 'value'],
      );
      const list = await expectJson(await api.request(`/tenantintegrations/${integrationId}/configs`, { token: adminA }), 200);
      assert.equal(list.page.totalElements, 0);
    });

    it('400 when the payload names another tenant, partner tenant or connector than its integration', async () => {
      const problem = await expectProblem(
        await api.request(`/tenantintegrations/${integrationId}/configs`, {
          method: 'POST',
          token: adminA,
          json: specCreateBody({ tenant: TENANT_B, connector: 'SAPTAX_OSERIES' }),
        }),
        400,
      );
      assert.equal(problem.code, 'TENANT_CONFIG.SCOPE_MISMATCH');
      assert.match(problem.detail, /tenant, connector must match/);
    });

    it('400 for malformed ids, 401 without a token, 403 without the scope, 404 for unknown ids', async () => {
      await expectProblem(await api.request('/tenantintegrations/not-a-uuid/configs', { token: adminA }), 400);
      await expectProblem(await api.request(`/tenantintegrations/${integrationId}/configs`), 401);
      const forbidden = await expectProblem(
        await api.request(`/tenantintegrations/${integrationId}/configs`, { method: 'POST', token: readerA, json: specCreateBody() }),
        403,
      );
      assert.equal(forbidden.encounteredBy, 'reader@companyXyz.com');
      const unknown = await expectProblem(await api.request(`/tenantintegrations/${integrationId}/configs/00000000-0000-4000-8000-000000000000`, { token: adminA }), 404);
      assert.equal(unknown.code, 'TENANT_CONFIG.NOT_FOUND');
    });

    it('409 for a duplicate name, enforced by the database', async () => {
      await createConfig(integrationId, { name: 'dup' });
      const problem = await expectProblem(
        await api.request(`/tenantintegrations/${integrationId}/configs`, { method: 'POST', token: adminA, json: specCreateBody({ name: 'dup' }) }),
        409,
      );
      assert.equal(problem.code, 'TENANT_CONFIG.DUPLICATE_NAME');
      const racing = await Promise.all(
        Array.from({ length: 5 }, () =>
          api.request(`/tenantintegrations/${integrationId}/configs`, { method: 'POST', token: adminA, json: specCreateBody({ name: 'raced' }) }),
        ),
      );
      assert.deepEqual(racing.map((r) => r.status).sort(), [201, 409, 409, 409, 409]);
    });

    it('409 with the current version for a stale If-Match or body version, and the config is unchanged', async () => {
      const config = await createConfig(integrationId, { name: 'locked' });
      const path = `/tenantintegrations/${integrationId}/configs/${config.id}`;
      await expectJson(await api.request(path, { method: 'PUT', token: adminA, json: specUpdateBody({ name: 'locked' }), headers: { 'if-match': '"0"' } }), 200);
      const stale = await expectProblem(
        await api.request(path, { method: 'PUT', token: adminA, json: specUpdateBody({ name: 'locked', value: 'lost' }), headers: { 'if-match': '"0"' } }),
        409,
      );
      assert.equal(stale.currentVersion, 1);
      const staleBody = await expectProblem(
        await api.request(path, { method: 'PUT', token: adminA, json: specUpdateBody({ name: 'locked', value: 'lost', version: 0 }) }),
        409,
      );
      assert.equal(staleBody.currentVersion, 1);
      await expectProblem(await api.request(path, { method: 'DELETE', token: adminA, headers: { 'if-match': '"0"' } }), 409);
      const current = await expectJson(await api.request(path, { token: adminA }), 200);
      assert.equal(current.value, 'false');
      assert.equal(current.version, 1);
    });
  });

  describe('concurrency', () => {
    it('20 concurrent PUTs with the same expected version: exactly one 200 and nineteen 409s, history gap-free', async () => {
      const integration = await createIntegration();
      const config = await createConfig(integration.id, { name: 'contended' });
      const path = `/tenantintegrations/${integration.id}/configs/${config.id}`;
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          api.request(path, { method: 'PUT', token: adminA, json: specUpdateBody({ name: 'contended', value: `writer-${i}` }), headers: { 'if-match': '"0"' } }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, ...Array(19).fill(409)]);
      const history = await expectJson(await api.request(`${path}/versions?pageSort=version,ASC`, { token: adminA }), 200);
      assert.deepEqual(history.content.map((v: { version: number }) => v.version), [0, 1]);
    });

    it('20 concurrent PUTs without a version all succeed, serialized: versions 0..20, every write in the history', async () => {
      const integration = await createIntegration();
      const config = await createConfig(integration.id, { name: 'serialized' });
      const path = `/tenantintegrations/${integration.id}/configs/${config.id}`;
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => api.request(path, { method: 'PUT', token: adminA, json: specUpdateBody({ name: 'serialized', value: `writer-${i}` }) })),
      );
      assert.ok(responses.every((r) => r.status === 200));
      const history = await expectJson(await api.request(`${path}/versions?pageSort=version,ASC&pageSize=100`, { token: adminA }), 200);
      assert.deepEqual(history.content.map((v: { version: number }) => v.version), Array.from({ length: 21 }, (_, i) => i));
      const written = new Set(history.content.slice(1).map((v: { value: string }) => v.value));
      assert.equal(written.size, 20, 'no update was lost');
    });
  });

  describe('tenant isolation', () => {
    it('another tenant gets 404 on every endpoint and sees nothing in lists', async () => {
      const integration = await createIntegration();
      const config = await createConfig(integration.id, { name: 'private' });
      const ti = `/tenantintegrations/${integration.id}`;
      const cfg = `${ti}/configs/${config.id}`;
      const attempts: Array<[string, string, unknown?]> = [
        ['GET', ti],
        ['PUT', ti, integrationBody()],
        ['PATCH', ti, { name: 'x' }],
        ['DELETE', ti],
        ['POST', `${ti}/clone`, { tenant: TENANT_B }],
        ['POST', `${ti}/configs`, specCreateBody()],
        ['GET', `${ti}/configs`],
        ['PUT', `${ti}/configs`, { configs: [{ id: config.id, ...specUpdateBody({ name: 'private' }) }] }],
        ['GET', `${ti}/configs/versions`],
        ['GET', cfg],
        ['PUT', cfg, specUpdateBody({ name: 'private' })],
        ['DELETE', cfg],
        ['GET', `${cfg}/versions`],
        ['POST', `${cfg}/versions/0/restore`],
      ];
      for (const [method, path, json] of attempts) {
        const problem = await expectProblem(await api.request(path, { method, token: adminB, json }), 404);
        assert.ok(!JSON.stringify(problem).includes('private'), `${method} ${path} leaks content`);
      }
      const integrations = await expectJson(await api.request('/tenantintegrations?pageSize=100', { token: adminB }), 200);
      assert.ok(!integrations.content.some((i: { id: string }) => i.id === integration.id));
      const partner = await expectJson(await api.request(`/connectors/BIGCOMMERCE_OSERIES/partnertenants/${PARTNER_TENANT}/configs`, { token: adminB }), 200);
      assert.equal(partner.page.totalElements, 0);
      // Still intact for its owner.
      await expectJson(await api.request(cfg, { token: adminA }), 200);
    });

    it('refuses to create an integration for a tenant outside the token (403)', async () => {
      const problem = await expectProblem(await api.request('/tenantintegrations', { method: 'POST', token: adminB, json: integrationBody() }), 403);
      assert.equal(problem.code, 'TENANT.NOT_ALLOWED');
    });

    it('lets the service token see every tenant', async () => {
      const integration = await createIntegration();
      await expectJson(await api.request(`/tenantintegrations/${integration.id}`, { token: SERVICE_TOKEN }), 200);
    });
  });

  describe('tenant integration lifecycle', () => {
    it('PATCH merges settings and changes only what is sent; PUT replaces; immutable fields stay', async () => {
      const integration = await createIntegration(adminA, {
        settings: { sections: [{ temp: 'remove_me' }], commonresources: { a: '1', b: '2' } },
        install: [{ name: 'BigCommerce Connection', completed: false, installerFunction: 'verifyBigCommerceConnection' }],
        connectorVersion: '1.0.1',
      });
      assert.equal(integration.mode, 'install', 'an unfinished install step means install mode');
      const path = `/tenantintegrations/${integration.id}`;
      const patched = await expectJson(
        await api.request(path, { method: 'PATCH', token: adminA, json: { settings: { commonresources: { b: null, c: '3' } }, connectorVersion: '1.0.2' } }),
        200,
      );
      assert.deepEqual(patched.settings, { sections: [{ temp: 'remove_me' }], commonresources: { a: '1', c: '3' } });
      assert.equal(patched.connectorVersion, '1.0.2');
      assert.equal(patched.name, integration.name);
      assert.equal(patched.version, 1);

      const replaced = await expectJson(await api.request(path, { method: 'PUT', token: adminA, json: integrationBody({ name: 'renamed' }), headers: { 'if-match': '"1"' } }), 200);
      assert.equal(replaced.name, 'renamed');
      assert.deepEqual(replaced.settings, {});
      assert.equal(replaced.connectorVersion, null);
      assert.equal(replaced.version, 2);

      const immutable = await expectProblem(await api.request(path, { method: 'PATCH', token: adminA, json: { connector: 'SAPTAX_OSERIES' } }), 400);
      assert.equal(immutable.code, 'TENANT_INTEGRATION.IMMUTABLE_FIELD');
      const listed = await expectJson(await api.request('/tenantintegrations?connector=BIGCOMMERCE_OSERIES&pageSize=100', { token: adminA }), 200);
      assert.ok(listed.content.some((i: { id: string }) => i.id === integration.id));
      const otherConnector = await expectJson(await api.request('/tenantintegrations?connector=SAPTAX_OSERIES', { token: adminA }), 200);
      assert.ok(!otherConnector.content.some((i: { id: string }) => i.id === integration.id));
    });

    it('refuses config writes while updateInProgress is true, with a 409 that says why, until it is cleared', async () => {
      const integration = await createIntegration();
      const config = await createConfig(integration.id, { name: 'guarded' });
      const ti = `/tenantintegrations/${integration.id}`;
      await expectJson(await api.request(ti, { method: 'PATCH', token: adminA, json: { updateInProgress: true } }), 200);
      for (const [method, path, json] of [
        ['POST', `${ti}/configs`, specCreateBody({ name: 'new' })],
        ['PUT', `${ti}/configs/${config.id}`, specUpdateBody({ name: 'guarded' })],
        ['DELETE', `${ti}/configs/${config.id}`, undefined],
        ['PUT', `${ti}/configs`, { configs: [specCreateBody({ name: 'bulk' })] }],
        ['POST', `${ti}/configs/${config.id}/versions/0/restore`, undefined],
      ] as const) {
        const problem = await expectProblem(await api.request(path, { method, token: adminA, json }), 409);
        assert.equal(problem.code, 'TENANT_INTEGRATION.UPDATE_IN_PROGRESS');
        assert.match(problem.detail, /update in progress/);
      }
      await expectJson(await api.request(`${ti}/configs/${config.id}`, { token: adminA }), 200);
      await expectJson(await api.request(ti, { method: 'PATCH', token: adminA, json: { updateInProgress: false } }), 200);
      await expectJson(await api.request(`${ti}/configs/${config.id}`, { method: 'PUT', token: adminA, json: specUpdateBody({ name: 'guarded' }) }), 200);
    });

    it('DELETE removes the integration and its configs; each config history ends with a delete', async () => {
      const integration = await createIntegration();
      const config = await createConfig(integration.id, { name: 'goes-away' });
      const ti = `/tenantintegrations/${integration.id}`;
      await expectProblem(await api.request(ti, { method: 'DELETE', token: adminA, headers: { 'if-match': '"7"' } }), 409);
      assert.equal((await api.request(ti, { method: 'DELETE', token: adminA, headers: { 'if-match': '"0"' } })).status, 204);
      await expectProblem(await api.request(ti, { token: adminA }), 404);
      await expectProblem(await api.request(`${ti}/configs/${config.id}`, { token: adminA }), 404);
      const history = await api.query<{ version: number; operation: string }>(
        'SELECT version, operation FROM tenant_config_versions WHERE tenant_config_id = $1 ORDER BY version',
        [config.id],
      );
      assert.deepEqual(history, [{ version: 0, operation: 'create' }, { version: 1, operation: 'delete' }]);
    });
  });
});
