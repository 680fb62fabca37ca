/**
 * The admin page's OIDC sign-in (ADMIN_OIDC_CLIENT_ID): authorization code with PKCE through
 * oidc-client-ts against a real OIDC issuer on 127.0.0.1 (oauth2-mock-server, which checks the
 * code_verifier), the access token then accepted by the API. In a file of its own: its
 * authentication settings differ from the other admin tests'.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OAuth2Server } from 'oauth2-mock-server';
import type { Browser } from 'playwright-core';
import { ALL_SCOPES } from '../src/auth/principal.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DESKTOP, ensureAdminBuilt, launchBrowser, newContext, watchPageErrors } from './support/browser.js';
import { TEST_AUDIENCE } from './support/identity-provider.js';
import { TENANT_A } from './support/tenant-config.fixtures.js';

const CLIENT_ID = 'connector-hub-admin';

describe('admin page OIDC sign-in (code + PKCE)', () => {
  let idp: OAuth2Server;
  let app: TestApp;
  let browser: Browser;
  const tokenRequests: Array<Record<string, string>> = [];

  before(async () => {
    await ensureAdminBuilt();
    idp = new OAuth2Server();
    await idp.issuer.keys.generate('RS256', { kid: 'admin-key' });
    await idp.start(0, '127.0.0.1');
    idp.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }, request: { body?: Record<string, string> }) => {
      if (request.body) tokenRequests.push({ ...request.body });
      if (token.payload.aud === CLIENT_ID) return; // the ID token
      Object.assign(token.payload, { sub: 'admin@companyxyz.com', aud: TEST_AUDIENCE, scope: ALL_SCOPES.join(' '), tenants: [TENANT_A] });
    });
    const issuer = idp.issuer.url!;
    app = await startTestApp({ AUTH_JWKS_URL: `${issuer}/jwks`, AUTH_ISSUER: issuer, AUTH_AUDIENCE: TEST_AUDIENCE, ADMIN_OIDC_CLIENT_ID: CLIENT_ID });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await idp?.stop();
  });

  it('tells the page about the identity provider, and allows connecting to it in the CSP', async () => {
    const config = (await (await app.request('/admin/config.json')).json()) as { oidc: { authority: string; clientId: string; scope: string } };
    assert.deepEqual({ ...config.oidc, scope: undefined }, { authority: idp.issuer.url, clientId: CLIENT_ID, scope: undefined });
    assert.ok(config.oidc.scope.split(' ').includes('ExtractorApi:Connection:Read'));
    const csp = (await app.request('/admin')).headers.get('content-security-policy') ?? '';
    assert.match(csp, new RegExp(`connect-src 'self' ${new URL(idp.issuer.url!).origin}(;|$)`));
  });

  it('signs in through the identity provider with PKCE, keeps the token in session storage only, and calls the API with it', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    const errors: string[] = [];
    watchPageErrors(page, errors);
    await page.goto(`${app.baseUrl}/admin`);
    await page.getByRole('heading', { name: 'Sign in with your organisation' }).waitFor();
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    // The issuer answers at once with a code; the page exchanges it and lands signed in.
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    assert.equal(await page.locator('.who').innerText(), 'admin@companyxyz.com');
    assert.equal(new URL(page.url()).search, '', 'the code and state are removed from the address bar');
    await page.getByRole('heading', { name: 'Tenant integrations' }).waitFor();

    const exchange = tokenRequests.find((body) => body.grant_type === 'authorization_code');
    assert.ok(exchange, 'the page redeemed an authorization code');
    assert.match(exchange.code_verifier ?? '', /^[A-Za-z0-9._~-]{43,128}$/, 'with a PKCE code_verifier (the issuer checks it against the challenge)');
    assert.equal(exchange.client_id, CLIENT_ID);

    const cookies = await context.cookies(app.baseUrl);
    assert.deepEqual(cookies, [], 'the API token is in no cookie');
    const stored = (await page.evaluate('Object.keys(sessionStorage).filter((k) => k.startsWith("oidc.user:")).length')) as number;
    assert.equal(stored, 1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in with your organisation' }).waitFor();
    assert.equal((await page.evaluate('Object.keys(sessionStorage).filter((k) => k.startsWith("oidc.user:")).length')) as number, 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
