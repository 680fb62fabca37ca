import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { AccountBudget, PgTokenBuckets, bucketForQuota, type AccountRatePolicy } from '../src/host-system/account-budget.js';
import { BIGCOMMERCE_RATE_POLICY } from '../src/host-system/bigcommerce/bigcommerce.connector.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { databaseWithPools } from './support/database.js';
import { busiest } from './support/rates.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, fastExtraction, getJson, waitForFinishedRuns } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { FakeSquare, squareConnection, squareEnv } from './support/fake-square.js';
import { SquareSellerData } from './support/square-data.js';
import { WorkerChild } from './support/worker-child.js';

const POLICY: AccountRatePolicy = { account: 'store', defaults: { capacity: 5, refillPerSecond: 10 }, defaultsSource: 'test', throttleMs: 1_000, readHeaders: BIGCOMMERCE_RATE_POLICY.readHeaders };

describe('The token bucket per upstream account, in PostgreSQL, shared by every process', () => {
  let pools: Awaited<ReturnType<typeof databaseWithPools>> | undefined;
  let sources: DataSource[] = [];

  // Four separate pools of one connection each, as four worker processes would hold.
  before(async () => {
    pools = await databaseWithPools(4, 1);
    sources = pools.sources;
  });
  after(() => pools?.close());

  it('20 concurrent takers in 4 processes never get more than the capacity at once plus the refill, in any second', async () => {
    const key = `TEST:${randomUUID()}`;
    const budgets = sources.map((source) => new AccountBudget(new PgTokenBuckets(source), key, POLICY));
    const taken: number[] = [];
    const started = Date.now();
    await Promise.all(
      budgets.flatMap((budget) =>
        Array.from({ length: 5 }, async () => {
          for (let call = 0; call < 2; call += 1) {
            await budget.take();
            taken.push(Date.now());
          }
        }),
      ),
    );
    const elapsed = Date.now() - started;
    // 40 calls: 5 at once, then 10 a second: 3.5 s at the least.
    assert.equal(taken.length, 40);
    assert.ok(elapsed >= 3_300, `40 calls in ${elapsed} ms`);
    assert.ok(busiest(taken, 1000) <= 5 + 10 + 2, `${busiest(taken, 1000)} calls within one second`);
    assert.ok(elapsed < 7_000, `the waiters took ${elapsed} ms: they should follow the refill closely`);
  });

  it('learns the size from the host’s headers, is drained by a 429 until its reset, and another account is not held up meanwhile', async () => {
    const store = `TEST:${randomUUID()}`;
    const other = `TEST:${randomUUID()}`;
    // One connection for both accounts: a taker that waits holds none.
    const buckets = new PgTokenBuckets(sources[0]);
    const budget = new AccountBudget(buckets, store, POLICY);
    await budget.take();
    await budget.observe({ status: 200, headers: new Headers({ 'x-rate-limit-requests-quota': '600', 'x-rate-limit-time-window-ms': '30000', 'x-rate-limit-requests-left': '599', 'x-rate-limit-time-reset-ms': '29000' }) });
    let state = await buckets.state(store, POLICY.defaults);
    assert.deepEqual({ capacity: state.capacity, refillPerSecond: state.refillPerSecond, learned: state.learnedFromHost }, { ...bucketForQuota(600, 30_000), learned: true });

    await budget.observe({ status: 429, headers: new Headers({ 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '1500' }) });
    state = await buckets.state(store, POLICY.defaults);
    assert.ok(state.throttledUntil && state.throttledUntil.getTime() > Date.now() + 1_000, JSON.stringify(state));
    assert.ok(state.available < 0);
    assert.equal(state.throttles, 1);

    const waiting = Date.now();
    const drained = budget.take().then(() => Date.now() - waiting);
    await sleep(100);
    const elsewhere = Date.now();
    await new AccountBudget(buckets, other, POLICY).take();
    assert.ok(Date.now() - elsewhere < 500, 'the other account took at once, on the same single connection');
    const waited = await drained;
    assert.ok(waited >= 1_300, `the drained store's call went after ${waited} ms, before the host's reset`);
  });
});

/**
 * N requests a second per store: what the fake allows. 4 worker processes, 20 connections of one
 * store: with the shared budget, at most 1% of requests are answered 429 and every connection
 * gets all of its orders; without it, the same setup goes past N.
 */
describe('Four worker processes, twenty connections of one BigCommerce store, one rate limit', () => {
  const N = 40;
  const CONNECTIONS = 20;
  const ORDERS = 8;
  let app: TestApp;
  const workers: WorkerChild[] = [];
  const tenant = randomUUID();
  const figures: Record<string, { requests: number; rateLimited: number; share: string; busiestSecond: number; seconds: number }> = {};

  let fake: FakeBigCommerce;
  let data: BigCommerceStoreData;

  before(async () => {
    // One store for both runs; the API knows where it is (it names the store's budget in the status).
    data = new BigCommerceStoreData({ orders: ORDERS, ordersPerSecond: 2, refunds: 4, seed: 5 });
    fake = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: ORDERS, ordersPerSecond: 2, data, rateLimit: { quota: N, windowMs: 1000 } });
    app = await startTestApp({ PROCESS_ROLE: 'web', BIGCOMMERCE_API_URL: fake.url }, { configure: fastExtraction });
  });
  after(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await app?.close();
    await fake?.stop();
    console.log(`rate budget figures (N = ${N} requests/s, ${CONNECTIONS} connections x ${ORDERS} orders, 4 workers): ${JSON.stringify(figures)}`);
  });

  /** 20 new connections synced by 4 new workers; what the store counted meanwhile. */
  async function syncAll(budget: boolean): Promise<{ ids: string[]; requests: number; rateLimited: number; busiestSecond: number }> {
    const env = { BIGCOMMERCE_API_URL: fake.url, WORKER_CONCURRENCY: '2', ...(budget ? {} : { TEST_ACCOUNT_RATE_BUDGETS: 'off' }) };
    const started = await Promise.all(Array.from({ length: 4 }, () => WorkerChild.start(app.database.url, env)));
    workers.push(...started);
    const begun = Date.now();
    const before = { requests: fake.limitedRequests, rateLimited: fake.rateLimited };
    fake.busiestWindow = 0;
    const ids: string[] = [];
    for (let n = 0; n < CONNECTIONS; n += 1) ids.push(await bigCommerceConnection(app, tenant, '2023-12-31', { page_size: 10, detail_concurrency: 4 }));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [row] = await app.query<{ n: string }>(
        `SELECT count(*) AS n FROM extraction_runs WHERE connection_id = ANY($1::uuid[]) AND status IN ('succeeded', 'failed', 'cancelled')`,
        [ids],
      );
      if (Number(row.n) >= CONNECTIONS) break;
      assert.ok(Date.now() < deadline, `only ${row.n} of ${CONNECTIONS} runs finished`);
      await sleep(200);
    }
    const seconds = (Date.now() - begun) / 1000;
    await Promise.all(started.map((worker) => worker.stop()));
    const counted = { requests: fake.limitedRequests - before.requests, rateLimited: fake.rateLimited - before.rateLimited, busiestSecond: fake.busiestWindow };
    figures[budget ? 'withBudget' : 'withoutBudget'] = {
      ...counted,
      share: `${((100 * counted.rateLimited) / counted.requests).toFixed(2)}%`,
      seconds: Math.round(seconds * 10) / 10,
    };
    return { ids, ...counted };
  }

  it(`with the shared budget: at most 1% of the requests answered 429, every connection complete, the budget shown in the status`, async () => {
    const { ids, requests, rateLimited, busiestSecond } = await syncAll(true);
    console.log(`with the budget: ${rateLimited} of ${requests} requests answered 429, at most ${busiestSecond} in one second (N = ${N})`);
    assert.ok(rateLimited <= requests * 0.01, `${rateLimited} of ${requests} requests were answered 429`);
    const runs = await app.query<{ status: string }>(`SELECT status FROM extraction_runs WHERE connection_id = ANY($1::uuid[])`, [ids]);
    assert.deepEqual(runs.map((run) => run.status), ids.map(() => 'succeeded'));
    const perConnection = await app.query<{ n: string }>(
      `SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = ANY($1::uuid[]) AND type = 'sale' GROUP BY connection_id`,
      [ids],
    );
    assert.equal(perConnection.length, CONNECTIONS);
    assert.ok(perConnection.every((row) => Number(row.n) === ORDERS), JSON.stringify(perConnection));
    const refunds = await app.query<{ n: string }>(
      `SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = ANY($1::uuid[]) AND type = 'refund' GROUP BY connection_id`,
      [ids],
    );
    assert.ok(refunds.length === CONNECTIONS && refunds.every((row) => Number(row.n) === data.refundCount), JSON.stringify(refunds));
    const failures = await app.query<{ n: string }>(`SELECT count(*) AS n FROM extraction_failures WHERE connection_id = ANY($1::uuid[])`, [ids]);
    assert.equal(Number(failures[0].n), 0);

    // Every connection of the store shows the one bucket, learned from the fake's headers.
    const first = (await getJson(app, `/connections/${ids[0]}/status`)).rateBudget;
    const last = (await getJson(app, `/connections/${ids.at(-1)}/status`)).rateBudget;
    assert.equal(first.account, 'store');
    assert.equal(first.learnedFromHost, true);
    assert.equal(first.capacity, bucketForQuota(N, 1000).capacity);
    assert.equal(first.refillPerSecond, bucketForQuota(N, 1000).refillPerSecond);
    assert.match(first.limitSource, new RegExp(`${N} requests per 1 s`));
    assert.ok(first.available <= first.capacity);
    assert.deepEqual({ ...last, available: undefined }, { ...first, available: undefined });
    assert.ok(!JSON.stringify(first).includes(BIGCOMMERCE_STORE) && !JSON.stringify(first).includes(BIGCOMMERCE_TOKEN), 'no store hash or token in the answer');
  });

  it('without it, the same setup goes past N: more than 1% of the requests answered 429', async () => {
    const { requests, rateLimited, busiestSecond } = await syncAll(false);
    console.log(`without the budget: ${rateLimited} of ${requests} requests answered 429, up to ${busiestSecond} in one second (N = ${N})`);
    assert.ok(rateLimited > requests * 0.01, `only ${rateLimited} of ${requests} requests were answered 429`);
    assert.ok(busiestSecond > N);
  });
});

/**
 * A throttled account steps aside: a 429 whose reset is far off defers the run (its checkpoint
 * kept) instead of sleeping in the worker's only slot, so another account's run goes meanwhile.
 */
describe('A store asked to wait longer than a run should sleep, with one worker slot', () => {
  const RESET_MS = 12_000;
  let app: TestApp;
  let store: FakeBigCommerce;
  let square: FakeSquare;
  const tenant = randomUUID();

  before(async () => {
    store = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: 12, ordersPerSecond: 2, data: new BigCommerceStoreData({ orders: 12, ordersPerSecond: 2, seed: 9 }) });
    square = await FakeSquare.start({ data: new SquareSellerData({ orders: 15, seed: 3 }) });
    app = await startTestApp(
      { PROCESS_ROLE: 'all', WORKER_CONCURRENCY: '1', BIGCOMMERCE_API_URL: store.url, ...squareEnv(square) },
      { configure: fastExtraction },
    );
  });
  after(async () => {
    await app?.close();
    await store?.stop();
    await square?.stop();
  });

  it('defers the run until the reset (HOST_RATE_LIMIT_WAIT), another account syncs meanwhile, and the run then completes', async () => {
    store.injectFaults(1, [{ status: 429, resetMs: RESET_MS }]);
    const throttled = await bigCommerceConnection(app, tenant);
    let run: { id: string; status: string; resumeAt: string | null; error: { code: string; message: string } | null } | undefined;
    const deadline = Date.now() + 30_000;
    while (run?.status !== 'deferred') {
      assert.ok(Date.now() < deadline, `the run is ${JSON.stringify(run)}`);
      await sleep(100);
      [run] = (await getJson(app, `/connections/${throttled}/syncs`)).content;
    }
    store.injectFaults(0, []);
    assert.equal(run.error?.code, 'HOST_RATE_LIMIT_WAIT', JSON.stringify(run));
    const resumeAt = Date.parse(run.resumeAt!);
    assert.ok(resumeAt > Date.now() + RESET_MS / 2, `resumes at ${run.resumeAt}`);

    // The only slot is free: a Square seller's run starts and finishes before the store's reset.
    const other = await squareConnection(app, square, tenant);
    const [otherRun] = await waitForFinishedRuns(app, other, 1, RESET_MS);
    assert.equal(otherRun.status, 'succeeded', JSON.stringify(otherRun));
    assert.ok(Date.now() < resumeAt, 'the other account finished while the store was still throttled');

    const [finished] = await waitForFinishedRuns(app, throttled, 1, RESET_MS + 30_000);
    assert.equal(finished.id, run.id, 'the same run resumed');
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished));
    assert.ok(Date.now() >= resumeAt);
    const [sales] = await app.query<{ n: string }>(`SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = $1 AND type = 'sale'`, [throttled]);
    assert.equal(Number(sales.n), 12);
    const deferred = (await getJson(app, `/connections/${throttled}/activities?type=sync.deferred`)).content;
    assert.equal(deferred.length, 1, JSON.stringify(deferred));
  });

  it('a reconciliation that meets the same 429 waits for the reset and reads again (it has no checkpoint to defer to)', async () => {
    const [connection] = await app.query<{ id: string }>(`SELECT id FROM connections WHERE connector = 'BIGCOMMERCE' AND tenant = $1`, [tenant]);
    const [period] = await app.query<{ from: string; to: string }>(
      `SELECT to_char(min(transaction_date) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "from", to_char(max(transaction_date) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "to"
       FROM extracted_transactions WHERE connection_id = $1`,
      [connection.id],
    );
    const faultsBefore = store.faultCount;
    store.injectFaults(1, [{ status: 429, resetMs: RESET_MS }]);
    const started = Date.now();
    const queued = await app.request(`/connections/${connection.id}/reconciliations`, { method: 'POST', token: SERVICE_TOKEN, json: period });
    assert.equal(queued.status, 202, await queued.clone().text());
    const { id } = (await queued.json()) as { id: string };
    while (store.faultCount === faultsBefore) {
      assert.ok(Date.now() - started < 20_000, 'the reconciliation never called the store');
      await sleep(50);
    }
    store.injectFaults(0, []);
    let result: { status: string; matched: boolean | null; error: unknown } = { status: 'queued', matched: null, error: null };
    while (!['succeeded', 'failed'].includes(result.status)) {
      assert.ok(Date.now() - started < RESET_MS + 30_000, `the reconciliation is still ${result.status}`);
      await sleep(200);
      result = await getJson(app, `/connections/${connection.id}/reconciliations/${id}`);
    }
    assert.equal(result.status, 'succeeded', JSON.stringify(result));
    assert.equal(result.matched, true, JSON.stringify(result));
    assert.ok(Date.now() - started >= RESET_MS - 1_000, `it finished ${Date.now() - started} ms after the 429, before the reset`);
  });
});
