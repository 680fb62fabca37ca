import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, fastExtraction, getJson, streamOf, waitForRun, type RunView } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { WorkerChild } from './support/worker-child.js';

/**
 * Extraction as it runs in production: the API in one process, workers in others (real child
 * processes on the same database), killed with SIGKILL mid-run.
 */
describe('Extraction across worker processes', () => {
  let app: TestApp;
  const workers: WorkerChild[] = [];
  const fakes: FakeBigCommerce[] = [];
  const tenant = randomUUID();

  before(async () => {
    app = await startTestApp({ PROCESS_ROLE: 'web' }, { configure: fastExtraction });
  });
  after(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await app?.close();
    await Promise.all(fakes.map((fake) => fake.stop()));
  });

  async function store(orders: number, latencyMs: number): Promise<{ fake: FakeBigCommerce; data: BigCommerceStoreData }> {
    const data = new BigCommerceStoreData({ orders, ordersPerSecond: 4, refunds: 'some', seed: 3 });
    const fake = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders, ordersPerSecond: 4, data, latencyMs });
    fakes.push(fake);
    return { fake, data };
  }

  async function worker(fake: FakeBigCommerce, concurrency = 2): Promise<WorkerChild> {
    const started = await WorkerChild.start(app.database.url, { BIGCOMMERCE_API_URL: fake.url, WORKER_CONCURRENCY: String(concurrency) });
    workers.push(started);
    return started;
  }

  async function currentRun(connectionId: string): Promise<RunView | undefined> {
    return (await getJson(app, `/connections/${connectionId}/syncs?pageSize=1`)).content[0];
  }

  it('kill -9 of the worker mid-run, three times: another worker resumes from the last committed page; nothing lost, nothing twice', async () => {
    const ORDERS = 1200;
    const { fake, data } = await store(ORDERS, 8);
    const id = await bigCommerceConnection(app, tenant, '2023-12-31', { page_size: 50, detail_concurrency: 4 });
    let current = await worker(fake);
    let lastFetched = 0;
    for (let kill = 1; kill <= 3; kill += 1) {
      // Wait for committed progress beyond what the previous worker left, then kill mid-run.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const run = await currentRun(id);
        const fetched = run?.streams.find((s) => s.stream === 'orders')?.fetched ?? 0;
        if (run?.status === 'running' && fetched >= lastFetched + 100) {
          lastFetched = fetched;
          break;
        }
        assert.ok(run?.status !== 'succeeded', `the run finished before kill ${kill}: make the store slower`);
        assert.ok(Date.now() < deadline, `no progress before kill ${kill}: ${JSON.stringify(run)}`);
        await sleep(50);
      }
      await current.kill();
      current = await worker(fake);
    }
    const run = await waitForRun(app, id, (await currentRun(id))!.id, 100_000);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.ok(run.attempt >= 4, `attempt ${run.attempt}: each killed attempt was replaced`);
    // Every page was committed exactly once: a killed worker's page in flight was never committed, the next one redid it.
    assert.equal(streamOf(run, 'orders').inserted, ORDERS);
    assert.equal(streamOf(run, 'orders').updated + streamOf(run, 'orders').unchanged, 0);
    assert.equal(streamOf(run, 'refunds').inserted, data.refundCount);
    const [stored] = await app.query<{ n: string; ids: string; revisions: number }>(
      `SELECT count(*) AS n, count(DISTINCT external_id) AS ids, max(revision) AS revisions FROM extracted_transactions WHERE connection_id = $1 AND type = 'sale'`,
      [id],
    );
    assert.deepEqual(stored, { n: String(ORDERS), ids: String(ORDERS), revisions: 1 });
    await current.stop();
  });

  it('SIGTERM: the worker stops taking jobs, drops its page in flight, exits in the grace period, and the run resumes elsewhere', async () => {
    const ORDERS = 800;
    const { fake } = await store(ORDERS, 8);
    const id = await bigCommerceConnection(app, tenant, '2023-12-31', { page_size: 50, detail_concurrency: 4 });
    const first = await worker(fake);
    const deadline = Date.now() + 60_000;
    let run = await currentRun(id);
    while (!(run?.status === 'running' && (run.streams.find((s) => s.stream === 'orders')?.fetched ?? 0) >= 100)) {
      assert.ok(Date.now() < deadline, `no progress: ${JSON.stringify(run)}`);
      await sleep(50);
      run = await currentRun(id);
    }
    const stopping = Date.now();
    assert.equal(await first.stop(), 0, first.output);
    assert.ok(Date.now() - stopping < 25_000, 'within SHUTDOWN_GRACE_SECONDS');
    const interrupted = await getJson(app, `/connections/${id}/syncs/${run.id}`);
    assert.equal(interrupted.status, 'queued', JSON.stringify(interrupted));
    assert.equal(interrupted.error.code, 'INTERRUPTED');
    const committed = streamOf(interrupted, 'orders').inserted;
    const [stored] = await app.query<{ n: string }>(`SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = $1 AND type = 'sale'`, [id]);
    assert.equal(Number(stored.n), committed, 'what is stored is exactly what the committed pages counted: nothing half-written');

    const second = await worker(fake);
    const finished = await waitForRun(app, id, run.id, 60_000);
    assert.equal(finished.status, 'succeeded');
    assert.equal(streamOf(finished, 'orders').inserted, ORDERS);
    await second.stop();
  });

  it('two worker processes over 50 connections never run one connection twice at once, and every connection finishes', async () => {
    const ORDERS = 40;
    const { fake } = await store(ORDERS, 3);
    const ids: string[] = [];
    for (let n = 0; n < 50; n += 1) ids.push(await bigCommerceConnection(app, tenant, '2023-12-31', { page_size: 10, detail_concurrency: 2 }));
    const pair = [await worker(fake), await worker(fake)];
    const finished = async (expected: number) => {
      const deadline = Date.now() + 110_000;
      for (;;) {
        const [row] = await app.query<{ n: string }>(`SELECT count(*) AS n FROM extraction_runs WHERE connection_id = ANY($1::uuid[]) AND status = 'succeeded'`, [ids]);
        if (Number(row.n) >= expected) return;
        assert.ok(Date.now() < deadline, `only ${row.n} of ${expected} runs succeeded`);
        await sleep(200);
      }
    };
    await finished(50);
    // A second round: every connection due again at once, while both workers are busy.
    await app.query(`UPDATE connections SET next_sync_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
    await finished(100);

    const runs = await app.query<{ connection_id: string; status: string; worker: string; started_at: Date; finished_at: Date }>(
      `SELECT connection_id, status, worker, started_at, finished_at FROM extraction_runs WHERE connection_id = ANY($1::uuid[]) ORDER BY connection_id, started_at`,
      [ids],
    );
    assert.equal(runs.length, 100);
    assert.ok(runs.every((run) => run.status === 'succeeded'));
    for (let i = 1; i < runs.length; i += 1) {
      if (runs[i].connection_id !== runs[i - 1].connection_id) continue;
      assert.ok(runs[i].started_at >= runs[i - 1].finished_at, `connection ${runs[i].connection_id}: two runs overlapped`);
    }
    assert.equal(new Set(runs.map((run) => run.worker)).size, 2, 'both workers took runs');
    const perConnection = await app.query<{ n: string }>(
      `SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = ANY($1::uuid[]) AND type = 'sale' GROUP BY connection_id`,
      [ids],
    );
    assert.equal(perConnection.length, 50);
    assert.ok(perConnection.every((row) => Number(row.n) === ORDERS));
    await Promise.all(pair.map((w) => w.stop()));
  });
});
