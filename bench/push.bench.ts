/**
 * `npm run bench:push`: the push to TrustFile, against a fake TrustFile in a child process, on a
 * fresh embedded PostgreSQL. Every figure is compared with a baseline measured in the same run;
 * nothing here asserts a time. Two parts:
 *
 * 1. The outbox push of BENCH_PUSH_DOCUMENTS (default 100,000) pending documents by a worker
 *    process (read from the outbox, post, record every item's answer, log the batch) against a
 *    plain loop posting the same batches (request bodies serialized beforehand, only the posts
 *    timed) to the same fake. Target >= 0.8x.
 * 2. End to end, host to TrustFile: BENCH_E2E_ORDERS (default 100,000) BigCommerce orders from a
 *    fake store, extracted and pushed by one worker process; the figure is printed (no target).
 *
 * BENCH_PARTS (e.g. "1") selects parts.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../src/app.js';
import { ConnectionService } from '../src/connections/connection.service.js';
import { typeOrmOptions } from '../src/database/typeorm-options.js';
import { HostHttpClient } from '../src/host-system/host-http-client.js';
import { PushRepository, type PendingKey } from '../src/trustfile/push.repository.js';
import { pushRequestText } from '../src/trustfile/trustfile-wire.js';
import { BigCommerceStoreData } from '../test/support/bigcommerce-data.js';
import { fastExtraction } from '../test/support/extraction.js';
import { FakeBigCommerce } from '../test/support/fake-bigcommerce.js';
import { FakeTrustFile } from '../test/support/fake-trustfile.js';
import { announceFake, assertAlive, Bench, cpuSeconds, rate, seconds, verdict, type Database } from './support.js';
import { SERVICE_TOKEN } from '../test/support/app.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const TRUSTFILE_TOKEN = 'bench-extractor-to-avalara-token';
const BATCH = 1000;
const DOCUMENTS = Number(process.env.BENCH_PUSH_DOCUMENTS ?? 100_000);
const E2E_ORDERS = Number(process.env.BENCH_E2E_ORDERS ?? 100_000);
const PARTS = new Set((process.env.BENCH_PARTS ?? '1,2').split(',').map((part) => part.trim()));
const TENANT = '6f1c2a8e-5b7d-4c39-9e0a-2d4b6c8e0f13';
const STORE = 'benchstore';
const ACCESS_TOKEN = 'bc-bench-token-0123456789';
const ORDERS_PER_SECOND = 3;

interface TrustFileStats {
  posts: number;
  itemsReceived: number;
  largestBatch: number;
  regressions: number;
  malformed: number;
  items: number;
}

async function stats(url: string): Promise<TrustFileStats> {
  return (await (await fetch(`${url}/_stats`)).json()) as TrustFileStats;
}

/** A connection with `count` extracted, pending sales: two lines and two tax lines each, like a small web order. */
async function seedDocuments(db: Database, count: number): Promise<{ connectionId: string; companyToken: string }> {
  const connectionId = randomUUID();
  const companyToken = randomUUID();
  await db.query(
    `INSERT INTO connections (id, created_by, updated_by, connector, name, tenant, company_token, status)
     VALUES ($1, 'bench', 'bench', 'BIGCOMMERCE', 'push bench', $2, $3, 'ready')`,
    [connectionId, TENANT, companyToken],
  );
  await db.query(
    `INSERT INTO extracted_transactions (connection_id, stream, external_id, type, status, transaction_date, document_number, currency,
       subtotal, discount, shipping, shipping_tax, tax, total, tax_exempt, ship_from, ship_to, original_external_id, review_required,
       review_message, source_modified_at, content_hash)
     SELECT $1, 'orders', i::text, 'sale', CASE WHEN i % 50 = 0 THEN 'voided' ELSE 'active' END,
       timestamptz '2024-01-01T00:00:00Z' + i * interval '17 seconds', i::text, CASE WHEN i % 7 = 0 THEN 'EUR' ELSE 'USD' END,
       100.0000 + (i % 97), 0.0000, 9.9900, 0.8200, 8.2500 + 0.8200, 100.0000 + (i % 97) + 9.9900 + 9.0700, false,
       '{"line1": "685 Market St", "city": "San Francisco", "region": "CA", "postalCode": "94105", "country": "US"}'::jsonb,
       jsonb_build_object('line1', i || ' Congress Ave', 'city', 'Austin', 'region', 'TX', 'postalCode', '78701', 'country', 'US'),
       NULL, false, NULL, now(), md5(i::text)
     FROM generate_series(1, $2::integer) AS i`,
    [connectionId, count],
  );
  await db.query(
    `INSERT INTO extracted_transaction_lines (transaction_id, line_number, sku, description, quantity, amount, discount, tax, tax_code)
     SELECT t.id, n, 'SKU-' || n, 'Orbit Terrarium - Large', n, CASE n WHEN 1 THEN t.subtotal - 40 ELSE 40.0000 END, 0.0000,
       CASE n WHEN 1 THEN 5.0000 ELSE 3.2500 END, NULL
     FROM extracted_transactions t CROSS JOIN generate_series(1, 2) AS n WHERE t.connection_id = $1`,
    [connectionId],
  );
  await db.query(
    `INSERT INTO extracted_transaction_taxes (transaction_id, position, name, rate, amount)
     SELECT t.id, n, CASE n WHEN 1 THEN 'TX State Tax' ELSE 'Austin City Tax' END, CASE n WHEN 1 THEN 0.0625 ELSE 0.0200 END,
       CASE n WHEN 1 THEN 6.7700 ELSE 2.3000 END
     FROM extracted_transactions t CROSS JOIN generate_series(1, 2) AS n WHERE t.connection_id = $1`,
    [connectionId],
  );
  await db.query(`INSERT INTO push_outbox (transaction_id, connection_id, revision, state) SELECT id, connection_id, revision, 'pending' FROM extracted_transactions WHERE connection_id = $1`, [connectionId]);
  await db.query('ANALYZE');
  return { connectionId, companyToken };
}

/** The same items as the push sends them, in the same batches, as request bodies serialized before the clock starts. */
async function readBatches(bench: Bench, db: Database, connectionId: string, companyToken: string): Promise<string[]> {
  const source = await new DataSource({ ...typeOrmOptions(bench.config(db.url, 'web')), entities: [], extra: { max: 2 } } as never).initialize();
  try {
    const repository = new PushRepository(source);
    const target = (await repository.target(connectionId))!;
    const batches: string[] = [];
    let after: PendingKey | undefined;
    for (;;) {
      const items = await repository.pendingItems(target, BATCH, after);
      if (items.length === 0) return batches;
      batches.push(pushRequestText(companyToken, items.map((item) => item.json)));
      const last = items[items.length - 1];
      after = { queuedAt: last.queuedAt, transactionId: last.transactionId };
    }
  } finally {
    await source.destroy();
  }
}

/**
 * Polls for an empty outbox with an existence test: counting 100,000 pending rows every 20 ms
 * would spend PostgreSQL's CPU on the bench instead of the push being measured.
 */
async function waitForPushed(db: Database, connectionId: string, worker: Parameters<typeof assertAlive>[0], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await db.count(`SELECT count(*) AS n FROM (SELECT 1 FROM push_outbox WHERE connection_id = $1 AND state = 'pending' LIMIT 1) AS pending`, [connectionId])) > 0) {
    assertAlive(worker);
    if (Date.now() > deadline) throw new Error(`documents still pending after ${timeoutMs / 1000} s`);
    await sleep(20);
  }
}

// ---- part 1: the outbox push against a plain posting loop -------------------------------------

async function pushPart(bench: Bench): Promise<boolean> {
  console.log(`\n1. Outbox push of ${DOCUMENTS.toLocaleString('en-US')} documents, batches of ${BATCH}, against a plain loop posting the same batches`);
  const db = await bench.database('push_outbox');
  const trustfile = await bench.fake(THIS_FILE, { BENCH_FAKE_TRUSTFILE: '1' });
  const { connectionId } = await seedDocuments(db, DOCUMENTS);
  // Baseline: the same batches, posted one after another on the same HTTP client, to another company.
  const batches = await readBatches(bench, db, connectionId, randomUUID());
  const http = new HostHttpClient({ retries: 0, timeoutMs: 60_000 });
  const baselineCpu = cpuSeconds(process.pid);
  const baselineStarted = performance.now();
  for (const jsonText of batches) {
    await http.request({ method: 'POST', url: `${trustfile.url}/v1/items`, headers: { authorization: `Bearer ${TRUSTFILE_TOKEN}` }, jsonText, idempotent: true });
  }
  const baselineMs = performance.now() - baselineStarted;
  const baselineCpuSeconds = cpuSeconds(process.pid) - baselineCpu;

  // The engine: a worker process pushing the outbox.
  const worker = await bench.worker(db.url, { TRUSTFILE_API_URL: trustfile.url, EXTRACTOR_TO_AVALARA_TOKEN: TRUSTFILE_TOKEN, TRUSTFILE_BATCH_SIZE: String(BATCH) });
  const workerCpu = cpuSeconds(worker.pid);
  const pgCpu = cpuSeconds();
  const started = performance.now();
  await waitForPushed(db, connectionId, worker, 3_600_000);
  const engineMs = performance.now() - started;
  const engineCpu = cpuSeconds(worker.pid) - workerCpu;
  const postgresCpu = cpuSeconds() - pgCpu;
  const after = await stats(trustfile.url);

  const ratio = baselineMs / engineMs;
  console.log(`   plain loop: ${seconds(baselineMs)} s, ${rate(DOCUMENTS, baselineMs)} items/s (${baselineCpuSeconds.toFixed(1)} s CPU in the loop)`);
  console.log(`   outbox push: ${seconds(engineMs)} s, ${rate(DOCUMENTS, engineMs)} items/s (worker ${engineCpu.toFixed(1)} s CPU, PostgreSQL ${postgresCpu.toFixed(1)} s CPU)`);
  console.log(`   TrustFile holds ${after.items.toLocaleString('en-US')} items; ${after.regressions} revisions regressed; ${after.malformed} malformed; largest batch ${after.largestBatch}`);
  const exact = after.items === 2 * DOCUMENTS && after.regressions === 0 && after.malformed === 0;
  console.log(`   ratio ${ratio.toFixed(2)}x (target >= 0.8x): ${verdict(ratio >= 0.8 && exact)}`);
  await worker.stop();
  return ratio >= 0.8 && exact;
}

// ---- part 2: host to TrustFile, end to end ---------------------------------------------------

async function endToEndPart(bench: Bench): Promise<boolean> {
  console.log(`\n2. End to end: ${E2E_ORDERS.toLocaleString('en-US')} BigCommerce orders extracted and pushed by one worker process`);
  const db = await bench.database('push_e2e');
  const trustfile = await bench.fake(THIS_FILE, { BENCH_FAKE_TRUSTFILE: '1' });
  const store = await bench.fake(THIS_FILE, { BENCH_FAKE_BIGCOMMERCE: String(E2E_ORDERS) });
  const config = fastExtraction(bench.config(db.url, 'web', { BIGCOMMERCE_API_URL: store.url })).withExtraction({ schedulerTickMs: 3_600_000 });
  const app = await createHttpApp(config);
  await app.init();
  bench.defer(() => app.close());
  const connections = app.get(ConnectionService);
  const call = async (method: string, path: string, body: unknown) => {
    const response = await app.getHttpAdapter().getInstance().inject({ method, url: path, headers: { authorization: `Bearer ${SERVICE_TOKEN}` }, payload: body as object });
    if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.json() as { id: string };
  };
  const { id } = await call('POST', '/connections', { connector: 'BIGCOMMERCE', name: 'e2e', tenant: TENANT, settings: { page_size: 250, detail_concurrency: 16 } });
  await connections.completeOAuth(id, 'merchant', { secret: { accessToken: ACCESS_TOKEN, storeHash: STORE }, scopes: ['store_v2_orders_read_only'], expiresAt: null });

  const worker = await bench.worker(db.url, {
    BIGCOMMERCE_API_URL: store.url,
    TRUSTFILE_API_URL: trustfile.url,
    EXTRACTOR_TO_AVALARA_TOKEN: TRUSTFILE_TOKEN,
    TRUSTFILE_BATCH_SIZE: String(BATCH),
  });
  const started = performance.now();
  await call('PUT', `/connections/${id}`, { enabled: true, startDate: '2023-12-31' });
  const deadline = Date.now() + 3_600_000;
  for (;;) {
    assertAlive(worker);
    const [run] = await db.query<{ status: string }>(`SELECT status FROM extraction_runs WHERE connection_id = $1 ORDER BY queued_at DESC LIMIT 1`, [id]);
    if (run?.status === 'failed') throw new Error('the run failed');
    const pending = await db.count(`SELECT count(*) AS n FROM push_outbox WHERE connection_id = $1 AND state = 'pending'`, [id]);
    if (run?.status === 'succeeded' && pending === 0) break;
    if (Date.now() > deadline) throw new Error('end to end did not finish within an hour');
    await sleep(100);
  }
  const elapsedMs = performance.now() - started;
  const documents = await db.count(`SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = $1`, [id]);
  const after = await stats(trustfile.url);
  console.log(`   ${documents.toLocaleString('en-US')} documents from the store to TrustFile in ${seconds(elapsedMs)} s: ${rate(documents, elapsedMs)} documents/s end to end`);
  console.log(`   TrustFile holds ${after.items.toLocaleString('en-US')} items (${after.posts} posts); ${after.regressions} revisions regressed; ${after.malformed} malformed`);
  await worker.stop();
  return after.items === documents && after.regressions === 0 && after.malformed === 0;
}

if (process.env.BENCH_FAKE_TRUSTFILE) {
  const fake = await FakeTrustFile.start({ token: TRUSTFILE_TOKEN });
  announceFake(fake.url, () => fake.stop());
} else if (process.env.BENCH_FAKE_BIGCOMMERCE) {
  const orders = Number(process.env.BENCH_FAKE_BIGCOMMERCE);
  const data = new BigCommerceStoreData({ orders, ordersPerSecond: ORDERS_PER_SECOND, refunds: 'some' });
  const fake = await FakeBigCommerce.start({ storeHash: STORE, accessToken: ACCESS_TOKEN, orders, ordersPerSecond: ORDERS_PER_SECOND, data });
  announceFake(fake.url, () => fake.stop());
} else {
  await Bench.run('push', async (bench) => {
    const results: boolean[] = [];
    if (PARTS.has('1')) results.push(await pushPart(bench));
    if (PARTS.has('2')) results.push(await endToEndPart(bench));
    return results;
  });
}
