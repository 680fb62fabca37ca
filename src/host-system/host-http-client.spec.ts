import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FaultServer } from '../../test/support/fault-server.js';
import { HostHttpClient, HostHttpError, parseRetryAfter, withJitter, type HostCallLog, type HostHttpOptions } from './host-http-client.js';

async function eventually(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('HostHttpClient against a faulty host', () => {
  let host: FaultServer;
  let logs: HostCallLog[];
  const client = (retries = 3, timeoutMs = 1000, more: Partial<HostHttpOptions> = {}) =>
    new HostHttpClient({ retries, timeoutMs, baseDelayMs: 10, maxRetryAfterMs: 5000, ...more }, (entry) => logs.push(entry));

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

  it('pauses every request of the client, in flight or new, until a 429\'s rate-limit reset, and then all succeed', async () => {
    const url = fresh('/window');
    const busy = `${host.url}/busy`;
    host.script('/window', [{ status: 429, headers: { 'x-rate-limit-time-reset-ms': '1500' } }, { status: 200, body: { ok: true } }]);
    host.script('/busy', [{ status: 500, delayMs: 200 }, { status: 200, body: { ok: true } }]);
    const http = client();
    const inFlight = http.request({ url: busy });
    const limited = http.request({ url });
    await eventually(() => logs.some((l) => l.status === 429));
    const limitedAt = Date.now();
    const started = Array.from({ length: 5 }, () => http.request({ url }));
    const responses = await Promise.all([inFlight, limited, ...started]);
    assert.ok(responses.every((r) => (r.body as { ok: boolean }).ok));
    const after429 = [...host.requestsTo('/window').slice(1), ...host.requestsTo('/busy').slice(1)];
    assert.equal(after429.length, 7);
    for (const { at } of after429) {
      assert.ok(at - limitedAt >= 1450, `a request reached the host ${at - limitedAt} ms after the 429`);
      assert.ok(at - limitedAt < 1500 + 300 + 250, `a request waited ${at - limitedAt} ms`);
    }
    const arrivals = after429.map((r) => r.at);
    assert.ok(Math.max(...arrivals) - Math.min(...arrivals) > 5, 'jitter spreads the requests after the reset');
  });

  it('waits out rate-limit resets beyond the retry budget, up to maxRateLimitWaits', async () => {
    const url = fresh('/quota');
    const reset = { status: 429, headers: { 'x-rate-limit-time-reset-ms': '300' } };
    host.script('/quota', [reset, reset, reset, { status: 200, body: { ok: true } }]);
    const response = await client(1).request({ url });
    assert.deepEqual(response.body, { ok: true });
    const arrivals = host.requestsTo('/quota').map((r) => r.at);
    assert.equal(arrivals.length, 4);
    for (let i = 1; i < arrivals.length; i += 1) assert.ok(arrivals[i] - arrivals[i - 1] >= 290, `${arrivals[i] - arrivals[i - 1]} ms between attempts`);
    assert.deepEqual(logs.map((l) => [l.outcome, l.waitMs]), [['retry', 300], ['retry', 300], ['retry', 300], ['ok', undefined]]);

    const always = fresh('/always-limited');
    host.script('/always-limited', [{ status: 429, headers: { 'x-rate-limit-time-reset-ms': '20' } }]);
    await assert.rejects(client(5, 1000, { maxRateLimitWaits: 2 }).request({ url: always }), (error: unknown) => error instanceof HostHttpError && error.status === 429 && error.attempts === 3);
    assert.equal(host.requestsTo('/always-limited').length, 3);
  });

  it('reads other hosts\' reset headers when configured, and refuses a reset beyond maxRetryAfterMs', async () => {
    const url = fresh('/custom-reset');
    host.script('/custom-reset', [{ status: 429, headers: { 'x-reset-after-ms': '400' } }, { status: 200, body: {} }]);
    const started = Date.now();
    await client(3, 1000, { rateLimitResetHeaders: ['x-reset-after-ms'] }).request({ url });
    assert.ok(Date.now() - started >= 390);

    const far = fresh('/far-reset');
    host.script('/far-reset', [{ status: 429, headers: { 'x-rate-limit-time-reset-ms': '10000' } }]);
    const refused = Date.now();
    await assert.rejects(client().request({ url: far }), /asked to retry after 10 s/);
    assert.ok(Date.now() - refused < 1000);
    assert.equal(host.requestsTo('/far-reset').length, 1);
  });

  it('takes from a shared budget before every attempt, retries included, shows it every answer, and fails unretried when taking throws', async () => {
    const url = fresh('/budgeted');
    host.script('/budgeted', [{ status: 429, headers: { 'x-rate-limit-time-reset-ms': '20' } }, { status: 500 }, { status: 200, body: { ok: true } }]);
    const events: string[] = [];
    const budget = {
      take: async () => void events.push(`take ${host.requestsTo('/budgeted').length}`),
      observe: async (answer: { status: number; headers: Headers }) => void events.push(`saw ${answer.status} ${answer.headers.get('x-rate-limit-time-reset-ms') ?? ''}`.trim()),
    };
    assert.deepEqual((await client().request({ url, budget })).body, { ok: true });
    assert.deepEqual(events, ['take 0', 'saw 429 20', 'take 1', 'saw 500', 'take 2', 'saw 200']);

    const refused = fresh('/unbudgeted');
    host.script('/unbudgeted', [{ status: 200, body: {} }]);
    const spent = new Error('no budget');
    await assert.rejects(client().request({ url: refused, budget: { take: async () => Promise.reject(spent), observe: async () => undefined } }), (error) => error === spent);
    assert.equal(host.requestsTo('/unbudgeted').length, 0, 'nothing was sent');
  });

  it('fails a request with the budget’s own error at once when the host asks for a wait the budget will not sleep through', async () => {
    const url = fresh('/step-aside');
    host.script('/step-aside', [{ status: 429, headers: { 'x-rate-limit-time-reset-ms': '30000' } }, { status: 200, body: { ok: true } }]);
    const later = new Error('step aside');
    const asked: number[] = [];
    const budget = { take: async () => undefined, observe: async () => undefined, tooLongToWait: (waitMs: number) => (asked.push(waitMs), waitMs > 1_000 ? later : undefined) };
    const started = Date.now();
    await assert.rejects(client().request({ url, budget }), (error) => error === later);
    assert.ok(Date.now() - started < 5_000, 'it did not wait for the reset');
    assert.deepEqual(asked, [30_000]);
    assert.equal(host.requestsTo('/step-aside').length, 1);
  });

  it('retries a connection dropped in the middle of the body', async () => {
    const url = fresh('/cut');
    host.script('/cut', [{ dropMidBody: true, body: { data: 'x'.repeat(2000) } }, { status: 200, body: { ok: true } }]);
    const response = await client().request({ url });
    assert.deepEqual(response.body, { ok: true });
    assert.deepEqual(logs.map((l) => l.outcome), ['retry', 'ok']);
  });

  it('times out a body slower than the per-attempt timeout and retries it', async () => {
    const url = fresh('/trickle');
    host.script('/trickle', [{ trickleMs: 900, body: { data: 'x'.repeat(200) } }, { status: 200, body: { ok: true } }]);
    const started = Date.now();
    const response = await client(3, 300).request({ url });
    assert.deepEqual(response.body, { ok: true });
    assert.ok(Date.now() - started < 800, 'the timeout covers the body');
    assert.match(logs[0].error ?? '', /no answer within 300 ms/);
  });

  it('sends POST and PATCH once, whatever the answer, unless marked idempotent', async () => {
    for (const [method, first] of [['POST', { status: 503 }], ['POST', { drop: true }], ['PATCH', { status: 500 }]] as const) {
      const url = fresh('/once');
      host.script('/once', [first, { status: 200, body: {} }]);
      const before = host.requestsTo('/once').length;
      await assert.rejects(client().request({ url, method, form: true, body: { grant_type: 'refresh_token', refresh_token: 'r1' } }), (error: unknown) => error instanceof HostHttpError && error.attempts === 1);
      assert.equal(host.requestsTo('/once').length - before, 1, `${method} was sent again`);
      assert.deepEqual(logs.map((l) => l.outcome), ['failed']);
    }
    const url = fresh('/safe-post');
    host.script('/safe-post', [{ status: 503 }, { status: 200, body: { ok: true } }]);
    assert.deepEqual((await client().request({ url, method: 'POST', body: { query: 'x' }, idempotent: true })).body, { ok: true });
    assert.equal(host.requestsTo('/safe-post').length, 2);
  });

  it('retries GET, PUT and DELETE', async () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      const path = `/idempotent-${method}`;
      const url = fresh(path);
      host.script(path, [{ status: 503 }, { drop: true }, { status: 200, body: { ok: true } }]);
      assert.deepEqual((await client().request({ url, method, body: method === 'PUT' ? { a: 1 } : undefined })).body, { ok: true });
      assert.equal(host.requestsTo(path).length, 3);
    }
  });

  it('parses every JSON number as its exact source text when numbersAsStrings is set', async () => {
    const url = fresh('/refunds');
    const raw = '{"id":123456789012345678901,"amount":12.345678901234567890,"small":1e2,"neg":-0.10,"name":"x","items":[1,2.50],"none":null,"yes":true,"id2":1,"id2":2}';
    host.script('/refunds', [{ status: 200, rawBody: raw }]);
    const exact = await client().request({ url, numbersAsStrings: true });
    assert.deepEqual(exact.body, { id: '123456789012345678901', amount: '12.345678901234567890', small: '1e2', neg: '-0.10', name: 'x', items: ['1', '2.50'], none: null, yes: true, id2: '2' });
    const floats = await client().request({ url });
    assert.equal((floats.body as { amount: number }).amount, 12.345678901234567);
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

  it('ignores anything that is neither delta-seconds nor an HTTP date', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    for (const value of ['1.5', '-1', '1e3', '0x10', '', '  ', '2026-11-22T10:00:30Z', '22 Nov 2026 10:00:30 GMT', 'Sun, 22 Nov 2026 10:00:30']) {
      assert.equal(parseRetryAfter(value, now), undefined, JSON.stringify(value));
    }
  });

  it('reads the obsolete RFC 850 and asctime dates as GMT', () => {
    const now = Date.parse('1994-11-06T08:49:00Z');
    const zone = process.env.TZ;
    process.env.TZ = 'Australia/Sydney';
    try {
      assert.equal(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', now), 37_000);
      assert.equal(parseRetryAfter('Sun Nov  6 08:49:37 1994', now), 37_000);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('withJitter', () => {
  it('adds up to 20 % of the wait, at most a second', () => {
    assert.equal(withJitter(1000, () => 0), 1000);
    assert.equal(withJitter(1000, () => 0.5), 1100);
    assert.ok(withJitter(1000, () => 0.999999) <= 1200);
    assert.equal(withJitter(60_000, () => 0.5), 60_500);
    assert.ok(withJitter(60_000, () => 0.999999) <= 61_000);
    assert.equal(withJitter(0), 0);
    const samples = Array.from({ length: 500 }, () => withJitter(2000));
    assert.ok(samples.every((ms) => ms >= 2000 && ms <= 2400));
    assert.ok(new Set(samples).size > 1, 'random');
  });
});
