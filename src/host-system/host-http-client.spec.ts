import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FaultServer } from '../../test/support/fault-server.js';
import { HostHttpClient, HostHttpError, parseRetryAfter, type HostCallLog } from './host-http-client.js';

describe('HostHttpClient against a faulty host', () => {
  let host: FaultServer;
  let logs: HostCallLog[];
  const client = (retries = 3, timeoutMs = 1000) => new HostHttpClient({ retries, timeoutMs, baseDelayMs: 10, maxRetryAfterMs: 5000 }, (entry) => logs.push(entry));

  before(async () => {
    host = await FaultServer.start();
  });
  after(() => host?.stop());

  const fresh = (path: string) => {
    logs = [];
    return `${host.url}${path}`;
  };

  it('waits for Retry-After on a 429 and then succeeds', async () => {
    const url = fresh('/rate-limited');
    host.script('/rate-limited', [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200, body: { ok: true } }]);
    const started = Date.now();
    const response = await client().request({ url });
    assert.deepEqual(response.body, { ok: true });
    assert.ok(Date.now() - started >= 950, 'Retry-After: 1 means at least a second');
    assert.equal(host.requestsTo('/rate-limited').length, 2);
    assert.deepEqual(logs.map((l) => [l.status, l.outcome, l.attempt]), [[429, 'retry', 1], [200, 'ok', 2]]);
  });

  it('retries 5xx answers, timeouts and dropped connections, and reads the answer in the end', async () => {
    const url = fresh('/flaky');
    host.script('/flaky', [{ status: 500 }, { drop: true }, { delayMs: 500 }, { status: 502 }, { status: 200, body: [1, 2, 3] }]);
    const response = await new HostHttpClient({ retries: 4, timeoutMs: 200, baseDelayMs: 10 }, (entry) => logs.push(entry)).request({ url });
    assert.deepEqual(response.body, [1, 2, 3]);
    assert.deepEqual(logs.map((l) => l.outcome), ['retry', 'retry', 'retry', 'retry', 'ok']);
    assert.match(logs[2].error ?? '', /no answer within 200 ms/);
  });

  it('does not retry other 4xx answers', async () => {
    const url = fresh('/missing');
    host.script('/missing', [{ status: 404, body: { title: 'Not Found' } }]);
    await assert.rejects(client().request({ url }), (error: unknown) => error instanceof HostHttpError && error.status === 404 && error.attempts === 1);
    assert.equal(host.requestsTo('/missing').length, 1);
  });

  it('gives up after the configured attempts with the last status', async () => {
    const url = fresh('/down');
    host.script('/down', [{ status: 503 }]);
    await assert.rejects(client(2).request({ url }), (error: unknown) => error instanceof HostHttpError && error.status === 503 && error.attempts === 3);
    assert.equal(host.requestsTo('/down').length, 3);
  });

  it('refuses a Retry-After longer than the allowed wait instead of hanging', async () => {
    const url = fresh('/slow-down');
    host.script('/slow-down', [{ status: 429, headers: { 'retry-after': '3600' } }]);
    const started = Date.now();
    await assert.rejects(client().request({ url }), /asked to retry after 3600 s/);
    assert.ok(Date.now() - started < 1000);
  });

  it('logs method, host, path, status, latency and attempt, never credentials', async () => {
    const url = fresh('/secure');
    host.script('/secure', [{ status: 200, body: {} }]);
    await client().request({ url, query: { api_key: 'SECRET-KEY-1', page: 2 }, headers: { authorization: 'Bearer SECRET-TOKEN-2' } });
    assert.equal(host.requestsTo('/secure')[0].headers.authorization, 'Bearer SECRET-TOKEN-2', 'the host did get the credential');
    const line = JSON.stringify(logs);
    assert.ok(!line.includes('SECRET'), line);
    assert.equal(logs[0].path, '/secure?api_key=%5BREDACTED%5D&page=2');
    assert.equal(logs[0].host, new URL(host.url).host);
    assert.equal(typeof logs[0].latencyMs, 'number');
  });

  it('sends forms for OAuth token endpoints', async () => {
    const url = fresh('/token');
    host.script('/token', [{ status: 200, body: { access_token: 'x' } }]);
    await client().request({ url, method: 'POST', form: true, body: { grant_type: 'authorization_code', code: 'abc' } });
    assert.equal(host.requestsTo('/token')[0].headers['content-type'], 'application/x-www-form-urlencoded');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
