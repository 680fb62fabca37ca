import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { createClient, ok, type ConnectorHubClient, type operations, type Schemas } from '../client/index.js';
import { Scope } from '../src/auth/principal.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { expectClientProblem, expectJson, expectProblem } from './support/http.js';
import { captureLogs } from './support/log-capture.js';
import { FakeAroFlo } from './support/fake-aroflo.js';
import { TEST_AUDIENCE, TestIdentityProvider } from './support/identity-provider.js';
import { integrationBody, TENANT_A, TENANT_B } from './support/tenant-config.fixtures.js';


/** No If-Match: the writes that are unversioned on purpose. */
const UNVERSIONED = {};

describe('Connections API and connector catalog', () => {
  let idp: TestIdentityProvider;
  let api: TestApp;
  let writerA: string;
  let readerA: string;
  let writerB: string;
  let aroflo: FakeAroFlo;
  /** The AroFlo site's four API values: PUT them to /credentials (checked against the fake AroFlo). */
  let CREDENTIALS: Record<string, string>;
  const logs = captureLogs();
  const logLines = logs.lines;
  /** The typed client of one caller. */
  const clients = new Map<string, ConnectorHubClient>();
  const as = (token: string): ConnectorHubClient => {
    if (!clients.has(token)) clients.set(token, createClient({ baseUrl: api.baseUrl, token }));
    return clients.get(token)!;
  };

  before(async () => {
    idp = await TestIdentityProvider.start();
    aroflo = await FakeAroFlo.start({ invoices: 5, users: 2, suppliers: 2, payments: 2, perSecond: 1000, perMinute: 100_000 });
    CREDENTIALS = aroflo.credentials();
    const { destination: logDestination } = logs;
    api = await startTestApp(
      { AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: TEST_AUDIENCE, LOG_LEVEL: 'trace', SYNC_INTERVAL_MINUTES: '120', AROFLO_API_URL: aroflo.url },
      { logDestination },
    );
    const scopes = [Scope.ConnectionRead, Scope.ConnectionWrite, Scope.TenantIntegrationRead, Scope.TenantIntegrationWrite];
    writerA = await idp.token({ sub: 'ops@companyxyz.com', scopes, tenants: [TENANT_A] });
    readerA = await idp.token({ sub: 'viewer@companyxyz.com', scopes: [Scope.ConnectionRead], tenants: [TENANT_A] });
    writerB = await idp.token({ sub: 'ops@other.com', scopes, tenants: [TENANT_B] });
  });

  after(async () => {
    await api?.close();
    await idp?.stop();
    await aroflo?.stop();
  });

  async function createConnection(body: Partial<Schemas['CreateConnectionPayload']> = {}, token = writerA) {
    const { data, error, response } = await as(token).POST('/connections', { body: { connector: 'AROFLO', name: 'Sydney', tenant: TENANT_A, ...body } });
    assert.equal(response.status, 201, JSON.stringify(error));
    return data!;
  }

  describe('connector catalog', () => {
    it('lists every connector with plugs and a valid settings JSON Schema with defaults', async () => {
      const catalog = await expectJson(await api.request('/connectors', { token: readerA }), 200);
      const ids = catalog.content.map((c: { id: string }) => c.id);
      for (const expected of ['ARIBA2_OSERIES', 'AROFLO', 'BIGCOMMERCE', 'BIGCOMMERCE_OSERIES', 'SAPTAX_OSERIES']) assert.ok(ids.includes(expected), `${expected} is in the catalog`);
      assert.equal(new Set(ids).size, ids.length);
      const ajv = new Ajv({ strict: true, useDefaults: true });
      for (const connector of catalog.content) {
        assert.ok(ajv.validateSchema(connector.settingsSchema), `${connector.id}: ${ajv.errorsText()}`);
        assert.ok(['oauth2', 'apiKey', 'none'].includes(connector.authType));
      }
      const aroflo = await expectJson(await api.request('/connectors/AROFLO', { token: readerA }), 200);
      assert.equal(aroflo.category, 'ERP & Accounting');
      assert.equal(aroflo.authType, 'apiKey');
      assert.deepEqual(aroflo.plugs.map((p: any) => [p.name, p.direction]), [['invoices', 'import'], ['users', 'import'], ['suppliers', 'import'], ['payments', 'import']]);
      assert.deepEqual(aroflo.credentialsSchema.required, ['secretKey', 'uEncoded', 'pEncoded', 'orgEncoded']);
      assert.ok(ajv.compile(aroflo.credentialsSchema)(CREDENTIALS), 'the four values of a site match the schema');
      assert.ok(!ajv.compile(aroflo.credentialsSchema)({ apiKey: 'k' }), 'an API key does not');
      for (const connector of catalog.content) assert.ok(ajv.validateSchema(connector.credentialsSchema) && connector.credentialsSchema.type === 'object', `${connector.id} declares a credentialsSchema`);
      const defaults: Record<string, unknown> = {};
      ajv.compile(aroflo.settingsSchema)(defaults);
      assert.deepEqual(defaults, {
        sync_frequency_hours: 4,
        initial_sync_days: 90,
        max_records_per_page: 100,
        request_timeout_seconds: 30,
        retry_attempts: 3,
        enable_invoices_sync: true,
        enable_users_sync: true,
        enable_suppliers_sync: true,
        enable_payments_sync: true,
        enable_incremental_sync: true,
        enable_debug_logging: false,
        currency: 'AUD',
      });
      await expectProblem(await api.request('/connectors/NOPE', { token: readerA }), 404);
      await expectProblem(await api.request('/connectors'), 401);
    });
  });

  describe('the provisioning workflow of the extractor spec', () => {
    it('create disabled without start date, authorize, then PUT { enabled, startDate } as TrustFile does', async () => {
      const created = await createConnection({ settings: { max_records_per_page: 500 } });
      assert.equal(created.enabled, false);
      assert.equal(created.startDate, null);
      assert.equal(created.status, 'new');
      assert.equal(created.nextSyncAt, null);
      assert.match(created.companyToken, /^[\da-f-]{36}$/);
      assert.deepEqual(created.plugs, [
        { name: 'invoices', direction: 'import', enabled: true },
        { name: 'users', direction: 'import', enabled: true },
        { name: 'suppliers', direction: 'import', enabled: true },
        { name: 'payments', direction: 'import', enabled: true },
      ]);
      assert.equal(created.settings.max_records_per_page, 500);
      assert.equal(created.settings.initial_sync_days, 90, 'defaults filled in');
      assert.deepEqual(created.authorization, { authorized: false, authorizedAt: null, expiresAt: null, scopes: [] });
      const path = { connectionId: created.id };
      const put = (body: Schemas['UpdateConnectionPayload']) => as(writerA).PUT('/connections/{connectionId}', { params: { path, header: UNVERSIONED }, body });

      const unauthorized = await expectClientProblem(409, put({ enabled: true, startDate: '2018-04-01' }));
      assert.equal(unauthorized.code, 'CONNECTION.AUTHORIZATION_REQUIRED');
      assert.deepEqual(unauthorized.missing, ['authorization']);

      const authorized = await ok(as(writerA).PUT('/connections/{connectionId}/credentials', { params: { path }, body: CREDENTIALS as never }));
      assert.equal(authorized.status, 'ready');
      assert.equal(authorized.authorization.authorized, true);
      assert.ok(authorized.authorization.authorizedAt);

      const noDate = await expectClientProblem(409, as(writerA).PATCH('/connections/{connectionId}', { params: { path, header: UNVERSIONED }, body: { enabled: true } }));
      assert.equal(noDate.code, 'CONNECTION.START_DATE_REQUIRED');

      const before = await ok(as(writerA).GET('/connections/{connectionId}', { params: { path } }));
      const enabled = await ok(put({ enabled: true, startDate: '2018-04-01' }));
      assert.equal(enabled.enabled, true);
      assert.equal(enabled.startDate, '2018-04-01');
      assert.equal(enabled.status, 'ready');
      assert.ok(Date.parse(String(enabled.nextSyncAt)) <= Date.now() + 1000, 'a never-synced connection is due at once');
      for (const field of ['name', 'companyToken', 'plugs', 'settings', 'tenant', 'tenantIntegration', 'syncIntervalMinutes', 'connector', 'createdAt'] as const) {
        assert.deepEqual(enabled[field], before[field], `${field} must be left alone by the partial PUT`);
      }
      assert.equal(enabled.version, before.version + 1);

      const status = await ok(as(readerA).GET('/connections/{connectionId}/status', { params: { path } }));
      assert.deepEqual(
        { status: status.status, enabled: status.enabled, authorized: status.authorization.authorized, lastRun: status.lastRun, nextSyncAt: status.nextSyncAt as unknown },
        { status: 'ready', enabled: true, authorized: true, lastRun: null, nextSyncAt: enabled.nextSyncAt },
      );
    });

    it('moves through explicit status transitions: disable, re-enable, revoke', async () => {
      const created = await createConnection();
      const path = { connectionId: created.id };
      const putCredentials = () => ok(as(writerA).PUT('/connections/{connectionId}/credentials', { params: { path }, body: CREDENTIALS as never }));
      const patch = (body: Schemas['UpdateConnectionPayload']) => ok(as(writerA).PATCH('/connections/{connectionId}', { params: { path, header: UNVERSIONED }, body }));
      await putCredentials();
      await patch({ enabled: true, startDate: '2024-01-31' });
      const disabled = await patch({ enabled: false });
      assert.deepEqual([disabled.enabled, disabled.status, disabled.nextSyncAt], [false, 'disabled', null]);
      const reenabled = await patch({ enabled: true });
      assert.deepEqual([reenabled.enabled, reenabled.status], [true, 'ready']);
      assert.ok(reenabled.nextSyncAt);

      assert.equal((await as(writerA).DELETE('/connections/{connectionId}/credentials', { params: { path } })).response.status, 204);
      const revoked = await ok(as(writerA).GET('/connections/{connectionId}', { params: { path } }));
      assert.deepEqual([revoked.enabled, revoked.status, revoked.authorization.authorized], [false, 'awaiting_authorization', false]);
      assert.match(String(revoked.statusDetail), /revoked/);
      const reauthorized = await putCredentials();
      assert.equal(reauthorized.status, 'ready');
    });

    it('takes the tenant from the tenant integration, and filters lists', async () => {
      const integration = await ok(as(writerA).POST('/tenantintegrations', { body: integrationBody() as Schemas['TenantIntegrationPayload'] }));
      const linked = await createConnection({ tenant: undefined, tenantIntegration: integration.id, name: 'linked' });
      assert.equal(linked.tenant, TENANT_A);
      assert.equal(linked.tenantIntegration, integration.id);
      const mismatch = await expectProblem(
        await api.request('/connections', { method: 'POST', token: writerA, json: { connector: 'AROFLO', name: 'x', tenant: TENANT_B, tenantIntegration: integration.id } }),
        400,
      );
      assert.equal(mismatch.errors[0].field, 'tenant');

      const list = (query: NonNullable<operations['listConnections']['parameters']['query']>) => ok(as(readerA).GET('/connections', { params: { query } }));
      const byIntegration = await list({ tenantIntegration: integration.id });
      assert.deepEqual(byIntegration.content.map((c) => c.id), [linked.id]);
      const byToken = await list({ companyToken: linked.companyToken });
      assert.deepEqual(byToken.content.map((c) => c.id), [linked.id]);
      const disabledOnes = await list({ enabled: false, status: 'new', connector: 'AROFLO', pageSize: 100 });
      assert.ok(disabledOnes.content.every((c) => c.enabled === false && c.status === 'new' && c.connector === 'AROFLO'));
      assert.ok(disabledOnes.content.some((c) => c.id === linked.id));
    });
  });

  describe('validation', () => {
    it('refuses dates that are not real yyyy-mm-dd calendar dates', async () => {
      const { id } = await createConnection();
      for (const startDate of ['2018-13-01', '04/01/2018', '2018-04-01T00:00:00Z', '2019-02-29', '']) {
        const problem = await expectProblem(await api.request(`/connections/${id}`, { method: 'PUT', token: writerA, json: { startDate } }), 400);
        assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), ['startDate'], startDate);
      }
      await expectProblem(await api.request('/connections', { method: 'POST', token: writerA, json: { connector: 'AROFLO', name: 'x', tenant: TENANT_A, startDate: '2018-4-1' } }), 400);
    });

    it('names every setting that violates the connector schema, and unknown plugs, connectors and fields', async () => {
      const problem = await expectProblem(
        await api.request('/connections', {
          method: 'POST',
          token: writerA,
          json: { connector: 'AROFLO', name: 'x', tenant: TENANT_A, settings: { max_records_per_page: 5000, retry_attempts: 'three', colour: 'blue' } },
        }),
        400,
      );
      assert.deepEqual(problem.errors.map((e: { field: string }) => e.field).sort(), ['settings.colour', 'settings.max_records_per_page', 'settings.retry_attempts']);
      const plug = await expectProblem(
        await api.request('/connections', { method: 'POST', token: writerA, json: { connector: 'AROFLO', name: 'x', tenant: TENANT_A, plugs: [{ name: 'orders', enabled: true }] } }),
        400,
      );
      assert.match(plug.errors[0].message, /"orders" is not a plug of AROFLO/);
      const connector = await expectProblem(await api.request('/connections', { method: 'POST', token: writerA, json: { connector: 'NOPE', name: 'x', tenant: TENANT_A } }), 400);
      assert.equal(connector.errors[0].field, 'connector');
      const noTenant = await expectProblem(await api.request('/connections', { method: 'POST', token: writerA, json: { connector: 'AROFLO', name: 'x' } }), 400);
      assert.equal(noTenant.errors[0].field, 'tenant');
      const { id } = await createConnection();
      const merged = await expectJson(await api.request(`/connections/${id}`, { method: 'PATCH', token: writerA, json: { settings: { retry_attempts: 5 }, plugs: [{ name: 'payments', enabled: false }] } }), 200);
      assert.equal(merged.settings.retry_attempts, 5);
      assert.equal(merged.settings.max_records_per_page, 100, 'other settings stay');
      assert.deepEqual(merged.plugs.map((p: any) => p.enabled), [true, true, true, false]);
    });

    it('answers 409 for a stale version and for a companyToken another connection uses', async () => {
      const first = await createConnection();
      await expectJson(await api.request(`/connections/${first.id}`, { method: 'PATCH', token: writerA, json: { name: 'renamed' }, headers: { 'if-match': '"0"' } }), 200);
      const stale = await expectProblem(await api.request(`/connections/${first.id}`, { method: 'PATCH', token: writerA, json: { name: 'lost' }, headers: { 'if-match': '"0"' } }), 409);
      assert.equal(stale.currentVersion, 1);
      const taken = await expectProblem(await api.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { connector: 'AROFLO', name: 'dup', tenant: TENANT_A, companyToken: first.companyToken } }), 409);
      assert.equal(taken.code, 'CONNECTION.COMPANY_TOKEN_TAKEN');
    });
  });

  describe('security', () => {
    it('read-only scope cannot write (403)', async () => {
      const { id } = await createConnection();
      for (const [method, path, json] of [
        ['POST', '/connections', { connector: 'AROFLO', name: 'x', tenant: TENANT_A }],
        ['PUT', `/connections/${id}`, { name: 'x' }],
        ['PATCH', `/connections/${id}`, { name: 'x' }],
        ['DELETE', `/connections/${id}`, undefined],
        ['PUT', `/connections/${id}/credentials`, { apiKey: 'k' }],
        ['DELETE', `/connections/${id}/credentials`, undefined],
      ] as const) {
        const problem = await expectProblem(await api.request(path, { method, token: readerA, json }), 403);
        assert.match(problem.detail, /ExtractorApi:Connection:Write/, `${method} ${path}`);
      }
    });

    it('another tenant gets 404 on every endpoint and sees nothing in lists; the service token sees everything', async () => {
      const { id, companyToken } = await createConnection({ name: 'private-connection' });
      for (const [method, path, json] of [
        ['GET', `/connections/${id}`, undefined],
        ['PUT', `/connections/${id}`, { name: 'x' }],
        ['PATCH', `/connections/${id}`, { name: 'x' }],
        ['DELETE', `/connections/${id}`, undefined],
        ['PUT', `/connections/${id}/credentials`, { apiKey: 'k' }],
        ['DELETE', `/connections/${id}/credentials`, undefined],
        ['GET', `/connections/${id}/status`, undefined],
      ] as const) {
        await expectProblem(await api.request(path, { method, token: writerB, json }), 404);
      }
      const list = await expectJson(await api.request(`/connections?companyToken=${companyToken}`, { token: writerB }), 200);
      assert.equal(list.page.totalElements, 0);
      await expectProblem(await api.request('/connections', { method: 'POST', token: writerB, json: { connector: 'AROFLO', name: 'x', tenant: TENANT_A } }), 403);
      await expectJson(await api.request(`/connections/${id}`, { token: SERVICE_TOKEN }), 200);
    });

    it('only the service token chooses a companyToken: a tenant user can neither probe nor take another tenant’s', async () => {
      const ofB = await createConnection({ tenant: TENANT_B }, writerB);
      const unused = '0b7c9a52-3f0e-4d1a-9a59-6f2f7f5a1c11';
      const create = (companyToken: string, token: string) =>
        api.request('/connections', { method: 'POST', token, json: { connector: 'AROFLO', name: 'probe', tenant: TENANT_A, companyToken } });
      const takenAnswer = await expectProblem(await create(ofB.companyToken, writerA), 403);
      const freeAnswer = await expectProblem(await create(unused, writerA), 403);
      assert.equal(takenAnswer.code, 'CONNECTION.COMPANY_TOKEN_SERVICE_ONLY');
      assert.deepEqual([takenAnswer.code, takenAnswer.detail], [freeAnswer.code, freeAnswer.detail], 'the same answer whether B uses it or not');
      const own = await createConnection();
      await expectProblem(await api.request(`/connections/${own.id}`, { method: 'PATCH', token: writerA, json: { companyToken: ofB.companyToken } }), 403);
      await expectProblem(await api.request(`/connections/${own.id}`, { method: 'PUT', token: writerA, json: { companyToken: unused } }), 403);
      assert.equal((await expectJson(await api.request(`/connections/${own.id}`, { token: writerA }), 200)).companyToken, own.companyToken);
      assert.notEqual(own.companyToken, ofB.companyToken, 'a tenant user gets a generated one');

      const chosen = await createConnection({ companyToken: unused }, SERVICE_TOKEN);
      assert.equal(chosen.companyToken, unused);
      const moved = await expectJson(await api.request(`/connections/${own.id}`, { method: 'PATCH', token: SERVICE_TOKEN, json: { companyToken: '4f1e2d3c-1b2a-4c3d-8e9f-0a1b2c3d4e5f' } }), 200);
      assert.equal(moved.companyToken, '4f1e2d3c-1b2a-4c3d-8e9f-0a1b2c3d4e5f');
    });

    it('never returns, logs or stores the AroFlo secret key or encoded values in plaintext', async () => {
      const { id } = await createConnection();
      const saved = await api.request(`/connections/${id}/credentials`, { method: 'PUT', token: writerA, json: CREDENTIALS });
      assert.equal(saved.status, 200);
      // A refused one too: its problem answer must not echo what was sent either.
      const refused = await api.request(`/connections/${id}/credentials`, { method: 'PUT', token: writerA, json: { ...CREDENTIALS, secretKey: 'd3JvbmctYnV0LXNlY3JldA==' } });
      assert.equal(refused.status, 400);
      const responses = [await saved.text(), await refused.text()];
      for (const path of [`/connections/${id}`, `/connections/${id}/status`, '/connections?pageSize=100']) {
        responses.push(await (await api.request(path, { token: writerA })).text());
      }
      const secrets = [...Object.values(CREDENTIALS), 'd3JvbmctYnV0LXNlY3JldA=='].flatMap((value) => [value, encodeURIComponent(value)]);
      const leaks = (text: string) => secrets.filter((secret) => text.includes(secret));
      assert.deepEqual(responses.flatMap(leaks), [], 'a response carries a credential');
      const [row] = await api.query<{ secret_encrypted: string }>('SELECT secret_encrypted FROM connection_credentials WHERE connection_id = $1', [id]);
      assert.match(row.secret_encrypted, /^v1:test1:/);
      const rows = await api.query<{ row: string }>(
        `SELECT row_to_json(c)::text AS row FROM connections c UNION ALL SELECT row_to_json(k)::text FROM connection_credentials k`,
      );
      assert.ok(rows.length > 0);
      assert.deepEqual(leaks(JSON.stringify(rows)), [], 'a credential is stored in plaintext');
      assert.ok(logLines.some((line) => line.includes('HostHttp')), 'the check calls to AroFlo are logged');
      assert.deepEqual(leaks(logLines.join('')), [], 'a credential is in the logs');
    });
  });

  describe('soft delete', () => {
    it('hides the connection everywhere but keeps its row; its credentials are removed', async () => {
      const created = await createConnection({ name: 'to-delete' });
      const path = `/connections/${created.id}`;
      await expectJson(await api.request(`${path}/credentials`, { method: 'PUT', token: writerA, json: CREDENTIALS }), 200);
      await expectJson(await api.request(path, { method: 'PATCH', token: writerA, json: { enabled: true, startDate: '2020-01-01' } }), 200);
      await expectProblem(await api.request(path, { method: 'DELETE', token: writerA, headers: { 'if-match': '"0"' } }), 409);
      assert.equal((await api.request(path, { method: 'DELETE', token: writerA })).status, 204);
      await expectProblem(await api.request(path, { token: writerA }), 404);
      await expectProblem(await api.request(`${path}/status`, { token: SERVICE_TOKEN }), 404);
      const list = await expectJson(await api.request(`/connections?companyToken=${created.companyToken}`, { token: SERVICE_TOKEN }), 200);
      assert.equal(list.page.totalElements, 0);
      const [row] = await api.query<{ enabled: boolean; next_sync_at: Date | null; deleted_at: Date | null }>(
        'SELECT enabled, next_sync_at, deleted_at FROM connections WHERE id = $1',
        [created.id],
      );
      assert.equal(row.enabled, false, 'scheduling stops');
      assert.equal(row.next_sync_at, null);
      assert.ok(row.deleted_at, 'the row is kept');
      assert.equal((await api.query('SELECT 1 FROM connection_credentials WHERE connection_id = $1', [created.id])).length, 0);
      // Its company token can be provisioned again.
      await createConnection({ companyToken: created.companyToken }, SERVICE_TOKEN);
    });
  });
});
