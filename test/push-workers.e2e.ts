import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, getJson, waitForRun } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { FakeTrustFile } from './support/fake-trustfile.js';
import { fastPush, TRUSTFILE_TOKEN, waitForPushed } from './support/push.js';
import { WorkerChild } from './support/worker-child.js';

const ORDERS = 600;

/**
 * The push as it runs in production: workers in child processes pushing to TrustFile over HTTP,
 * killed with SIGKILL in the middle of pushes, with documents edited between kills.
 */
describe('Push across worker processes killed mid-push', () => {
  let app: TestApp;
  let store: FakeBigCommerce;
  let trustfile: FakeTrustFile;
  let data: BigCommerceStoreData;
  const workers: WorkerChild[] = [];

  before(async () => {
    data = new BigCommerceStoreData({ orders: ORDERS, ordersPerSecond: 4, refunds: 'some', seed: 21 });
    store = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: ORDERS, ordersPerSecond: 4, data });
    // Slow enough that a kill lands while batches are in flight.
    trustfile = await FakeTrustFile.start({ token: TRUSTFILE_TOKEN, latencyMs: 250 });
    app = await startTestApp({ PROCESS_ROLE: 'web' }, { configure: fastPush });
  });
  after(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await app?.close();
    await store?.stop();
    await trustfile?.stop();
  });

  async function worker(): Promise<WorkerChild> {
    const started = await WorkerChild.start(app.database.url, {
      BIGCOMMERCE_API_URL: store.url,
      TRUSTFILE_API_URL: trustfile.url,
      EXTRACTOR_TO_AVALARA_TOKEN: TRUSTFILE_TOKEN,
      TRUSTFILE_BATCH_SIZE: '25',
    });
    workers.push(started);
    return started;
  }

  /** Queues a run, or takes the one already active (the killed worker's, resumed). */
  async function syncNow(id: string): Promise<string> {
    const response = await app.request(`/connections/${id}/syncs`, { method: 'POST', token: SERVICE_TOKEN, json: {} });
    const body = (await response.json()) as { id: string; activeSyncId?: string };
    if (response.status === 409 && body.activeSyncId) return body.activeSyncId;
    assert.equal(response.status, 202, JSON.stringify(body));
    return body.id;
  }

  it('kill -9 mid-push, three times, with edits between: TrustFile ends with every current revision, none ever regressed, nothing lost', async () => {
    const id = await bigCommerceConnection(app, randomUUID(), '2023-12-31', { page_size: 50 });
    const { companyToken } = await getJson(app, `/connections/${id}`);
    let current = await worker();
    let edited = 0;
    for (let kill = 1; kill <= 3; kill += 1) {
      const target = trustfile.posts + 4;
      const deadline = Date.now() + 60_000;
      while (trustfile.posts < target) {
        assert.ok(Date.now() < deadline, `no push progress before kill ${kill}`);
        await sleep(20);
      }
      await current.kill();
      // Edit documents while nobody pushes: their newer revisions must win over anything in flight.
      for (let n = 0; n < 5; n += 1) store.touch(1 + ((kill * 37 + n * 11) % ORDERS), new Date(Date.now() - 2000));
      edited += 5;
      current = await worker();
      const run = await waitForRun(app, id, await syncNow(id), 60_000);
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
    }
    const status = await waitForPushed(app, id, { extracted: ORDERS + data.refundCount, timeoutMs: 120_000 });
    assert.equal(status.pushed, ORDERS + data.refundCount);

    const documents = await app.query<{ stream: string; external_id: string; revision: number; status: string }>(
      `SELECT stream, external_id, revision, status FROM extracted_transactions WHERE connection_id = $1`,
      [id],
    );
    const held = new Map(trustfile.items(companyToken).map((item) => [item.itemId, item]));
    assert.equal(held.size, documents.length, 'one item per document');
    for (const document of documents) {
      const item = held.get(`BIGCOMMERCE:${document.stream}:${document.external_id}`);
      assert.ok(item, `lost: ${document.stream} ${document.external_id}`);
      assert.equal(item.revision, document.revision, `${document.external_id}: TrustFile holds the current revision`);
      assert.equal(item.status, document.status);
    }
    assert.ok(documents.some((document) => document.revision > 1), `edited documents (${edited} edits) have newer revisions`);
    assert.equal(trustfile.regressions, 0, 'no older revision was ever sent after a newer one');
    assert.deepEqual(trustfile.malformed, []);
    await current.stop();
  });
});
