import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Scope } from '../src/auth/principal.js';
import { startTestApp, type TestApp } from './support/app.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { expectJson, expectProblem } from './support/http.js';
import { TEST_AUDIENCE, TestIdentityProvider } from './support/identity-provider.js';
import { captureLogs } from './support/log-capture.js';
import { TENANT_A } from './support/tenant-config.fixtures.js';

const PUBLIC_BASE_URL = 'http://connector-hub.test';
const ACCESS_TOKEN = 'bc-access-token-marker-5521';

describe('OAuth authorization popup (BigCommerce)', () => {
  let idp: TestIdentityProvider;
  let bigcommerce: FakeBigCommerce;
  let api: TestApp;
  let admin: string;
  const logs = captureLogs();

  before(async () => {
    idp = await TestIdentityProvider.start();
    bigcommerce = await FakeBigCommerce.start({ storeHash: 'abc123', accessToken: ACCESS_TOKEN, orders: 0, clientId: 'bc-client', clientSecret: 'bc-client-secret' });
    api = await startTestApp(
      {
        AUTH_JWKS_URL: idp.jwksUrl,
        AUTH_ISSUER: idp.issuer,
        AUTH_AUDIENCE: TEST_AUDIENCE,
        PUBLIC_BASE_URL,
        BIGCOMMERCE_CLIENT_ID: 'bc-client',
        BIGCOMMERCE_CLIENT_SECRET: 'bc-client-secret',
        BIGCOMMERCE_AUTH_URL: bigcommerce.url,
        LOG_LEVEL: 'trace',
      },
      { logDestination: logs.destination },
    );
    admin = await idp.token({ sub: 'merchant-admin@companyxyz.com', scopes: [Scope.ConnectionRead, Scope.ConnectionWrite], tenants: [TENANT_A] });
  });

  after(async () => {
    await api?.close();
    await bigcommerce?.stop();
    await idp?.stop();
  });

  async function newConnection(connector = 'BIGCOMMERCE'): Promise<string> {
    const connection = await expectJson(await api.request('/connections', { method: 'POST', token: admin, json: { connector, name: 'Store', tenant: TENANT_A } }), 201);
    return connection.id;
  }

  async function startAuthorization(connectionId: string): Promise<URL> {
    const { authorizeUrl } = await expectJson(await api.request(`/connections/${connectionId}/authorize`, { token: admin }), 200);
    return new URL(authorizeUrl);
  }

  /** What the browser does: open the host's page, which redirects back to our callback. */
  async function followToCallback(authorizeUrl: URL): Promise<string> {
    const atHost = await fetch(authorizeUrl, { redirect: 'manual' });
    assert.equal(atHost.status, 302);
    const back = new URL(atHost.headers.get('location')!);
    assert.equal(back.origin, PUBLIC_BASE_URL, 'the host sends the browser to PUBLIC_BASE_URL/oauth/callback');
    return `${back.pathname}${back.search}`;
  }

  it('authorizes a connection end to end: URL, host, callback page, tokens stored encrypted', async () => {
    const id = await newConnection();
    const url = await startAuthorization(id);
    assert.equal(url.origin + url.pathname, `${bigcommerce.url}/oauth2/authorize`);
    assert.equal(url.searchParams.get('client_id'), 'bc-client');
    assert.equal(url.searchParams.get('redirect_uri'), `${PUBLIC_BASE_URL}/oauth/callback`);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('scope'), 'store_v2_orders_read_only store_v2_transactions_read_only');
    assert.match(url.searchParams.get('state') ?? '', /^[\w-]{43}$/);
    assert.equal(url.searchParams.get('code_challenge'), null, 'BigCommerce does not take PKCE');
    assert.equal((await expectJson(await api.request(`/connections/${id}`, { token: admin }), 200)).status, 'awaiting_authorization');

    const callback = await followToCallback(url);
    const tokenRequestsBefore = bigcommerce.tokenRequests;
    const page = await api.request(callback); // the browser carries no bearer token
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    assert.match(html, new RegExp(`window\\.opener\\.postMessage\\(\\{"connectionId":"${id}","status":"ready"\\}`));
    assert.equal(bigcommerce.tokenRequests, tokenRequestsBefore + 1);

    const connection = await expectJson(await api.request(`/connections/${id}`, { token: admin }), 200);
    assert.equal(connection.status, 'ready');
    assert.equal(connection.authorization.authorized, true);
    assert.deepEqual(connection.authorization.scopes, ['store_v2_orders_read_only', 'store_v2_transactions_read_only']);
    const [row] = await api.query<{ kind: string; secret_encrypted: string }>('SELECT kind, secret_encrypted FROM connection_credentials WHERE connection_id = $1', [id]);
    assert.equal(row.kind, 'oauth2');
    assert.match(row.secret_encrypted, /^v1:test1:/);
    const stored = JSON.stringify(await api.query('SELECT row_to_json(k)::text FROM connection_credentials k UNION ALL SELECT row_to_json(c)::text FROM connections c'));
    assert.ok(!stored.includes(ACCESS_TOKEN), 'the access token is stored in plaintext');
    assert.ok(!html.includes(ACCESS_TOKEN) && !JSON.stringify(connection).includes(ACCESS_TOKEN));
    assert.ok(!logs.lines.join('').includes(ACCESS_TOKEN), 'the access token is in the logs');
    assert.ok(!logs.lines.join('').includes(url.searchParams.get('state')!), 'the state is in the logs');
  });

  it('refuses replayed, forged and expired states without calling the host', async () => {
    const id = await newConnection();
    const callback = await followToCallback(await startAuthorization(id));
    assert.equal((await api.request(callback)).status, 200);
    const before = bigcommerce.tokenRequests;

    const replay = await api.request(callback);
    assert.equal(replay.status, 400);
    assert.match(await replay.text(), /invalid, was already used or has expired/);

    const forged = new URL(callback, PUBLIC_BASE_URL);
    forged.searchParams.set('state', 'forged-state-value-that-was-never-issued-000');
    assert.equal((await api.request(`${forged.pathname}${forged.search}`)).status, 400);
    assert.equal((await api.request('/oauth/callback?code=abc')).status, 400, 'missing state');

    const expiring = await followToCallback(await startAuthorization(await newConnection()));
    await api.query(`UPDATE oauth_states SET expires_at = now() - interval '1 minute'`);
    assert.equal((await api.request(expiring)).status, 400);

    assert.equal(bigcommerce.tokenRequests, before, 'no token request for a refused state');
  });

  it('shows and records a refusal by the merchant, storing nothing', async () => {
    const id = await newConnection();
    bigcommerce.refuseNextAuthorization = 'access_denied';
    const callback = await followToCallback(await startAuthorization(id));
    const page = await api.request(callback);
    const html = await page.text();
    assert.match(html, /The host refused the authorization: access_denied \(The merchant declined the app\)/);
    assert.match(html, /"status":"auth_error"/);
    const connection = await expectJson(await api.request(`/connections/${id}`, { token: admin }), 200);
    assert.equal(connection.status, 'auth_error');
    assert.match(connection.statusDetail, /access_denied/);
    assert.equal(connection.authorization.authorized, false);
    assert.equal((await api.query('SELECT 1 FROM connection_credentials WHERE connection_id = $1', [id])).length, 0);
  });

  it('records a code the host rejects at the token endpoint', async () => {
    const id = await newConnection();
    const callback = new URL(await followToCallback(await startAuthorization(id)), PUBLIC_BASE_URL);
    callback.searchParams.set('code', 'tampered-code');
    const html = await (await api.request(`${callback.pathname}${callback.search}`)).text();
    assert.match(html, /could not be completed: invalid_grant/);
    const connection = await expectJson(await api.request(`/connections/${id}`, { token: admin }), 200);
    assert.equal(connection.status, 'auth_error');
  });

  it('answers a 302 to the host with redirect=true, and refuses connectors that are not OAuth2', async () => {
    const id = await newConnection();
    const redirect = await api.request(`/connections/${id}/authorize?redirect=true`, { token: admin, redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.ok(redirect.headers.get('location')?.startsWith(`${bigcommerce.url}/oauth2/authorize?`));
    const aroflo = await newConnection('AROFLO');
    const problem = await expectProblem(await api.request(`/connections/${aroflo}/authorize`, { token: admin }), 409);
    assert.equal(problem.code, 'CONNECTION.WRONG_AUTH_TYPE');
    await expectProblem(await api.request(`/connections/${id}/authorize`), 401);
  });
});
