import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Scope } from '../src/auth/principal.js';
import { HostCredentialsService } from '../src/host-system/oauth/host-credentials.service.js';
import { SQUARE_VERSION } from '../src/host-system/square/square.connector.js';
import { startTestApp, type TestApp } from './support/app.js';
import { FakeSquare } from './support/fake-square.js';
import { expectJson } from './support/http.js';
import { TEST_AUDIENCE, TestIdentityProvider } from './support/identity-provider.js';
import { captureLogs } from './support/log-capture.js';
import { MERCHANT_ID } from './support/square-data.js';
import { TENANT_A } from './support/tenant-config.fixtures.js';

const PUBLIC_BASE_URL = 'http://connector-hub.test';

describe('Square OAuth: the popup with PKCE, rotating refresh tokens, revocation', () => {
  let idp: TestIdentityProvider;
  let square: FakeSquare;
  let api: TestApp;
  let admin: string;
  const logs = captureLogs();

  before(async () => {
    idp = await TestIdentityProvider.start();
    square = await FakeSquare.start({ clientId: 'sq0idp-app', clientSecret: 'sq0csp-app-secret-value' });
    api = await startTestApp(
      {
        AUTH_JWKS_URL: idp.jwksUrl,
        AUTH_ISSUER: idp.issuer,
        AUTH_AUDIENCE: TEST_AUDIENCE,
        PUBLIC_BASE_URL,
        SQUARE_CLIENT_ID: 'sq0idp-app',
        SQUARE_CLIENT_SECRET: 'sq0csp-app-secret-value',
        SQUARE_AUTH_URL: square.url,
        SQUARE_API_URL: square.url,
        LOG_LEVEL: 'trace',
      },
      { logDestination: logs.destination },
    );
    admin = await idp.token({ sub: 'seller-admin@companyxyz.com', scopes: [Scope.ConnectionRead, Scope.ConnectionWrite], tenants: [TENANT_A] });
  });

  after(async () => {
    await api?.close();
    await square?.stop();
    await idp?.stop();
  });

  async function newConnection(): Promise<string> {
    const connection = await expectJson(await api.request('/connections', { method: 'POST', token: admin, json: { connector: 'SQUARE', name: 'Square seller', tenant: TENANT_A } }), 201);
    return connection.id;
  }

  /** What the admin page and the browser do: start, open Square's page, come back to the callback with the binding cookie. */
  async function authorize(connectionId: string, tamperCode = false): Promise<{ url: URL; html: string }> {
    const started = await api.request(`/connections/${connectionId}/authorize`, { token: admin });
    const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0];
    const { authorizeUrl } = await expectJson(started, 200);
    const url = new URL(authorizeUrl);
    const atSquare = await fetch(url, { redirect: 'manual' });
    assert.equal(atSquare.status, 302, await atSquare.clone().text());
    const back = new URL(atSquare.headers.get('location')!);
    assert.equal(back.origin, PUBLIC_BASE_URL);
    if (tamperCode) back.searchParams.set('code', 'sq0cgp-tampered');
    const page = await api.request(`${back.pathname}${back.search}`, { headers: { cookie } });
    assert.equal(page.status, 200);
    return { url, html: await page.text() };
  }

  async function secretOf(connectionId: string): Promise<Record<string, unknown>> {
    return (await api.app.get(HostCredentialsService).forConnection(connectionId)).secret;
  }

  it('authorizes end to end with PKCE: the challenge on the URL, the verifier (not the secret) in a JSON token request, tokens stored encrypted', async () => {
    const id = await newConnection();
    const { url, html } = await authorize(id);
    assert.equal(url.origin + url.pathname, `${square.url}/oauth2/authorize`);
    assert.equal(url.searchParams.get('client_id'), 'sq0idp-app');
    assert.equal(url.searchParams.get('scope'), 'MERCHANT_PROFILE_READ ORDERS_READ PAYMENTS_READ');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.match(html, new RegExp(`postMessage\\(\\{"connectionId":"${id}","status":"ready"\\}`));

    const tokenCall = square.requests.filter((r) => r.path === '/oauth2/token').at(-1)!;
    const body = tokenCall.body as Record<string, string>;
    assert.equal(body.grant_type, 'authorization_code');
    assert.equal(body.client_id, 'sq0idp-app');
    assert.match(body.code_verifier, /^[\w-]{43,128}$/);
    assert.equal(body.client_secret, undefined, 'the PKCE flow does not send the client secret');
    assert.equal(tokenCall.squareVersion, SQUARE_VERSION);

    const connection = await expectJson(await api.request(`/connections/${id}`, { token: admin }), 200);
    assert.equal(connection.status, 'ready');
    assert.equal(connection.authorization.authorized, true);
    assert.deepEqual(connection.authorization.scopes, ['MERCHANT_PROFILE_READ', 'ORDERS_READ', 'PAYMENTS_READ']);
    const secret = await secretOf(id);
    assert.equal(secret.merchantId, MERCHANT_ID);
    assert.ok(square.liveRefreshTokens().includes(String(secret.refreshToken)));
    const [row] = await api.query<{ expires_at: Date }>('SELECT expires_at FROM connection_credentials WHERE connection_id = $1', [id]);
    assert.ok(row.expires_at.getTime() > Date.now() + 29 * 86_400_000, 'Square’s expires_at is kept');
    const stored = JSON.stringify(await api.query('SELECT row_to_json(k)::text FROM connection_credentials k UNION ALL SELECT row_to_json(c)::text FROM connections c'));
    const everything = `${stored}${html}${JSON.stringify(connection)}${logs.lines.join('')}`;
    for (const value of [String(secret.accessToken), String(secret.refreshToken), 'sq0csp-app-secret-value']) {
      assert.ok(!everything.includes(value), 'a token or the client secret is stored, shown or logged in plaintext');
    }
  });

  it('records a seller who denies the app, and a code Square refuses (its own error shape) as auth_error', async () => {
    const denied = await newConnection();
    square.refuseNextAuthorization = 'access_denied';
    assert.match((await authorize(denied)).html, /The host refused the authorization: access_denied/);
    assert.equal((await expectJson(await api.request(`/connections/${denied}`, { token: admin }), 200)).status, 'auth_error');

    const tampered = await newConnection();
    assert.match((await authorize(tampered, true)).html, /could not be completed: invalid_grant \(BAD_REQUEST: Invalid authorization code or code verifier\)/);

    const refused = await newConnection();
    square.failNext(/^\/oauth2\/token$/, { status: 503 });
    const { html } = await authorize(refused);
    assert.match(html, /could not be completed/);
    const connection = await expectJson(await api.request(`/connections/${refused}`, { token: admin }), 200);
    assert.equal(connection.status, 'auth_error');
    assert.equal((await api.query('SELECT 1 FROM connection_credentials WHERE connection_id = $1', [refused])).length, 0);
  });

  it('renews an expired access token with the refresh token, each refresh token used once, the newest kept', async () => {
    const id = await newConnection();
    await authorize(id);
    const credentials = api.app.get(HostCredentialsService);
    const seen = new Set<string>();
    for (let round = 0; round < 3; round += 1) {
      const before = await secretOf(id);
      seen.add(String(before.refreshToken));
      square.expireAccessTokens();
      // Ten callers at once all hold the rejected token: one refresh, everyone gets the new token.
      const renewed = await Promise.all(Array.from({ length: 10 }, () => credentials.forConnection(id, String(before.accessToken))));
      const tokens = new Set(renewed.map((r) => String(r.secret.accessToken)));
      assert.equal(tokens.size, 1);
      assert.notEqual([...tokens][0], before.accessToken);
      const after = await secretOf(id);
      assert.ok(!seen.has(String(after.refreshToken)), 'a new refresh token every time');
      assert.ok(square.liveRefreshTokens().includes(String(after.refreshToken)), 'the stored refresh token is the one Square holds now');
      assert.equal(after.merchantId, MERCHANT_ID);
      const refreshCall = square.requests.filter((r) => r.path === '/oauth2/token').at(-1)!.body as Record<string, string>;
      assert.deepEqual(Object.keys(refreshCall).sort(), ['client_id', 'grant_type', 'refresh_token']);
    }
    assert.equal(square.refreshTokenReuses, 0);
  });

  it('revokes at Square: the authorization no longer works there', async () => {
    const id = await newConnection();
    await authorize(id);
    const secret = await secretOf(id);
    const credentials = api.app.get(HostCredentialsService);
    square.failNext(/^\/oauth2\/revoke$/, { status: 500 });
    await assert.rejects(credentials.revokeAtHost(id), /Square answered 500/);
    assert.equal(square.isRevoked(String(secret.accessToken)), false);

    assert.equal(await credentials.revokeAtHost(id), true);
    assert.equal(square.isRevoked(String(secret.accessToken)), true);
    const revokeCall = square.requests.filter((r) => r.path === '/oauth2/revoke').at(-1)!;
    assert.deepEqual(revokeCall.body, { client_id: 'sq0idp-app', access_token: secret.accessToken });
    const locations = await fetch(`${square.url}/v2/locations`, { headers: { authorization: `Bearer ${String(secret.accessToken)}`, 'square-version': SQUARE_VERSION } });
    assert.equal(locations.status, 401);
    assert.equal(((await locations.json()) as { errors: Array<{ code: string }> }).errors[0].code, 'ACCESS_TOKEN_REVOKED');
    assert.equal(await credentials.revokeAtHost(id), true, 'revoking again is harmless');

    await expectJson(await api.request(`/connections/${id}/credentials`, { method: 'DELETE', token: admin }), 204);
    assert.equal(await credentials.revokeAtHost(id), false, 'nothing left to revoke');
  });

  it('revoking the credentials through the API revokes them at Square too; Square being down does not block it', async () => {
    const id = await newConnection();
    await authorize(id);
    const secret = await secretOf(id);
    await expectJson(await api.request(`/connections/${id}/credentials`, { method: 'DELETE', token: admin }), 204);
    assert.equal(square.isRevoked(String(secret.accessToken)), true, 'Square was told');

    const other = await newConnection();
    await authorize(other);
    const otherSecret = await secretOf(other);
    square.failNext(/^\/oauth2\/revoke$/, { status: 500 });
    await expectJson(await api.request(`/connections/${other}`, { method: 'DELETE', token: admin }), 204);
    assert.equal(square.isRevoked(String(otherSecret.accessToken)), false, 'Square refused; the connection is deleted here anyway');
    assert.equal((await api.request(`/connections/${other}`, { token: admin })).status, 404);
  });
});
