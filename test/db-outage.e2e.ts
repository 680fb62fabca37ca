import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { createTestDatabase, queryDatabase, type TestDatabase } from './support/database.js';
import { expectJson } from './support/http.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, fastExtraction, getJson, streamOf, waitForRun, type RunView } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { WorkerChild } from './support/worker-child.js';
import { integrationBody, specCreateBody, specUpdateBody, TENANT_A } from './support/tenant-config.fixtures.js';

const CLIENTS = 12;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PostgreSQL cut off (every connection dropped, new ones refused at the TCP level) in the middle
 * of a load of mixed reads and writes, then given back. The service must answer 503 problems with
 * Retry-After while it is gone (never a 500), recover without a restart, and keep every write it
 * acknowledged (2xx): each is compared with what is stored afterwards.
 */
describe('database outage under load', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let api: TestApp;

  before(async () => {
    database = await createTestDatabase();
    const proxied = await TcpProxy.inFrontOf(database.url);
    proxy = proxied.proxy;
    api = await startTestApp({ DATABASE_URL: proxied.url, RATE_LIMIT_WRITES: '1000000' });
  });

  /** What is stored, read directly from the database (not through the proxy). */
  const stored = <T>(sql: string, params: unknown[] = []) => queryDatabase<T>(database.url, sql, params);

  after(async () => {
    await api?.close();
    await proxy?.stop();
    await database?.drop();
  });

  it('answers 503 with Retry-After during the outage, no 500, recovers without a restart, loses no acknowledged write', async () => {
    const integration = await expectJson(await api.request('/tenantintegrations', { method: 'POST', token: SERVICE_TOKEN, json: integrationBody({ name: 'outage' }) }), 201);
    const configsPath = `/tenantintegrations/${integration.id}/configs`;

    // What the service acknowledged: created configs (id -> value), every acknowledged update of a
    // config (its value must be in the config's history), and per client its connection's last acknowledged name.
    const created = new Map<string, string>();
    const updates: Array<{ path: string; value: string }> = [];
    const connections: Array<{ id: string; acked?: { name: string; version: number } }> = [];
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    let phase: 'before' | 'outage' | 'after' = 'before';
    let stop = false;
    let firstWriteAfterRestore: number | undefined;
    let restoredAt = 0;

    for (let c = 0; c < CLIENTS; c += 1) {
      const connection = await expectJson(await api.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { connector: 'AROFLO', name: `client-${c}`, tenant: TENANT_A } }), 201);
      connections.push({ id: connection.id, acked: { name: connection.name, version: connection.version } });
    }

    async function call(path: string, init: Parameters<TestApp['request']>[1]): Promise<{ status: number; body: any }> {
      let response: Response;
      try {
        response = await api.request(path, { token: SERVICE_TOKEN, ...init });
      } catch (error) {
        bad.push(`${init?.method ?? 'GET'} ${path}: no answer (${(error as Error).message})`);
        return { status: 0, body: undefined };
      }
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) {
        const problem = /^application\/problem\+json/.test(response.headers.get('content-type') ?? '');
        if (response.status !== 503 || !problem || !response.headers.get('retry-after')) {
          bad.push(`${phase}: ${init?.method ?? 'GET'} ${path} -> ${response.status} retry-after=${response.headers.get('retry-after')}: ${text.slice(0, 300)}`);
        }
      }
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    }

    async function client(index: number): Promise<void> {
      const own = connections[index];
      let configPath: string | undefined;
      let configName = '';
      for (let step = 0; !stop; step += 1) {
        const value = `c${index}-s${step}`;
        switch (step % 6) {
          case 0: {
            const r = await call(configsPath, { method: 'POST', json: specCreateBody({ integration: integration.id, name: `n-${value}`, value }) });
            if (r.status === 201) {
              created.set(r.body.id, value);
              configPath = `${configsPath}/${r.body.id}`;
              configName = `n-${value}`;
            }
            break;
          }
          case 1:
          case 4: {
            if (!configPath) break;
            const r = await call(configPath, { method: 'PUT', json: specUpdateBody({ integration: integration.id, name: configName, value }) });
            if (r.status === 200) updates.push({ path: configPath, value });
            break;
          }
          case 3: {
            const r = await call(`/connections/${own.id}`, { method: 'PATCH', json: { name: value } });
            if (r.status === 200) own.acked = { name: value, version: r.body.version };
            break;
          }
          default:
            await call(step % 2 ? `/connections/${own.id}` : `${configsPath}?pageSize=5`, { method: 'GET' });
        }
      }
    }

    const load = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    await sleep(2500);
    const acknowledgedBefore = created.size + updates.length;
    phase = 'outage';
    const cutAt = Date.now();
    proxy.cut();
    await sleep(6000);
    const during = new Map(statuses);
    phase = 'after';
    const acknowledgedAtRestore = created.size + updates.length;
    proxy.restore();
    restoredAt = Date.now();
    // Recovery: the first write acknowledged after the database came back.
    while (created.size + updates.length === acknowledgedAtRestore && Date.now() - restoredAt < 30_000) await sleep(20);
    firstWriteAfterRestore = Date.now();
    await sleep(3000);
    stop = true;
    await load;

    const outage503 = (during.get(503) ?? 0);
    console.log(
      `db outage: ${CLIENTS} clients; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ` +
        `503 answers ${outage503}; acknowledged writes before the cut ${acknowledgedBefore}, total ${created.size + updates.length}; ` +
        `outage ${restoredAt - cutAt} ms; recovery (restore -> first acknowledged write) ${firstWriteAfterRestore - restoredAt} ms`,
    );
    assert.deepEqual(bad, [], 'every answer during the outage is a 503 problem with Retry-After');
    assert.ok(outage503 > 0, 'the load did meet the outage');
    assert.ok(firstWriteAfterRestore - restoredAt < 15_000, 'writes recover without a restart');

    // No acknowledged write lost.
    const rows = await stored<{ id: string; value: string }>('SELECT id, value FROM tenant_configs WHERE tenant_integration_id = $1', [integration.id]);
    const storedIds = new Set(rows.map((r) => r.id));
    const lostCreates = [...created.keys()].filter((id) => !storedIds.has(id));
    const histories = await stored<{ tenant_config_id: string; value: string }>('SELECT tenant_config_id, value FROM tenant_config_versions');
    const inHistory = new Set(histories.map((h) => `${h.tenant_config_id}|${h.value}`));
    const lostUpdates = updates.filter((u) => !inHistory.has(`${u.path.split('/').pop()}|${u.value}`));
    const lostConnectionWrites: string[] = [];
    for (const own of connections) {
      const [row] = await stored<{ name: string; version: number }>('SELECT name, version FROM connections WHERE id = $1', [own.id]);
      if (row.version < own.acked!.version || (row.version === own.acked!.version && row.name !== own.acked!.name)) {
        lostConnectionWrites.push(`${own.id}: acknowledged ${JSON.stringify(own.acked)}, stored ${JSON.stringify(row)}`);
      }
    }
    console.log(`db outage: acknowledged writes lost: ${lostCreates.length + lostUpdates.length + lostConnectionWrites.length} (creates ${lostCreates.length}, config updates ${lostUpdates.length}, connection updates ${lostConnectionWrites.length})`);
    assert.deepEqual(lostCreates, []);
    assert.deepEqual(lostUpdates, []);
    assert.deepEqual(lostConnectionWrites, []);
    assert.equal((await api.request('/health')).status, 200);
  });
});

/**
 * The same outage seen by a real worker process (its database connections through the proxy)
 * in the middle of a BigCommerce run: the worker survives it, the run is not failed for good, and
 * once PostgreSQL is back the run finishes with every order stored exactly once.
 */
describe('database outage during a sync, with a real worker process', () => {
  let app: TestApp;
  let proxy: TcpProxy;
  let proxiedUrl: string;
  let fake: FakeBigCommerce;
  let worker: WorkerChild | undefined;

  before(async () => {
    app = await startTestApp({ PROCESS_ROLE: 'web' }, { configure: fastExtraction });
    ({ proxy, url: proxiedUrl } = await TcpProxy.inFrontOf(app.database.url));
  });
  after(async () => {
    await worker?.kill();
    await app?.close();
    await proxy?.stop();
    await fake?.stop();
  });

  it('pauses the run while the database is gone and finishes it afterwards: nothing lost, nothing twice', async () => {
    const ORDERS = 600;
    const data = new BigCommerceStoreData({ orders: ORDERS, ordersPerSecond: 4, refunds: 'some', seed: 5 });
    fake = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: ORDERS, ordersPerSecond: 4, data, latencyMs: 8 });
    worker = await WorkerChild.start(proxiedUrl, { BIGCOMMERCE_API_URL: fake.url, TEST_RETRY_LIMIT: '20' });
    const id = await bigCommerceConnection(app, randomUUID(), '2023-12-31', { page_size: 50, detail_concurrency: 4 });
    const current = async (): Promise<RunView | undefined> => (await getJson(app, `/connections/${id}/syncs?pageSize=1`)).content[0];

    const deadline = Date.now() + 60_000;
    let run = await current();
    while (!(run?.status === 'running' && (run.streams.find((s) => s.stream === 'orders')?.fetched ?? 0) >= 100)) {
      assert.ok(Date.now() < deadline, `no progress: ${JSON.stringify(run)}`);
      await sleep(50);
      run = await current();
    }
    proxy.cut();
    const cutAt = Date.now();
    await sleep(8000);
    assert.equal(worker.child.exitCode, null, `the worker process died in the outage:\n${worker.output.slice(-2000)}`);
    const during = await getJson(app, `/connections/${id}/syncs/${run.id}`);
    assert.ok(['running', 'queued'].includes(during.status), `the run was settled during the outage: ${JSON.stringify(during)}`);
    proxy.restore();
    const restoredAt = Date.now();
    const finished = await waitForRun(app, id, run.id, 120_000);
    console.log(`db outage (worker): run ${finished.status} after attempt ${finished.attempt}, ${Date.now() - restoredAt} ms after the database returned (outage ${restoredAt - cutAt} ms)`);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished));
    assert.equal(streamOf(finished, 'orders').inserted + streamOf(finished, 'orders').unchanged + streamOf(finished, 'orders').updated >= ORDERS, true);
    const [stored] = await app.query<{ n: string; ids: string }>(
      `SELECT count(*) AS n, count(DISTINCT external_id) AS ids FROM extracted_transactions WHERE connection_id = $1 AND type = 'sale'`,
      [id],
    );
    assert.deepEqual(stored, { n: String(ORDERS), ids: String(ORDERS) });
    assert.equal(worker.child.exitCode, null, 'the same worker process, no restart');
  });
});
