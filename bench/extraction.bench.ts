/**
 * `npm run bench:extraction`: the extraction engine against a fake BigCommerce on 127.0.0.1, in a
 * fresh embedded PostgreSQL (one database per part). Every figure is compared with a baseline
 * measured in the same run; nothing here asserts a time. Four parts:
 *
 * 1. ETL end to end (fake host -> reader -> transform -> upsert + checkpoint, one worker slot)
 *    against plain batched multi-row INSERT … ON CONFLICT of the same canonical rows (documents
 *    precomputed, only the inserts timed), 250 per transaction as the engine's page. Target >= 0.6x.
 *    Then the same for a fake Square seller (BENCH_SQUARE_ORDERS, default BENCH_ORDERS; 0 skips it),
 *    printed beside it.
 * 2. Peak RSS of a separate worker process during a run of BENCH_MEMORY_LARGE orders (default
 *    1,000,000) against one of 100,000. Target <= 200 MB and within 10 %. When the large run would
 *    take longer than BENCH_MEMORY_BUDGET_SECONDS (default 900) at the rate the small one ran, and
 *    BENCH_MEMORY_LARGE is not set, the largest size that fits is measured instead (and said so).
 * 3. 200 small stores (20 orders) due at once on a host answering in 100 ms: wall time with two
 *    worker processes against one. Target >= 1.7x.
 * 4. One scheduler pass over 10,000 due connections (web role, so nothing takes the jobs). Target < 5 s.
 *
 * BENCH_ORDERS (default 20,000) sizes part 1; BENCH_PARTS (e.g. "1,4") selects parts; BENCH_CPU_PROFILE=<file>
 * writes a V8 CPU profile of the engine during part 1's run (open it in Chrome DevTools). The fake host
 * runs in a child process (this file again, with BENCH_FAKE_BIGCOMMERCE set) so that its CPU is not
 * charged to the engine's event loop.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import inspector from 'node:inspector';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createHttpApp } from '../src/app.js';
import { ConnectionService } from '../src/connections/connection.service.js';
import { RUN_QUEUE, RunQueue } from '../src/extraction/run-queue.js';
import { contentHash } from '../src/extraction/sync-runner.js';
import { SyncScheduler } from '../src/extraction/sync-scheduler.js';
import type { CanonicalTransaction } from '../src/host-system/canonical.js';
import { orderToSale } from '../src/host-system/bigcommerce/bigcommerce.transform.js';
import { orderToSale as squareOrderToSale, type SquareOrderRecord } from '../src/host-system/square/square.transform.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { SERVICE_TOKEN } from '../test/support/app.js';
import { BigCommerceStoreData } from '../test/support/bigcommerce-data.js';
import { fastExtraction } from '../test/support/extraction.js';
import { FakeBigCommerce } from '../test/support/fake-bigcommerce.js';
import { FakeSquare } from '../test/support/fake-square.js';
import { SquareSellerData } from '../test/support/square-data.js';
import { WorkerChild } from '../test/support/worker-child.js';
import { announceFake, Bench, cpuSeconds, rate, seconds, verdict, type Database } from './support.js';

const STORE = 'benchstore';
const ACCESS_TOKEN = 'bc-bench-token-0123456789';
const ORDERS_PER_SECOND = 3;
const PAGE_SIZE = 250;
const READ_SETTINGS = { page_size: PAGE_SIZE, detail_concurrency: 16 };
const START_DATE = '2023-12-31';

const ETL_ORDERS = Number(process.env.BENCH_ORDERS ?? 20_000);
const MEMORY_SMALL = Number(process.env.BENCH_MEMORY_SMALL ?? 100_000);
const MEMORY_LARGE = Number(process.env.BENCH_MEMORY_LARGE ?? 1_000_000);
const MEMORY_BUDGET_SECONDS = Number(process.env.BENCH_MEMORY_BUDGET_SECONDS ?? 900);
const SCALE_CONNECTIONS = Number(process.env.BENCH_SCALE_CONNECTIONS ?? 200);
const SCALE_ORDERS = 20;
const SCALE_LATENCY_MS = 100;
const TICK_CONNECTIONS = Number(process.env.BENCH_TICK_CONNECTIONS ?? 10_000);
const PARTS = new Set((process.env.BENCH_PARTS ?? '1,2,3,4').split(',').map((part) => part.trim()));
const SQUARE_ORDERS = Number(process.env.BENCH_SQUARE_ORDERS ?? ETL_ORDERS);
const SQUARE_SEED = 7;
const SQUARE_CLIENT = { id: 'sq0idp-bench-client', secret: 'sq0csp-bench-secret' };
const THIS_FILE = fileURLToPath(import.meta.url);
const MB = 1024 * 1024;

interface FakeOptions {
  readonly orders: number;
  readonly latencyMs: number;
  /** Answers rendered before the run (see FakeBigCommerceOptions.prerender): the host's own CPU is not the engine's. */
  readonly prerender?: boolean;
}

// ---- the fake host in its own process -------------------------------------------------------

/** Child mode: serves the fake store until SIGTERM or until the parent goes away (stdin closes). */
async function serveFake(options: FakeOptions): Promise<void> {
  const data = new BigCommerceStoreData({ orders: options.orders, ordersPerSecond: ORDERS_PER_SECOND });
  const fake = await FakeBigCommerce.start({ storeHash: STORE, accessToken: ACCESS_TOKEN, orders: options.orders, ordersPerSecond: ORDERS_PER_SECOND, data, latencyMs: options.latencyMs, prerender: options.prerender });
  announceFake(fake.url, () => fake.stop());
}

/** Child mode for Square: the seller's orders (no returns: the orders stream is what is compared), and a grant written to `grantFile`. */
async function serveFakeSquare(options: { orders: number; grantFile: string }): Promise<void> {
  const data = new SquareSellerData({ orders: options.orders, seed: SQUARE_SEED, returnRate: 0 });
  const fake = await FakeSquare.start({ data, clientId: SQUARE_CLIENT.id, clientSecret: SQUARE_CLIENT.secret });
  writeFileSync(options.grantFile, JSON.stringify(fake.grant()));
  announceFake(fake.url, () => fake.stop());
}

// ---- database and application ----------------------------------------------------------------

/** The application listening on 127.0.0.1; scheduled ticks only at boot (runs are triggered by the bench). */
async function startApp(bench: Bench, databaseUrl: string, role: 'all' | 'web', env: Record<string, string> = {}): Promise<App> {
  const config = fastExtraction(bench.config(databaseUrl, role, env)).withExtraction({ schedulerTickMs: 3_600_000 });
  const nest = await createHttpApp(config);
  await nest.listen({ port: 0, host: '127.0.0.1' });
  const app = new App(nest, `http://127.0.0.1:${(nest.getHttpServer().address() as { port: number }).port}`);
  bench.defer(() => app.close());
  return app;
}

/** The fake store in a child process (this file again, with BENCH_FAKE_BIGCOMMERCE set). */
function fakeStore(bench: Bench, options: FakeOptions) {
  return bench.fake(THIS_FILE, { BENCH_FAKE_BIGCOMMERCE: JSON.stringify(options) });
}

class App {
  private closed?: Promise<void>;

  constructor(
    readonly nest: NestFastifyApplication,
    readonly baseUrl: string,
  ) {}

  close(): Promise<void> {
    this.closed ??= this.nest.close();
    return this.closed;
  }

  async call<T>(method: string, path: string, body?: unknown, expected = [200, 201, 202]): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${SERVICE_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** A BigCommerce connection authorized as the OAuth callback does it; enabled from START_DATE unless told otherwise. */
  async bigCommerceConnection(name: string, enabled = true): Promise<string> {
    const { id } = await this.call<{ id: string }>('POST', '/connections', { connector: 'BIGCOMMERCE', name, tenant: TENANT, settings: READ_SETTINGS });
    await this.nest.get(ConnectionService).completeOAuth(id, 'merchant', {
      secret: { accessToken: ACCESS_TOKEN, storeHash: STORE },
      scopes: ['store_v2_orders_read_only'],
      expiresAt: null,
    });
    if (enabled) await this.call('PUT', `/connections/${id}`, { enabled: true, startDate: START_DATE });
    return id;
  }

  /** A Square connection holding `grant` (issued by the fake, as the OAuth callback would store it), enabled from START_DATE unless told otherwise. */
  async squareConnection(name: string, grant: { accessToken: string; refreshToken: string; merchantId: string; expiresAt: string }, enabled = true): Promise<string> {
    const { id } = await this.call<{ id: string }>('POST', '/connections', { connector: 'SQUARE', name, tenant: TENANT, settings: { page_size: 500 } });
    await this.nest.get(ConnectionService).completeOAuth(id, 'seller', {
      secret: { accessToken: grant.accessToken, refreshToken: grant.refreshToken, merchantId: grant.merchantId },
      scopes: ['MERCHANT_PROFILE_READ', 'ORDERS_READ', 'PAYMENTS_READ'],
      expiresAt: new Date(grant.expiresAt),
    });
    if (enabled) await this.call('PUT', `/connections/${id}`, { enabled: true, startDate: START_DATE });
    return id;
  }

  async trigger(connectionId: string): Promise<string> {
    return (await this.call<{ id: string }>('POST', `/connections/${connectionId}/syncs`, {})).id;
  }
}

const TENANT = '6f1c2a8e-5b7d-4c39-9e0a-2d4b6c8e0f13';

/** Polls until the run has finished; throws unless it succeeded. */
async function waitForRun(db: Database, runId: string, timeoutMs: number, worker?: WorkerChild): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (worker && (worker.child.exitCode !== null || worker.child.signalCode !== null)) {
      throw new Error(`the worker exited (${worker.child.exitCode ?? worker.child.signalCode}) before run ${runId} finished:\n${worker.output.slice(-2000)}`);
    }
    const [run] = await db.query<{ status: string; error_code: string | null; error_message: string | null }>(
      'SELECT status, error_code, error_message FROM extraction_runs WHERE id = $1',
      [runId],
    );
    if (run.status === 'succeeded') return;
    if (run.status === 'failed' || run.status === 'cancelled') throw new Error(`run ${runId} ${run.status}: ${run.error_code} ${run.error_message}`);
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

/** A V8 CPU profile of this process (the engine of part 1) from now until stop(), written as a .cpuprofile file. */
async function startProfiler(): Promise<{ stop(path: string): Promise<string> }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    async stop(path: string) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(path, JSON.stringify(profile));
      session.disconnect();
      return path;
    },
  };
}

/** The bench's own PostgreSQL cluster (see clusterCpuTicks), set in main(). */
// ---- part 1: ETL against raw inserts --------------------------------------------------------

const TRANSACTION_FIELDS = [
  'connection_id', 'stream', 'external_id', 'type', 'status', 'transaction_date', 'document_number', 'currency', 'subtotal', 'discount',
  'shipping', 'shipping_tax', 'tax', 'total', 'tax_exempt', 'ship_from', 'ship_to', 'original_external_id', 'review_required',
  'review_message', 'source_modified_at', 'content_hash',
] as const;

/** `($1, $2, …), (…)` for `rows` rows of `width` parameters. */
function placeholders(rows: number, width: number): string {
  return Array.from({ length: rows }, (_, row) => `(${Array.from({ length: width }, (_, column) => `$${row * width + column + 1}`).join(', ')})`).join(', ');
}

/** The baseline: the same canonical documents, written with plain multi-row INSERT … ON CONFLICT, one transaction per page. */
async function rawInsert(client: pg.Client, connectionId: string, documents: ReadonlyArray<{ document: CanonicalTransaction; hash: string }>, stream = 'orders'): Promise<void> {
  const updates = TRANSACTION_FIELDS.slice(3).map((field) => `${field} = EXCLUDED.${field}`).join(', ');
  for (let offset = 0; offset < documents.length; offset += PAGE_SIZE) {
    const batch = documents.slice(offset, offset + PAGE_SIZE);
    await client.query('BEGIN');
    const values = batch.flatMap(({ document: d, hash }) => [
      connectionId, stream, d.externalId, d.type, d.status, d.transactionDate, d.documentNumber, d.currency, d.subtotal, d.discount,
      d.shipping, d.shippingTax, d.tax, d.total, d.taxExempt, d.shipFrom && JSON.stringify(d.shipFrom), d.shipTo && JSON.stringify(d.shipTo),
      d.originalExternalId, d.reviewRequired, d.reviewMessage, d.sourceModifiedAt, hash,
    ]);
    const { rows } = await client.query<{ id: string; external_id: string; inserted: boolean }>(
      `INSERT INTO extracted_transactions AS t (${TRANSACTION_FIELDS.join(', ')}) VALUES ${placeholders(batch.length, TRANSACTION_FIELDS.length)}
       ON CONFLICT (connection_id, stream, external_id) DO UPDATE SET ${updates}, revision = t.revision + 1, updated_at = now()
       RETURNING t.id, t.external_id, (t.xmax = 0) AS inserted`,
      values,
    );
    const ids = new Map(rows.map((row) => [row.external_id, row.id]));
    const lines = batch.flatMap(({ document }) =>
      document.lines.map((l) => [ids.get(document.externalId), l.lineNumber, l.sku, l.description, l.quantity, l.amount, l.discount, l.tax, l.taxCode]),
    );
    const taxes = batch.flatMap(({ document }) => document.taxes.map((t, i) => [ids.get(document.externalId), i + 1, t.name, t.rate, t.amount]));
    if (lines.length > 0) {
      await client.query(
        `INSERT INTO extracted_transaction_lines (transaction_id, line_number, sku, description, quantity, amount, discount, tax, tax_code)
         VALUES ${placeholders(lines.length, 9)}
         ON CONFLICT (transaction_id, line_number) DO UPDATE SET sku = EXCLUDED.sku, description = EXCLUDED.description, quantity = EXCLUDED.quantity,
           amount = EXCLUDED.amount, discount = EXCLUDED.discount, tax = EXCLUDED.tax, tax_code = EXCLUDED.tax_code`,
        lines.flat(),
      );
    }
    if (taxes.length > 0) {
      await client.query(
        `INSERT INTO extracted_transaction_taxes (transaction_id, position, name, rate, amount) VALUES ${placeholders(taxes.length, 5)}
         ON CONFLICT (transaction_id, position) DO UPDATE SET name = EXCLUDED.name, rate = EXCLUDED.rate, amount = EXCLUDED.amount`,
        taxes.flat(),
      );
    }
    await client.query('COMMIT');
  }
}

/** rawInsert on a connection of its own, timed (milliseconds). */
async function timedRawInsert(db: Database, connectionId: string, documents: ReadonlyArray<{ document: CanonicalTransaction; hash: string }>): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const started = performance.now();
    await rawInsert(client, connectionId, documents);
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

async function etlPart(bench: Bench): Promise<boolean> {
  console.log(`1. ETL end to end vs raw batched INSERT … ON CONFLICT (${ETL_ORDERS.toLocaleString('en')} orders, page ${PAGE_SIZE}, detail_concurrency 16, host latency 0 ms)`);
  const db = await bench.database('bench_etl');
  const fake = await fakeStore(bench, { orders: ETL_ORDERS, latencyMs: 0, prerender: true });
  const app = await startApp(bench, db.url, 'all', { WORKER_CONCURRENCY: '1', BIGCOMMERCE_API_URL: fake.url });

  // Baseline: the canonical documents the transform makes of the store's orders, inserted as they are.
  const data = new BigCommerceStoreData({ orders: ETL_ORDERS, ordersPerSecond: ORDERS_PER_SECOND });
  const documents = Array.from({ length: ETL_ORDERS }, (_, i) => {
    const document = orderToSale(data.detailedOrder(i + 1));
    return { document, hash: contentHash(document) };
  });
  const baselineConnection = await app.bigCommerceConnection('baseline', false);
  const baselineMs = await timedRawInsert(db, baselineConnection, documents);

  // The engine: a manual run over HTTP, timed from the trigger to `succeeded`.
  const connectionId = await app.bigCommerceConnection('etl');
  const profiler = process.env.BENCH_CPU_PROFILE ? await startProfiler() : undefined;
  const cpuBefore = [cpuSeconds(process.pid), cpuSeconds(fake.pid), cpuSeconds()];
  const started = performance.now();
  const runId = await app.trigger(connectionId);
  await waitForRun(db, runId, 30 * 60_000);
  const etlMs = performance.now() - started;
  if (profiler) console.log(`  CPU profile of the run (engine process): ${await profiler.stop(process.env.BENCH_CPU_PROFILE!)}`);
  const [engineCpu, fakeCpu, databaseCpu] = [cpuSeconds(process.pid), cpuSeconds(fake.pid), cpuSeconds()].map((after, i) => after - cpuBefore[i]);

  const stored = await db.count('SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = $1', [connectionId]);
  const same = await db.count(
    `SELECT count(*) AS n FROM extracted_transactions e JOIN extracted_transactions b
       ON b.connection_id = $2 AND b.stream = e.stream AND b.external_id = e.external_id AND b.content_hash = e.content_hash
     WHERE e.connection_id = $1`,
    [connectionId, baselineConnection],
  );
  const lines = await db.count(
    `SELECT (SELECT count(*) FROM extracted_transaction_lines l JOIN extracted_transactions t ON t.id = l.transaction_id WHERE t.connection_id = $1)
          - (SELECT count(*) FROM extracted_transaction_lines l JOIN extracted_transactions t ON t.id = l.transaction_id WHERE t.connection_id = $2) AS n`,
    [connectionId, baselineConnection],
  );
  if (stored !== ETL_ORDERS || same !== ETL_ORDERS || lines !== 0) {
    throw new Error(`the run stored ${stored} documents, ${same} equal to the baseline's, line count difference ${lines} (expected ${ETL_ORDERS}, ${ETL_ORDERS}, 0)`);
  }
  const ratio = baselineMs / etlMs;
  console.log(`  baseline (raw INSERT … ON CONFLICT, documents precomputed): ${rate(ETL_ORDERS, baselineMs).padStart(7)} docs/s  (${seconds(baselineMs)} s)`);
  console.log(`  connector-hub run (HTTP trigger -> succeeded):              ${rate(ETL_ORDERS, etlMs).padStart(7)} docs/s  (${seconds(etlMs)} s)`);
  console.log(`  ${stored} documents stored, all with the baseline's content hash and line count`);
  console.log(
    `  CPU during the run: engine process ${engineCpu.toFixed(1)} s, fake host ${fakeCpu.toFixed(1)} s, PostgreSQL ${databaseCpu.toFixed(1)} s` +
      ` (${os.availableParallelism()} cores, ${seconds(etlMs)} s wall)`,
  );
  console.log(`  ratio: ${ratio.toFixed(2)}x (target >= 0.60x) -> ${verdict(ratio >= 0.6)}\n`);
  await app.close();
  await fake.stop();
  if (SQUARE_ORDERS > 0) await squareEtl(bench);
  return ratio >= 0.6;
}

/**
 * The same measure for Square, printed beside BigCommerce's (no target of its own): a fake seller
 * with SQUARE_ORDERS orders over three locations (USD, JPY, KWD), read 500 per search page, against
 * a raw insert of the sales the transform makes of the same orders.
 */
async function squareEtl(bench: Bench): Promise<void> {
  console.log(`1b. Square ETL end to end vs raw batched INSERT … ON CONFLICT (${SQUARE_ORDERS.toLocaleString('en')} orders, search page 500, host latency 0 ms)`);
  const db = await bench.database('bench_etl_square');
  const grantFile = join(mkdtempSync(join(bench.dir, 'square-')), 'grant.json');
  const fake = await bench.fake(THIS_FILE, { BENCH_FAKE_SQUARE: JSON.stringify({ orders: SQUARE_ORDERS, grantFile }) });
  const grant = JSON.parse(readFileSync(grantFile, 'utf8')) as Parameters<App['squareConnection']>[1];
  const app = await startApp(bench, db.url, 'all', {
    WORKER_CONCURRENCY: '1',
    SQUARE_API_URL: fake.url,
    SQUARE_AUTH_URL: fake.url,
    SQUARE_CLIENT_ID: SQUARE_CLIENT.id,
    SQUARE_CLIENT_SECRET: SQUARE_CLIENT.secret,
  });

  // Baseline: the sales the transform makes of the seller's orders (as the reader hands them over, with their location).
  const data = new SquareSellerData({ orders: SQUARE_ORDERS, seed: SQUARE_SEED, returnRate: 0 });
  const locations = new Map(data.locations.map((location) => [String(location.id), location]));
  const documents = [...data.orders.values()].map((order) => {
    const document = squareOrderToSale({ ...order, location: locations.get(String(order.location_id)) ?? null } as unknown as SquareOrderRecord);
    return { document, hash: contentHash(document) };
  });
  const baselineConnection = await app.squareConnection('baseline', grant, false);
  const baselineMs = await timedRawInsert(db, baselineConnection, documents);

  const connectionId = await app.squareConnection('etl', grant);
  const cpuBefore = [cpuSeconds(process.pid), cpuSeconds(fake.pid), cpuSeconds()];
  const started = performance.now();
  const runId = await app.trigger(connectionId);
  await waitForRun(db, runId, 30 * 60_000);
  const etlMs = performance.now() - started;
  const [engineCpu, fakeCpu, databaseCpu] = [cpuSeconds(process.pid), cpuSeconds(fake.pid), cpuSeconds()].map((after, i) => after - cpuBefore[i]);
  const stored = await db.count(`SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = $1 AND stream = 'orders'`, [connectionId]);
  const same = await db.count(
    `SELECT count(*) AS n FROM extracted_transactions e JOIN extracted_transactions b
       ON b.connection_id = $2 AND b.stream = e.stream AND b.external_id = e.external_id AND b.content_hash = e.content_hash
     WHERE e.connection_id = $1`,
    [connectionId, baselineConnection],
  );
  if (stored !== documents.length || same !== documents.length) {
    throw new Error(`the Square run stored ${stored} orders, ${same} equal to the baseline's (expected ${documents.length} and ${documents.length})`);
  }
  console.log(`  baseline (raw INSERT … ON CONFLICT, documents precomputed): ${rate(documents.length, baselineMs).padStart(7)} docs/s  (${seconds(baselineMs)} s)`);
  console.log(`  connector-hub run (HTTP trigger -> succeeded):              ${rate(documents.length, etlMs).padStart(7)} docs/s  (${seconds(etlMs)} s)`);
  console.log(`  ${stored} orders stored, all with the baseline's content hash`);
  console.log(
    `  CPU during the run: engine process ${engineCpu.toFixed(1)} s, fake host ${fakeCpu.toFixed(1)} s, PostgreSQL ${databaseCpu.toFixed(1)} s` +
      ` (${os.availableParallelism()} cores, ${seconds(etlMs)} s wall)`,
  );
  console.log(`  ratio: ${(baselineMs / etlMs).toFixed(2)}x (printed beside BigCommerce's; the 0.6x target is BigCommerce's)\n`);
  await app.close();
  await fake.stop();
}

// ---- part 2: memory of a worker --------------------------------------------------------------

function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

interface MemoryRun {
  readonly orders: number;
  readonly ms: number;
  readonly idleRss: number;
  readonly peakRss: number;
  readonly hwm: number;
}

async function memoryRun(bench: Bench, db: Database, app: App, orders: number): Promise<MemoryRun> {
  const fake = await fakeStore(bench, { orders, latencyMs: 0 });
  const connectionId = await app.bigCommerceConnection(`memory-${orders}`);
  // Not due: the worker's scheduler must not start a run of its own; the bench triggers it.
  await db.query('UPDATE connections SET next_sync_at = NULL WHERE id = $1', [connectionId]);
  // The worker as production runs it: compiled JavaScript (npm run build), no TypeScript loader in memory.
  // The Procfile's worker heap cap (--max-old-space-size=128): V8 then collects garbage before it grows the heap.
  const heap = process.env.BENCH_WORKER_MAX_OLD_SPACE_MB ?? '128';
  const worker = await bench.worker(
    db.url,
    { BIGCOMMERCE_API_URL: fake.url, WORKER_CONCURRENCY: '1', ...(heap ? { NODE_OPTIONS: `--max-old-space-size=${heap}` } : {}) },
    { compiled: true },
  );
  try {
    await sleep(1000);
    const idleRss = procStatusKb(worker.pid, 'VmRSS') ?? 0;
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStatusKb(worker.pid, 'VmRSS') ?? 0)), 200);
    const started = performance.now();
    try {
      const runId = await app.trigger(connectionId);
      await waitForRun(db, runId, 6 * 3600_000, worker);
    } finally {
      clearInterval(sampler);
    }
    const ms = performance.now() - started;
    const hwm = procStatusKb(worker.pid, 'VmHWM') ?? 0;
    const stored = await db.count('SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = $1', [connectionId]);
    if (stored !== orders) throw new Error(`the ${orders}-order run stored ${stored} documents`);
    return { orders, ms, idleRss: idleRss * 1024, peakRss: peakRss * 1024, hwm: hwm * 1024 };
  } finally {
    await worker.stop();
    await fake.stop();
  }
}

function describeMemory(run: MemoryRun): string {
  const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
  return `  ${run.orders.toLocaleString('en').padStart(9)} orders: peak VmRSS ${mb(run.peakRss).padStart(7)} (VmHWM ${mb(run.hwm)}, idle before the run ${mb(run.idleRss)})   ${seconds(run.ms)} s, ${rate(run.orders, run.ms)} docs/s`;
}

async function memoryPart(bench: Bench): Promise<boolean> {
  console.log(`2. Peak RSS of the production worker process (node --max-old-space-size=${process.env.BENCH_WORKER_MAX_OLD_SPACE_MB ?? '128'} dist/src/main.js, WORKER_CONCURRENCY=1, page ${PAGE_SIZE}, detail_concurrency 16, host latency 0 ms; VmRSS sampled every 200 ms)`);
  execFileSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  const db = await bench.database('bench_memory');
  const app = await startApp(bench, db.url, 'web');
  const small = await memoryRun(bench, db, app, MEMORY_SMALL);
  console.log(describeMemory(small));
  let large = MEMORY_LARGE;
  const estimate = (large / small.orders) * (small.ms / 1000);
  if (process.env.BENCH_MEMORY_LARGE === undefined && estimate > MEMORY_BUDGET_SECONDS) {
    large = Math.max(small.orders, Math.floor((MEMORY_BUDGET_SECONDS * small.orders) / (small.ms / 1000) / 50_000) * 50_000);
    console.log(
      `  ${MEMORY_LARGE.toLocaleString('en')} orders would take about ${(estimate / 60).toFixed(0)} min at this rate (over the ${MEMORY_BUDGET_SECONDS / 60} min budget):` +
        ` measuring ${large.toLocaleString('en')} instead (set BENCH_MEMORY_LARGE=${MEMORY_LARGE} to force it)`,
    );
  }
  if (large === small.orders) {
    console.log('  no larger size fits the budget: nothing to compare\n');
    return false;
  }
  const big = await memoryRun(bench, db, app, large);
  console.log(describeMemory(big));
  const growth = big.peakRss / small.peakRss - 1;
  const met = big.peakRss <= 200 * MB && Math.abs(growth) <= 0.1;
  console.log(
    `  measured sizes: ${small.orders.toLocaleString('en')} and ${large.toLocaleString('en')} orders; peak ${(big.peakRss / MB).toFixed(0)} MB (target <= 200 MB),` +
      ` ${(growth * 100).toFixed(1)} % vs the small run (target within 10 %) -> ${verdict(met)}\n`,
  );
  await app.close();
  return met;
}

// ---- part 3: two worker processes against one ------------------------------------------------

async function scalePart(bench: Bench): Promise<boolean> {
  console.log(`3. ${SCALE_CONNECTIONS} connections due at once (${SCALE_ORDERS} orders each, host latency ${SCALE_LATENCY_MS} ms, WORKER_CONCURRENCY=2 per process): 2 worker processes vs 1`);
  const db = await bench.database('bench_scale');
  const fake = await fakeStore(bench, { orders: SCALE_ORDERS, latencyMs: SCALE_LATENCY_MS });
  const app = await startApp(bench, db.url, 'web');
  const ids: string[] = [];
  const queue = Array.from({ length: 2 * SCALE_CONNECTIONS }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) ids[i] = await app.bigCommerceConnection(`store-${i}`);
    }),
  );
  await db.query('UPDATE connections SET next_sync_at = NULL WHERE id = ANY($1::uuid[])', [ids]);

  const trial = async (workers: number, connections: string[]): Promise<number> => {
    const children = await Promise.all(Array.from({ length: workers }, () => bench.worker(db.url, { BIGCOMMERCE_API_URL: fake.url, WORKER_CONCURRENCY: '2' })));
    try {
      await sleep(1000);
      const started = performance.now();
      await db.query('UPDATE connections SET next_sync_at = now() WHERE id = ANY($1::uuid[])', [connections]);
      const deadline = Date.now() + 20 * 60_000;
      for (;;) {
        const [counts] = await db.query<{ succeeded: string; failed: string }>(
          `SELECT count(*) FILTER (WHERE status = 'succeeded') AS succeeded, count(*) FILTER (WHERE status IN ('failed', 'cancelled')) AS failed
           FROM extraction_runs WHERE connection_id = ANY($1::uuid[])`,
          [connections],
        );
        if (Number(counts.failed) > 0) throw new Error(`${counts.failed} runs failed with ${workers} worker(s)`);
        if (Number(counts.succeeded) >= connections.length) break;
        if (Date.now() > deadline) throw new Error(`${counts.succeeded} of ${connections.length} runs succeeded after 20 min with ${workers} worker(s)`);
        await sleep(100);
      }
      return performance.now() - started;
    } finally {
      await Promise.all(children.map((child) => child.stop()));
    }
  };
  const one = await trial(1, ids.slice(0, SCALE_CONNECTIONS));
  console.log(`  1 worker process:  ${seconds(one).padStart(7)} s for ${SCALE_CONNECTIONS} runs (${((SCALE_CONNECTIONS * 1000) / one).toFixed(1)} runs/s)`);
  const two = await trial(2, ids.slice(SCALE_CONNECTIONS));
  console.log(`  2 worker processes:${seconds(two).padStart(7)} s for ${SCALE_CONNECTIONS} runs (${((SCALE_CONNECTIONS * 1000) / two).toFixed(1)} runs/s)`);
  const speedUp = one / two;
  console.log(`  speed-up: ${speedUp.toFixed(2)}x (target >= 1.70x) -> ${verdict(speedUp >= 1.7)}\n`);
  await app.close();
  await fake.stop();
  return speedUp >= 1.7;
}

// ---- part 4: one scheduler pass over many due connections -----------------------------------

async function tickPart(bench: Bench): Promise<boolean> {
  console.log(`4. One scheduler pass over ${TICK_CONNECTIONS.toLocaleString('en')} due connections (PROCESS_ROLE=web: nothing takes the jobs)`);
  const db = await bench.database('bench_tick');
  const app = await startApp(bench, db.url, 'web');
  const template = await app.bigCommerceConnection('template');
  // Copies of an authorized, enabled connection (their credentials need not decrypt: no worker runs).
  await db.query(
    `WITH copies AS (
       INSERT INTO connections (created_by, updated_by, connector, name, tenant, company_token, enabled, start_date, status, plugs, settings, next_sync_at)
       SELECT created_by, updated_by, connector, 'store-' || n, tenant, gen_random_uuid(), true, start_date, status, plugs, settings, now() - make_interval(secs => n)
       FROM connections CROSS JOIN generate_series(1, $2::int) AS n WHERE id = $1
       RETURNING id
     )
     INSERT INTO connection_credentials (connection_id, kind, secret_encrypted, authorized_by, expires_at, scopes)
     SELECT copies.id, k.kind, k.secret_encrypted, k.authorized_by, k.expires_at, k.scopes FROM copies, connection_credentials k WHERE k.connection_id = $1`,
    [template, TICK_CONNECTIONS],
  );
  await db.query('UPDATE connections SET next_sync_at = NULL WHERE id = $1', [template]);
  await db.query('ANALYZE');
  await app.nest.get(RunQueue).start(); // pg-boss installs its schema once; that is not part of a tick

  const started = performance.now();
  const queued = await app.nest.get(SyncScheduler).tick();
  const ms = performance.now() - started;
  const runs = await db.count(`SELECT count(*) AS n FROM extraction_runs WHERE status = 'queued'`);
  const jobs = await db.count(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'created'`, [RUN_QUEUE]);
  const met = ms < 5000 && queued === TICK_CONNECTIONS && runs === TICK_CONNECTIONS && jobs === TICK_CONNECTIONS;
  console.log(`  tick(): ${seconds(ms)} s, ${queued} runs queued (${runs} queued runs in extraction_runs, ${jobs} pg-boss jobs created)`);
  console.log(`  target: all ${TICK_CONNECTIONS} queued in < 5 s -> ${verdict(met)}\n`);
  await app.close();
  return met;
}

// ---- main ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  await Bench.run('extraction', async (bench) => {
    const results: boolean[] = [];
    if (PARTS.has('1')) results.push(await etlPart(bench));
    if (PARTS.has('2')) results.push(await memoryPart(bench));
    if (PARTS.has('3')) results.push(await scalePart(bench));
    if (PARTS.has('4')) results.push(await tickPart(bench));
    return results;
  });
}

if (process.env.BENCH_FAKE_BIGCOMMERCE) await serveFake(JSON.parse(process.env.BENCH_FAKE_BIGCOMMERCE) as FakeOptions);
else if (process.env.BENCH_FAKE_SQUARE) await serveFakeSquare(JSON.parse(process.env.BENCH_FAKE_SQUARE) as { orders: number; grantFile: string });
else await main();
