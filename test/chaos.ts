/**
 * `npm run chaos`: the kill -9 scenario repeated (CHAOS_KILLS, default 20) on one long run: a
 * worker process is killed with SIGKILL whenever it has committed new pages, and a new one takes
 * over, until the run finishes. Prints what was lost and what was stored twice (both must be 0).
 * Run through test/run.ts, which prepares the database.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, it } from 'node:test';
import { startTestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, fastExtraction, getJson, waitForRun, type RunView } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { WorkerChild } from './support/worker-child.js';

const KILLS = Number(process.env.CHAOS_KILLS ?? 20);
const ORDERS = Number(process.env.CHAOS_ORDERS ?? 4000);

const app = await startTestApp({ PROCESS_ROLE: 'web' }, { configure: (config) => fastExtraction(config).withExtraction({ retryLimit: KILLS + 5 }) });
const data = new BigCommerceStoreData({ orders: ORDERS, ordersPerSecond: 4, refunds: 'some', seed: 11 });
const fake = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: ORDERS, ordersPerSecond: 4, data, latencyMs: 8 });
let worker: WorkerChild | undefined;
after(async () => {
  await worker?.kill();
  await app.close();
  await fake.stop();
});

it(`kill -9 ${KILLS} times during one run of ${ORDERS} orders: nothing lost, nothing twice`, { timeout: (KILLS + 2) * 60_000 }, async () => {
  const start = (): Promise<WorkerChild> => WorkerChild.start(app.database.url, { BIGCOMMERCE_API_URL: fake.url, WORKER_CONCURRENCY: '1', TEST_RETRY_LIMIT: String(KILLS + 5) });
  const id = await bigCommerceConnection(app, randomUUID(), '2023-12-31', { page_size: 25, detail_concurrency: 4 });
  const current = async (): Promise<RunView | undefined> => (await getJson(app, `/connections/${id}/syncs?pageSize=1`)).content[0];
  worker = await start();
  let kills = 0;
  let lastFetched = 0;
  while (kills < KILLS) {
    const run = await current();
    if (run?.status === 'succeeded') break;
    const fetched = run?.streams.reduce((sum, s) => sum + s.fetched, 0) ?? 0;
    if (run?.status === 'running' && fetched > lastFetched) {
      lastFetched = fetched;
      await worker.kill();
      kills += 1;
      process.stdout.write(`kill ${kills}: worker killed after ${fetched} records committed\n`);
      worker = await start();
    }
    await sleep(100);
  }
  const run = await waitForRun(app, id, (await current())!.id, 10 * 60_000);
  const [stored] = await app.query<{ sales: string; refunds: string; distinct_docs: string; docs: string; revised: string }>(
    `SELECT count(*) FILTER (WHERE type = 'sale') AS sales, count(*) FILTER (WHERE type = 'refund') AS refunds,
       count(DISTINCT (stream, external_id)) AS distinct_docs, count(*) AS docs, count(*) FILTER (WHERE revision > 1) AS revised
     FROM extracted_transactions WHERE connection_id = $1`,
    [id],
  );
  const lost = ORDERS - Number(stored.sales) + (data.refundCount - Number(stored.refunds));
  const duplicated = Number(stored.docs) - Number(stored.distinct_docs) + Number(stored.revised);
  const insertedByRun = run.streams.reduce((sum, s) => sum + s.inserted, 0);
  process.stdout.write(
    `\nchaos: ${kills} kills, run ${run.status} at attempt ${run.attempt}; ` +
      `${stored.sales} of ${ORDERS} orders and ${stored.refunds} of ${data.refundCount} refunds stored; ` +
      `pages committed twice: ${insertedByRun - ORDERS - data.refundCount}\nlost: ${lost}\nduplicated: ${duplicated}\n\n`,
  );
  assert.equal(run.status, 'succeeded');
  assert.equal(kills, KILLS, 'the run finished before every kill: raise CHAOS_ORDERS');
  assert.equal(lost, 0);
  assert.equal(duplicated, 0);
  assert.equal(insertedByRun, ORDERS + data.refundCount);
});
