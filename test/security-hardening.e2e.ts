import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { expectJson, expectProblem } from './support/http.js';
import { integrationBody, TENANT_A } from './support/tenant-config.fixtures.js';

const ADMIN = 'https://admin.example.com';

describe('security headers and CORS', () => {
  let api: TestApp;
  before(async () => {
    api = await startTestApp({ CORS_ORIGINS: `${ADMIN}, http://localhost:5173` });
  });
  after(() => api?.close());

  it('sends helmet\'s headers with a CSP that allows only this origin\'s scripts', async () => {
    const response = await api.request('/health');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(response.headers.get('strict-transport-security'), null, 'no HSTS for a plain-http PUBLIC_BASE_URL');
  });

  it('keeps the OAuth popup pages connected to their opener (no Cross-Origin-Opener-Policy that would sever it)', async () => {
    for (const path of ['/oauth/start', '/oauth/callback?state=x&code=y']) {
      const response = await api.request(path);
      await response.arrayBuffer();
      assert.match(response.headers.get('content-type') ?? '', /text\/html/, path);
      assert.ok([null, 'unsafe-none'].includes(response.headers.get('cross-origin-opener-policy')), `${path}: ${response.headers.get('cross-origin-opener-policy')}`);
    }
  });

  it('keeps /docs working under that CSP: no inline script, every script and style from this origin', async () => {
    const response = await api.request('/docs');
    assert.equal(response.status, 200);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length >= 2, 'the Swagger UI page has its scripts');
    for (const [, attributes, body] of scripts) {
      const src = /src=["']([^"']+)["']/.exec(attributes)?.[1];
      assert.ok(src, `an inline script would be blocked by script-src 'self': ${body.slice(0, 80)}`);
      const url = new URL(src, `${api.baseUrl}/docs`);
      assert.equal(url.origin, api.baseUrl, `script from another origin: ${src}`);
      const script = await fetch(url);
      assert.equal(script.status, 200, src);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      await script.arrayBuffer();
    }
    const init = await (await fetch(`${api.baseUrl}/docs/swagger-ui-init.js`)).text();
    assert.match(init, /docs-json|"openapi"/, 'the init script carries or fetches the document');
  });

  it('answers CORS only for CORS_ORIGINS', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.baseUrl}/tenantintegrations`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight(ADMIN);
    assert.ok(allowed.status < 300, `preflight ${allowed.status}`);
    assert.equal(allowed.headers.get('access-control-allow-origin'), ADMIN);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /authorization/);
    await allowed.arrayBuffer();
    const refused = await preflight('https://evil.example.com');
    await refused.arrayBuffer();
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    const simple = await api.request('/me', { token: SERVICE_TOKEN, headers: { origin: 'https://evil.example.com' } });
    assert.equal(simple.headers.get('access-control-allow-origin'), null);
    const fromAdmin = await api.request('/me', { token: SERVICE_TOKEN, headers: { origin: ADMIN } });
    assert.equal(fromAdmin.headers.get('access-control-allow-origin'), ADMIN);
    assert.match(fromAdmin.headers.get('access-control-expose-headers') ?? '', /etag/i);
  });
});

describe('no CORS without CORS_ORIGINS', () => {
  let api: TestApp;
  before(async () => {
    api = await startTestApp();
  });
  after(() => api?.close());

  it('sends no CORS header to any origin', async () => {
    const response = await api.request('/me', { token: SERVICE_TOKEN, headers: { origin: 'http://localhost:3000' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('rate limits', () => {
  let api: TestApp;
  before(async () => {
    // TRUST_PROXY=true: the test speaks for several client addresses through X-Forwarded-For.
    api = await startTestApp({ RATE_LIMIT_AUTH_FAILURES: '5', RATE_LIMIT_WRITES: '4', TRUST_PROXY: 'true' });
  });
  after(() => api?.close());

  const from = (address: string, token?: string) => ({ token, headers: { 'x-forwarded-for': address } });

  it('locks an address out after repeated failed authentications, with a 429 problem and Retry-After', async () => {
    for (let i = 0; i < 5; i += 1) await expectProblem(await api.request('/me', from('203.0.113.7', `wrong-token-${i}-0123456789`)), 401);
    const locked = await api.request('/me', from('203.0.113.7', SERVICE_TOKEN));
    const problem = await expectProblem(locked, 429);
    assert.equal(problem.code, 'AUTH.TOO_MANY_FAILURES');
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${locked.headers.get('retry-after')}`);
    // Other addresses are not affected, nor is the health check of the locked one.
    assert.equal((await api.request('/me', from('203.0.113.8', SERVICE_TOKEN))).status, 200);
    assert.equal((await api.request('/health/live', from('203.0.113.7'))).status, 200);
  });

  it('does not count successful authentications', async () => {
    for (let i = 0; i < 20; i += 1) assert.equal((await api.request('/me', from('203.0.113.20', SERVICE_TOKEN))).status, 200);
    await expectProblem(await api.request('/me', from('203.0.113.20', 'wrong-token-0123456789')), 401);
  });

  it('limits writes per token: past the limit a 429 problem with Retry-After, reads and other tokens unaffected', async () => {
    const create = (token: string, address: string) =>
      api.request('/tenantintegrations', { method: 'POST', json: integrationBody({ tenant: TENANT_A, name: `rate-${Math.random()}` }), ...from(address, token) });
    for (let i = 0; i < 4; i += 1) await expectJson(await create(SERVICE_TOKEN, `198.51.100.${i + 1}`), 201);
    // Same token from another address: still the same budget.
    const limited = await create(SERVICE_TOKEN, '198.51.100.99');
    const problem = await expectProblem(limited, 429);
    assert.equal(problem.code, 'REQUEST.TOO_MANY_WRITES');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    const stored = await api.query<{ n: number }>(`SELECT count(*)::int AS n FROM tenant_integrations WHERE name LIKE 'rate-%'`);
    assert.equal(stored[0].n, 4, 'the refused write stored nothing');
    assert.equal((await api.request('/tenantintegrations', from('198.51.100.99', SERVICE_TOKEN))).status, 200, 'reads are not limited');
  });
});
