import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, ifMatch, ok, type ConnectorHubClient, type Schemas } from '../client/index.js';
import { Scope } from '../src/auth/principal.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { expectClientProblem, expectJson, expectProblem } from './support/http.js';
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

type IntegrationPayload = Schemas['TenantIntegrationPayload'];
type ConfigPayload = Schemas['TenantConfigPayload'];
/** No If-Match: the writes that are unversioned on purpose. */
const UNVERSIONED = {};

/** The answer's data after checking its exact status (ok() accepts any 2xx). */
async function expectStatus<R extends { data?: unknown; error?: unknown; response: Response }>(status: number, pending: Promise<R>): Promise<NonNullable<R['data']>> {
  const { data, error, response } = await pending;
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${JSON.stringify(error ?? data)}`);
  return data as NonNullable<R['data']>;
}

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
  /** The typed client of one caller. */
  const clients = new Map<string, ConnectorHubClient>();
  const as = (token: string): ConnectorHubClient => {
    if (!clients.has(token)) clients.set(token, createClient({ baseUrl: api.baseUrl, token }));
    return clients.get(token)!;
  };

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

  function createIntegration(token = adminA, overrides: Record<string, unknown> = {}) {
    return expectStatus(201, as(token).POST('/tenantintegrations', { body: integrationBody(overrides) as IntegrationPayload }));
  }

  function createConfig(integrationId: string, overrides: Record<string, unknown> = {}, token = adminA) {
    return expectStatus(
      201,
      as(token).POST('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integrationId } }, body: specCreateBody(overrides) as ConfigPayload }),
    );
  }

  /** Path parameters of one config. */
  const configOf = (integrationId: string, configId: string) => ({ path: { tenantintegration: integrationId, config: configId } });

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

      const config = configOf(integration.id, created.id);
      const read = await as(adminA).GET('/tenantintegrations/{tenantintegration}/configs/{config}', { params: config });
      assert.equal(read.response.headers.get('etag'), '"0"');
      assert.deepEqual(read.data, created);

      const updated = await expectStatus(200, as(adminA).PUT('/tenantintegrations/{tenantintegration}/configs/{config}', { params: { ...config, header: UNVERSIONED }, body: specUpdateBody() as ConfigPayload }));
      assert.equal(updated.version, 1);
      assert.equal(updated.group, 'reportingConfigs');
      assert.equal(updated.value, 'false');
      assert.equal(updated.createdAt, created.createdAt);

      const list = (group: string) =>
        ok(as(adminA).GET('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integration.id }, query: { group } } }));
      const byGroup = await list('reportingConfigs');
      assert.deepEqual(byGroup.content.map((c) => c.id), [created.id]);
      assert.deepEqual(byGroup.page, { number: 0, size: 20, totalElements: 1, totalPages: 1 });
      assert.equal((await list('reporting')).page.totalElements, 0);

      const byPartner = await ok(
        as(adminA).GET('/connectors/{connector}/partnertenants/{partnerTenant}/configs', {
          params: { path: { connector: 'BIGCOMMERCE_OSERIES', partnerTenant: PARTNER_TENANT }, query: { group: 'reportingConfigs' } },
        }),
      );
      assert.deepEqual(byPartner.content.map((c) => c.id), [created.id]);

      await expectStatus(204, as(adminA).DELETE('/tenantintegrations/{tenantintegration}/configs/{config}', { params: { ...config, header: UNVERSIONED } }));
      await expectClientProblem(404, as(adminA).GET('/tenantintegrations/{tenantintegration}/configs/{config}', { params: config }));

      const versions = await ok(
        as(adminA).GET('/tenantintegrations/{tenantintegration}/configs/versions', { params: { path: { tenantintegration: integration.id }, query: { pageSort: ['version,ASC'] } } }),
      );
      assert.deepEqual(
        versions.content.map((v) => [v.version, v.operation, v.group, v.value, v.tenantConfig]),
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
      const page = (query: { pageSize?: number; pageNumber?: number; pageSort?: string[] }) =>
        as(adminA).GET('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integration.id }, query } });
      const third = await ok(page({ pageSize: 10, pageNumber: 2, pageSort: ['name'] }));
      assert.deepEqual(third.page, { number: 2, size: 10, totalElements: 23, totalPages: 3 });
      assert.deepEqual(third.content.map((c) => c.name), ['param-20', 'param-21', 'param-22']);
      const newest = await ok(page({ pageSize: 1 }));
      assert.equal(newest.content[0].name, 'param-22', 'default order is updatedAt DESC');
      const problem = await expectClientProblem(400, page({ pageSort: ['valueEncrypted,ASC'] }));
      assert.equal(problem.errors?.[0].field, 'pageSort');
      await expectClientProblem(400, page({ pageSize: 101 }));
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
      const { path } = configOf(integrationId, config.id);
      const put = (body: Record<string, unknown>, version?: number) =>
        as(adminA).PUT('/tenantintegrations/{tenantintegration}/configs/{config}', {
          params: { path, header: version === undefined ? UNVERSIONED : { 'If-Match': ifMatch(version) } },
          body: specUpdateBody({ name: 'locked', ...body }) as ConfigPayload,
        });
      await expectStatus(200, put({}, 0));
      const stale = await expectClientProblem(409, put({ value: 'lost' }, 0));
      assert.equal(stale.currentVersion, 1);
      const staleBody = await expectClientProblem(409, put({ value: 'lost', version: 0 }));
      assert.equal(staleBody.currentVersion, 1);
      await expectClientProblem(409, as(adminA).DELETE('/tenantintegrations/{tenantintegration}/configs/{config}', { params: { path, header: { 'If-Match': ifMatch(0) } } }));
      const current = await ok(as(adminA).GET('/tenantintegrations/{tenantintegration}/configs/{config}', { params: { path } }));
      assert.equal(current.value, 'false');
      assert.equal(current.version, 1);
    });
  });

  describe('concurrency', () => {
    it('20 concurrent PUTs with the same expected version: exactly one 200 and nineteen 409s, history gap-free', async () => {
      const integration = await createIntegration();
      const config = await createConfig(integration.id, { name: 'contended' });
      const params = configOf(integration.id, config.id);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          as(adminA).PUT('/tenantintegrations/{tenantintegration}/configs/{config}', {
            params: { ...params, header: { 'If-Match': ifMatch(0) } },
            body: specUpdateBody({ name: 'contended', value: `writer-${i}` }) as ConfigPayload,
          }),
        ),
      );
      const statuses = responses.map((r) => r.response.status).sort();
      assert.deepEqual(statuses, [200, ...Array(19).fill(409)]);
      const history = await ok(as(adminA).GET('/tenantintegrations/{tenantintegration}/configs/{config}/versions', { params: { ...params, query: { pageSort: ['version,ASC'] } } }));
      assert.deepEqual(history.content.map((v) => v.version), [0, 1]);
    });

    it('20 concurrent PUTs without a version all succeed, serialized: versions 0..20, every write in the history', async () => {
      const integration = await createIntegration();
      const config = await createConfig(integration.id, { name: 'serialized' });
      const params = configOf(integration.id, config.id);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          as(adminA).PUT('/tenantintegrations/{tenantintegration}/configs/{config}', { params: { ...params, header: UNVERSIONED }, body: specUpdateBody({ name: 'serialized', value: `writer-${i}` }) as ConfigPayload }),
        ),
      );
      assert.ok(responses.every((r) => r.response.status === 200));
      const history = await ok(
        as(adminA).GET('/tenantintegrations/{tenantintegration}/configs/{config}/versions', { params: { ...params, query: { pageSort: ['version,ASC'], pageSize: 100 } } }),
      );
      assert.deepEqual(history.content.map((v) => v.version), Array.from({ length: 21 }, (_, i) => i));
      const written = new Set(history.content.slice(1).map((v) => v.value));
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
      const path = { tenantintegration: integration.id };
      const patched = await ok(
        as(adminA).PATCH('/tenantintegrations/{tenantintegration}', { params: { path, header: UNVERSIONED }, body: { settings: { commonresources: { b: null, c: '3' } }, connectorVersion: '1.0.2' } }),
      );
      assert.deepEqual(patched.settings, { sections: [{ temp: 'remove_me' }], commonresources: { a: '1', c: '3' } });
      assert.equal(patched.connectorVersion, '1.0.2');
      assert.equal(patched.name, integration.name);
      assert.equal(patched.version, 1);

      const replaced = await ok(
        as(adminA).PUT('/tenantintegrations/{tenantintegration}', { params: { path, header: { 'If-Match': ifMatch(1) } }, body: integrationBody({ name: 'renamed' }) as IntegrationPayload }),
      );
      assert.equal(replaced.name, 'renamed');
      assert.deepEqual(replaced.settings, {});
      assert.equal(replaced.connectorVersion, null);
      assert.equal(replaced.version, 2);

      const immutable = await expectClientProblem(400, as(adminA).PATCH('/tenantintegrations/{tenantintegration}', { params: { path, header: UNVERSIONED }, body: { connector: 'SAPTAX_OSERIES' } }));
      assert.equal(immutable.code, 'TENANT_INTEGRATION.IMMUTABLE_FIELD');
      const listed = await ok(as(adminA).GET('/tenantintegrations', { params: { query: { connector: 'BIGCOMMERCE_OSERIES', pageSize: 100 } } }));
      assert.ok(listed.content.some((i) => i.id === integration.id));
      const otherConnector = await ok(as(adminA).GET('/tenantintegrations', { params: { query: { connector: 'SAPTAX_OSERIES' } } }));
      assert.ok(!otherConnector.content.some((i) => i.id === integration.id));
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
