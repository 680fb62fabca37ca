import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { PROJECT_ROOT } from '../src/paths.js';
import { SERVICE_TOKEN, startTestApp, TEST_ENCRYPTION_KEY, type TestApp } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
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

/** The real entry point (src/main.ts) as the web process, on a test database. */
class WebProcess {
  stdout = '';
  stderr = '';
  private constructor(readonly child: ChildProcess, readonly baseUrl: string) {}

  static async start(databaseUrl: string, env: Record<string, string> = {}): Promise<WebProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', join(PROJECT_ROOT, 'src/main.ts')], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        DATABASE_SSL: 'disable',
        PORT: String(port),
        PROCESS_ROLE: 'web',
        AVALARA_TO_EXTRACTOR_TOKEN: SERVICE_TOKEN,
        ENCRYPTION_KEYS: TEST_ENCRYPTION_KEY,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const web = new WebProcess(child, `http://127.0.0.1:${port}`);
    child.stdout!.on('data', (chunk) => (web.stdout += chunk));
    child.stderr!.on('data', (chunk) => (web.stderr += chunk));
    const deadline = Date.now() + 60_000;
    while (!web.stdout.includes('started')) {
      if (child.exitCode !== null) throw new Error(`the service exited at start: ${web.stdout}${web.stderr}`);
      if (Date.now() > deadline) throw new Error(`no start within 60 s: ${web.stdout}${web.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return web;
  }

  exited(): Promise<{ code: number | null; at: number }> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve({ code: this.child.exitCode, at: Date.now() });
      else this.child.once('exit', (code) => resolve({ code, at: Date.now() }));
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the web process: boot and graceful shutdown', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database?.drop());

  it('starts without Fastify deprecation warnings (FSTDEP023/FSTDEP024)', async () => {
    const web = await WebProcess.start(database.url);
    assert.equal((await fetch(`${web.baseUrl}/health/live`)).status, 200);
    web.child.kill('SIGTERM');
    assert.equal((await web.exited()).code, 0);
    assert.doesNotMatch(web.stdout + web.stderr, /FSTDEP|DeprecationWarning/);
  });

  it('on SIGTERM finishes the request in flight, then exits 0', async () => {
    const web = await WebProcess.start(database.url, { SHUTDOWN_GRACE_SECONDS: '10' });
    const integration = await expectJson(
      await fetch(`${web.baseUrl}/tenantintegrations`, { method: 'POST', headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(integrationBody({ name: 'drain' })) }),
      201,
    );
    // Hold the integration's row: the PATCH below waits for it, in flight, while SIGTERM arrives.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM tenant_integrations WHERE id = $1 FOR UPDATE', [integration.id]);
    const inFlight = fetch(`${web.baseUrl}/tenantintegrations/${integration.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'drained' }),
    });
    await waitFor(async () => (await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0].n > 0);
    const signalled = Date.now();
    web.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(web.child.exitCode, null, 'the process waits for the request in flight');
    await locker.query('COMMIT');
    await locker.end();
    const response = await inFlight;
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(((await response.json()) as { name: string }).name, 'drained');
    const exit = await web.exited();
    assert.equal(exit.code, 0, web.stdout + web.stderr);
    assert.ok(exit.at - signalled < 10_000);
  });

  it('gives up on a request that outlasts SHUTDOWN_GRACE_SECONDS and exits within the grace period', async () => {
    const web = await WebProcess.start(database.url, { SHUTDOWN_GRACE_SECONDS: '2' });
    const integration = await expectJson(
      await fetch(`${web.baseUrl}/tenantintegrations`, { method: 'POST', headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(integrationBody({ name: 'stuck' })) }),
      201,
    );
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM tenant_integrations WHERE id = $1 FOR UPDATE', [integration.id]);
    const inFlight = fetch(`${web.baseUrl}/tenantintegrations/${integration.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'never' }),
    }).catch((error: Error) => error);
    await waitFor(async () => (await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0].n > 0);
    const signalled = Date.now();
    web.child.kill('SIGTERM');
    const exit = await web.exited();
    const took = exit.at - signalled;
    await locker.query('ROLLBACK');
    await locker.end();
    await inFlight;
    assert.ok(took >= 1900 && took < 3500, `exited ${took} ms after SIGTERM with a 2 s grace period`);
    assert.notEqual(exit.code, null);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
