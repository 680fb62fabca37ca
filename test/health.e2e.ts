import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { TcpProxy } from './support/tcp-proxy.js';

async function waitForStatus(api: TestApp, status: number, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.request('/health');
    if (response.status === status || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('health with an unreliable database', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let api: TestApp;

  before(async () => {
    database = await createTestDatabase();
    const proxied = await TcpProxy.inFrontOf(database.url);
    proxy = proxied.proxy;
    api = await startTestApp({ DATABASE_URL: proxied.url });
  });

  after(async () => {
    await api?.close();
    await proxy?.stop();
    await database?.drop();
  });

  it('answers 503 problem while the database is unreachable and 200 again once it is back, without a restart', async () => {
    assert.equal((await api.request('/health')).status, 200);

    proxy.cut();
    const down = await waitForStatus(api, 503, 10_000);
    assert.equal(down.status, 503);
    assert.match(down.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = (await down.json()) as { code: string; detail: string; checks: Record<string, { status: string }> };
    assert.equal(problem.code, 'HEALTH.DATABASE_UNAVAILABLE');
    assert.equal(problem.checks.database.status, 'down');
    assert.equal((await api.request('/health/ready')).status, 503);
    assert.equal((await api.request('/health/live')).status, 200, 'liveness does not depend on the database');
    const apiCall = await api.request('/tenantintegrations', { token: SERVICE_TOKEN });
    assert.equal(apiCall.status, 503, 'an API call during the outage is a retryable 503, not a 500');
    assert.equal(apiCall.headers.get('retry-after'), '5');
    assert.equal(((await apiCall.json()) as { code: string }).code, 'SERVER.DATABASE_UNAVAILABLE');

    proxy.restore();
    const up = await waitForStatus(api, 200, 15_000);
    assert.equal(up.status, 200);
  });
});
