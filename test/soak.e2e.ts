import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { getHeapStatistics } from 'node:v8';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, fastExtraction } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { expectJson } from './support/http.js';
import { integrationBody, specCreateBody, specUpdateBody } from './support/tenant-config.fixtures.js';

/**
 * Soak: mixed traffic (reads, writes, creates and deletes, refused requests) against the whole
 * service with its extraction worker, and syncs of a BigCommerce store every minute by schedule
 * plus on demand. RSS and heap are printed every 30 s; the test fails on a 5xx or on heap growth
 * that persists (the low point of the last quarter well above the low point of the first, after
 * warm-up). `npm test` runs 60 s; `npm run soak` 10 minutes (SOAK_SECONDS).
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CLIENTS = 6;
const MB = 1024 * 1024;

describe(`soak: ${SECONDS} s of mixed traffic with scheduled syncs`, () => {
  let api: TestApp;
  let fake: FakeBigCommerce;

  before(async () => {
    const data = new BigCommerceStoreData({ orders: 150, ordersPerSecond: 0.01, refunds: 'some', seed: 11 });
    fake = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: 150, ordersPerSecond: 0.01, data, latencyMs: 2 });
    api = await startTestApp(
      { PROCESS_ROLE: 'all', BIGCOMMERCE_API_URL: fake.url, RATE_LIMIT_WRITES: '1000000', RATE_LIMIT_AUTH_FAILURES: '1000000' },
      { configure: fastExtraction },
    );
  });
  after(async () => {
    await api?.close();
    await fake?.stop();
  });

  it('serves without a 5xx and without sustained memory growth', { timeout: (SECONDS + 120) * 1000 }, async () => {
    const connectionId = await bigCommerceConnection(api, randomUUID(), '2024-01-01', { page_size: 50 });
    await expectJson(await api.request(`/connections/${connectionId}`, { method: 'PATCH', token: SERVICE_TOKEN, json: { syncIntervalMinutes: 1 } }), 200);
    const integration = await expectJson(await api.request('/tenantintegrations', { method: 'POST', token: SERVICE_TOKEN, json: integrationBody({ name: 'soak' }) }), 201);
    const configs = `/tenantintegrations/${integration.id}/configs`;
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let stop = false;
    let requests = 0;

    const send = async (path: string, init: Parameters<TestApp['request']>[1] = {}): Promise<any> => {
      const response = await api.request(path, { token: SERVICE_TOKEN, ...init });
      const text = await response.text();
      requests += 1;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500 && failures.length < 20) failures.push(`${init.method ?? 'GET'} ${path} -> ${response.status}: ${text.slice(0, 300)}`);
      return response.ok && text ? JSON.parse(text) : undefined;
    };

    const client = async (index: number) => {
      for (let step = 0; !stop; step += 1) {
        const name = `soak-${index}-${step}`;
        const created = await send(configs, { method: 'POST', json: specCreateBody({ integration: integration.id, name, value: `v${step}`, sensitive: step % 4 === 0 }) });
        if (created) {
          const path = `${configs}/${created.id}`;
          await send(path, { method: 'PUT', json: specUpdateBody({ integration: integration.id, name, value: `w${step}` }) });
          await send(`${path}/versions`);
          await send(path, { method: 'DELETE' });
        }
        await send(`${configs}?pageSize=20&pageSort=name,ASC`);
        await send('/connections?pageSize=10');
        await send(`/connections/${connectionId}/status`);
        await send(`/connections/${connectionId}/syncs?pageSize=5`);
        await send(`/connections/${connectionId}/transactions?pageSize=25`);
        await send(`/connections/${connectionId}/transactions/summary?from=2024-01-01&to=2024-12-31`);
        // Refused requests are part of real traffic too.
        await send(configs, { method: 'POST', json: { name: 42 } });
        await send(`/connections/${randomUUID()}`);
        await send('/me', { token: `wrong-token-${step}-0123456789` });
        if (index === 0 && step % 20 === 0) await send(`/connections/${connectionId}/syncs`, { method: 'POST', json: {} });
      }
    };

    const samples: Array<{ t: number; rss: number; heap: number }> = [];
    const started = Date.now();
    const sample = () => {
      const memory = process.memoryUsage();
      samples.push({ t: (Date.now() - started) / 1000, rss: memory.rss, heap: getHeapStatistics().used_heap_size });
    };
    const print = () => {
      const last = samples.at(-1)!;
      console.log(`soak ${last.t.toFixed(0).padStart(4)} s: rss ${(last.rss / MB).toFixed(1)} MB, heap ${(last.heap / MB).toFixed(1)} MB, ${requests} requests`);
    };
    sample();
    print();
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    let nextPrint = 30;
    while ((Date.now() - started) / 1000 < SECONDS) {
      await sleep(1000);
      sample();
      if (samples.at(-1)!.t >= nextPrint) {
        print();
        nextPrint += 30;
      }
    }
    stop = true;
    await load;
    sample();
    print();

    const runs = await api.query<{ trigger: string; status: string; n: number }>(
      `SELECT trigger, status, count(*)::int AS n FROM extraction_runs WHERE connection_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [connectionId],
    );
    console.log(`soak: ${requests} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; runs ${JSON.stringify(runs)}`);
    console.log(`soak: rss ${(samples[0].rss / MB).toFixed(1)} MB at the start, ${(samples.at(-1)!.rss / MB).toFixed(1)} MB at the end`);
    assert.deepEqual(failures, []);
    assert.ok(runs.some((r) => r.status === 'succeeded'), 'syncs ran during the soak');
    assert.ok(!runs.some((r) => r.status === 'failed'), `failed runs: ${JSON.stringify(runs)}`);

    // Sustained growth: after warm-up (the first 20%), the heap's low point in the last quarter
    // must not be far above its low point in the first quarter (low points ≈ after collection).
    const warm = samples.filter((s) => s.t >= SECONDS * 0.2);
    const quarter = Math.max(3, Math.floor(warm.length / 4));
    const low = (xs: typeof warm) => Math.min(...xs.map((s) => s.heap));
    const early = low(warm.slice(0, quarter));
    const late = low(warm.slice(-quarter));
    console.log(`soak: heap low point ${(early / MB).toFixed(1)} MB early, ${(late / MB).toFixed(1)} MB late`);
    assert.ok(late < early * 1.3 + 16 * MB, `heap keeps growing: ${(early / MB).toFixed(1)} -> ${(late / MB).toFixed(1)} MB`);
  });
});
