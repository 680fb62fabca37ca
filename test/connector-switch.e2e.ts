import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, getJson, streamOf, waitForRun, type RunView } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { fastPush } from './support/push.js';

const ORDERS = 240;

/** The connector switch in the middle of a run: the run stops after its page in flight and resumes from there. */
describe('Connector switch during a run', () => {
  let app: TestApp;
  let store: FakeBigCommerce;

  before(async () => {
    const data = new BigCommerceStoreData({ orders: ORDERS, ordersPerSecond: 3, seed: 17 });
    // Slow enough that the run spans many pages and seconds.
    store = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: ORDERS, ordersPerSecond: 3, data, latencyMs: 25 });
    app = await startTestApp({ PROCESS_ROLE: 'all', BIGCOMMERCE_API_URL: store.url }, { configure: fastPush });
  });
  after(async () => {
    await app?.close();
    await store?.stop();
  });

  const switchTo = async (enabled: boolean) => {
    const response = await app.request(`/connector?enabled=${enabled}`, { method: 'PUT', token: SERVICE_TOKEN });
    assert.equal(response.status, 200, await response.clone().text());
  };

  it('turned off mid-run: the run pauses after its current page, nothing half-written; turned on: it resumes and stores every order once', async () => {
    const id = await bigCommerceConnection(app, randomUUID(), '2023-12-31', { page_size: 20, detail_concurrency: 2 });
    const deadline = Date.now() + 60_000;
    let run: RunView | undefined;
    while (!(run?.status === 'running' && (run.streams.find((s) => s.stream === 'orders')?.fetched ?? 0) >= 40)) {
      assert.ok(Date.now() < deadline, `no progress: ${JSON.stringify(run)}`);
      await sleep(50);
      run = (await getJson(app, `/connections/${id}/syncs?pageSize=1`)).content[0];
    }
    await switchTo(false);
    let paused: RunView & { resumeAt: string | null } = await getJson(app, `/connections/${id}/syncs/${run!.id}`);
    while (paused.status !== 'deferred') {
      assert.ok(Date.now() < deadline, `not paused: ${JSON.stringify(paused)}`);
      await sleep(50);
      paused = await getJson(app, `/connections/${id}/syncs/${run!.id}`);
    }
    assert.equal(paused.error?.code, 'CONNECTOR_DISABLED');
    assert.equal(paused.resumeAt, null, 'it waits for the switch, not for a time');
    const committed = streamOf(paused, 'orders').inserted;
    assert.ok(committed > 0 && committed < ORDERS, `part of the orders stored: ${committed}`);
    const [stored] = await app.query<{ n: string }>(`SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = $1`, [id]);
    assert.equal(Number(stored.n), committed, 'what is stored is what the committed pages counted');
    await sleep(1500);
    assert.equal((await getJson(app, `/connections/${id}/syncs/${run!.id}`)).status, 'deferred', 'nothing resumes while the switch is off');

    await switchTo(true);
    const finished = await waitForRun(app, id, run!.id, 90_000);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished));
    assert.equal(streamOf(finished, 'orders').inserted, ORDERS, 'every order once');
    const [after] = await app.query<{ n: string; ids: string }>(`SELECT count(*) AS n, count(DISTINCT external_id) AS ids FROM extracted_transactions WHERE connection_id = $1 AND type = 'sale'`, [id]);
    assert.deepEqual(after, { n: String(ORDERS), ids: String(ORDERS) });
  });
});
