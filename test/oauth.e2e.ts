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

  interface Started {
    readonly url: URL;
    /** The Cookie header of the browser that started the authorization. */
    readonly cookie: string;
    readonly browserBinding: string;
  }

  async function startAuthorization(connectionId: string): Promise<Started> {
    const response = await api.request(`/connections/${connectionId}/authorize`, { token: admin });
    const setCookie = response.headers.get('set-cookie') ?? '';
    const { authorizeUrl, browserBinding } = await expectJson(response, 200);
    return { url: new URL(authorizeUrl), cookie: setCookie.split(';')[0], browserBinding };
  }

  /** What the browser does: open the host's page, which redirects back to our callback. */
  async function followToCallback(authorizeUrl: URL): Promise<string> {
    const atHost = await fetch(authorizeUrl, { redirect: 'manual' });
    assert.equal(atHost.status, 302);
    const back = new URL(atHost.headers.get('location')!);
    assert.equal(back.origin, PUBLIC_BASE_URL, 'the host sends the browser to PUBLIC_BASE_URL/oauth/callback');
    return `${back.pathname}${back.search}`;
  }

  /** The callback as the browser that started the authorization sends it. */
  function callbackIn(started: Started, callback: string): Promise<Response> {
    return api.request(callback, { headers: { cookie: started.cookie } });
  }

  it('authorizes a connection end to end: URL, host, callback page, tokens stored encrypted', async () => {
    const id = await newConnection();
    const started = await startAuthorization(id);
    const { url } = started;
    assert.match(started.cookie, /^ch_oauth_[0-9a-f]{16}=[\w-]{43}$/);
    assert.equal(started.url.searchParams.get('state')?.length, 43);
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
    const page = await callbackIn(started, callback); // the browser carries no bearer token, only the binding cookie
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
    assert.ok(!logs.lines.join('').includes(started.browserBinding), 'the browser binding is in the logs');
    assert.match(page.headers.get('set-cookie') ?? '', /Max-Age=0/, 'the binding cookie is cleared');
    assert.match(html, new RegExp(`postMessage\\(.*, "${PUBLIC_BASE_URL}"\\)`), 'the result is posted to ADMIN_ORIGIN only');
    assert.doesNotMatch(html, /postMessage\([^;]*["']\*["']\)/, 'never posted to any origin (*)');
  });

  it('refuses replayed, forged and expired states without calling the host', async () => {
    const id = await newConnection();
    const started = await startAuthorization(id);
    const callback = await followToCallback(started.url);
    assert.equal((await callbackIn(started, callback)).status, 200);
    const before = bigcommerce.tokenRequests;

    const replay = await callbackIn(started, callback);
    assert.equal(replay.status, 400);
    assert.match(await replay.text(), /invalid, was already used or has expired/);

    const forged = new URL(callback, PUBLIC_BASE_URL);
    forged.searchParams.set('state', 'forged-state-value-that-was-never-issued-000');
    assert.equal((await callbackIn(started, `${forged.pathname}${forged.search}`)).status, 400);
    assert.equal((await api.request('/oauth/callback?code=abc')).status, 400, 'missing state');

    const expiringStart = await startAuthorization(await newConnection());
    const expiring = await followToCallback(expiringStart.url);
    await api.query(`UPDATE oauth_states SET expires_at = now() - interval '1 minute'`);
    assert.equal((await callbackIn(expiringStart, expiring)).status, 400);

    assert.equal(bigcommerce.tokenRequests, before, 'no token request for a refused state');
  });

  it('shows and records a refusal by the merchant, storing nothing', async () => {
    const id = await newConnection();
    bigcommerce.refuseNextAuthorization = 'access_denied';
    const started = await startAuthorization(id);
    const page = await callbackIn(started, await followToCallback(started.url));
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
    const started = await startAuthorization(id);
    const callback = new URL(await followToCallback(started.url), PUBLIC_BASE_URL);
    callback.searchParams.set('code', 'tampered-code');
    const html = await (await callbackIn(started, `${callback.pathname}${callback.search}`)).text();
    assert.match(html, /could not be completed: invalid_grant/);
    const connection = await expectJson(await api.request(`/connections/${id}`, { token: admin }), 200);
    assert.equal(connection.status, 'auth_error');
  });

  it('answers a 302 to the host with redirect=true, and refuses connectors that are not OAuth2', async () => {
    const id = await newConnection();
    const redirect = await api.request(`/connections/${id}/authorize?redirect=true`, { token: admin, redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.match(redirect.headers.get('set-cookie') ?? '', /^ch_oauth_[0-9a-f]{16}=[\w-]{43}; Path=\/oauth; Max-Age=600; HttpOnly; SameSite=Lax$/);
    assert.ok(redirect.headers.get('location')?.startsWith(`${bigcommerce.url}/oauth2/authorize?`));
    const aroflo = await newConnection('AROFLO');
    const problem = await expectProblem(await api.request(`/connections/${aroflo}/authorize`, { token: admin }), 409);
    assert.equal(problem.code, 'CONNECTION.WRONG_AUTH_TYPE');
    await expectProblem(await api.request(`/connections/${id}/authorize`), 401);
  });

  it('refuses a forwarded authorize link: the callback completes only in the browser that started it', async () => {
    const attackerConnection = await newConnection();
    const attacker = await startAuthorization(attackerConnection);
    // The attacker sends attacker.url to a store owner, who approves at the genuine host.
    const victimCallback = await followToCallback(attacker.url);
    const before = bigcommerce.tokenRequests;

    const noCookie = await api.request(victimCallback);
    assert.equal(noCookie.status, 400);
    assert.match(await noCookie.text(), /opened in another browser than the one that started it/);
    const otherBinding = (await startAuthorization(await newConnection())).cookie.split('=')[1];
    const [name] = attacker.cookie.split('=');
    assert.equal((await api.request(victimCallback, { headers: { cookie: `${name}=${otherBinding}` } })).status, 400, 'another flow’s binding');

    assert.equal(bigcommerce.tokenRequests, before, 'the victim’s code was never exchanged');
    const connection = await expectJson(await api.request(`/connections/${attackerConnection}`, { token: admin }), 200);
    assert.equal(connection.status, 'awaiting_authorization');
    assert.equal(connection.authorization.authorized, false);
    assert.equal((await api.query('SELECT 1 FROM connection_credentials WHERE connection_id = $1', [attackerConnection])).length, 0);
  });

  it('records no error text from a browser that did not start the flow, and keeps the host’s text escaped and bounded', async () => {
    const id = await newConnection();
    const started = await startAuthorization(id);
    const state = started.url.searchParams.get('state')!;
    const injected = `/oauth/callback?${new URLSearchParams({ state, error: 'access_denied', error_description: 'Call +1 555 0100 to re-verify' })}`;
    assert.equal((await api.request(injected)).status, 400);
    assert.equal((await expectJson(await api.request(`/connections/${id}`, { token: admin }), 200)).statusDetail, null);

    const description = `<img src=x onerror=alert(1)>"quoted"\u0000\n${'x'.repeat(5000)}`;
    const refused = `/oauth/callback?${new URLSearchParams({ state, error: `access_denied<b>${'e'.repeat(500)}`, error_description: description })}`;
    const html = await (await callbackIn(started, refused)).text();
    const { statusDetail } = await expectJson(await api.request(`/connections/${id}`, { token: admin }), 200);
    assert.match(statusDetail, /^The host refused the authorization: access_denied\\u003cb\\u003eeee/);
    assert.ok(statusDetail.length <= 320, `statusDetail is ${statusDetail.length} characters`);
    assert.ok(!/[<>"\u0000\n]/.test(statusDetail), statusDetail);
    assert.ok(!html.includes('<img') && !html.includes('<b>'));
  });

  it('deletes expired states and keeps at most 5 pending per connection', async () => {
    const id = await newConnection();
    for (let i = 0; i < 200; i += 1) await startAuthorization(id);
    const [{ pending }] = await api.query<{ pending: number }>('SELECT count(*)::int AS pending FROM oauth_states WHERE connection_id = $1', [id]);
    assert.equal(pending, 5);

    await api.query(`UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE connection_id = $1`, [id]);
    await startAuthorization(await newConnection());
    const [{ left }] = await api.query<{ left: number }>('SELECT count(*)::int AS left FROM oauth_states WHERE connection_id = $1', [id]);
    assert.equal(left, 0, 'expired states are deleted');
  });

  it('admin UI on another origin: the start page sets the binding only for a same-origin request with the issued binding', async () => {
    const id = await newConnection();
    const response = await api.request(`/connections/${id}/authorize`, { token: admin });
    const { authorizeUrl, browserBinding, startUrl } = await expectJson(response, 200);
    assert.equal(startUrl, `${PUBLIC_BASE_URL}/oauth/start`);

    const page = await api.request('/oauth/start');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, new RegExp(`var admin = "${PUBLIC_BASE_URL}"`), 'the page talks to ADMIN_ORIGIN only');
    assert.match(page.headers.get('content-security-policy') ?? '', /connect-src 'self'/);

    const start = (origin: string | undefined, body: unknown) =>
      api.request('/oauth/start', { method: 'POST', json: body, headers: origin ? { origin } : {} });
    await expectProblem(await start(undefined, { authorizeUrl, browserBinding }), 403);
    await expectProblem(await start('https://attacker.example', { authorizeUrl, browserBinding }), 403);
    await expectProblem(await start(PUBLIC_BASE_URL, { authorizeUrl, browserBinding: 'not-the-binding' }), 400);
    const elsewhere = new URL(authorizeUrl);
    elsewhere.host = 'attacker.example';
    await expectProblem(await start(PUBLIC_BASE_URL, { authorizeUrl: elsewhere.toString(), browserBinding }), 400);

    const bound = await start(PUBLIC_BASE_URL, { authorizeUrl, browserBinding });
    const cookie = (bound.headers.get('set-cookie') ?? '').split(';')[0];
    assert.equal((await expectJson(bound, 200)).authorizeUrl, authorizeUrl);
    const callback = await followToCallback(new URL(authorizeUrl));
    const done = await api.request(callback, { headers: { cookie } });
    assert.equal(done.status, 200);
    assert.match(await done.text(), /"status":"ready"/);
  });
});
