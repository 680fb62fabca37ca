import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, describe, it } from 'node:test';
import { FakeBigCommerce, type FakeBigCommerceOptions } from '../../../test/support/fake-bigcommerce.js';
import type { RecordPage, ReadWindow } from '../adapter.js';
import { HostHttpClient } from '../host-http-client.js';
import { loadConfig } from '../../config/app-config.js';
import { bigCommerceCredentials } from './bigcommerce.connector.js';
import { readOrders, readRefunds, type BigCommerceOrder } from './bigcommerce.readers.js';

const STORE = 'abc123';
const TOKEN = 'bc-access-token-secret';
const WINDOW: ReadWindow = { since: new Date('2023-12-31T00:00:00Z'), until: new Date('2024-03-01T00:00:00Z') };

const fakes: FakeBigCommerce[] = [];
after(() => Promise.all(fakes.map((fake) => fake.stop())));

async function store(options: Partial<FakeBigCommerceOptions>): Promise<FakeBigCommerce> {
  const fake = await FakeBigCommerce.start({ storeHash: STORE, accessToken: TOKEN, orders: 0, ...options });
  fakes.push(fake);
  return fake;
}

function context(fake: FakeBigCommerce, pageSize = 50) {
  return {
    http: new HostHttpClient({ retries: 5, timeoutMs: 1_000, baseDelayMs: 5, maxDelayMs: 50 }),
    credentials: { apiUrl: fake.url, storeHash: STORE, accessToken: TOKEN },
    settings: { page_size: pageSize, detail_concurrency: 8 },
  };
}

async function collect<T>(pages: AsyncIterable<RecordPage<T>>, stopAfter = Infinity): Promise<{ records: T[]; cursors: string[] }> {
  const records: T[] = [];
  const cursors: string[] = [];
  for await (const page of pages) {
    records.push(...page.records);
    cursors.push(page.cursor);
    if (cursors.length >= stopAfter) break;
  }
  return { records, cursors };
}

const ids = (orders: BigCommerceOrder[]) => orders.map((order) => order.id);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('BigCommerce orders reader', () => {
  it('reads every order exactly once, with products, shipping addresses and taxes, through 429s (with and without rate-limit headers), 500s, timeouts and dropped connections', async () => {
    const fake = await store({ orders: 600, ordersPerSecond: 3 });
    fake.injectFaults(7, [{ status: 429, retryAfter: '0' }, { status: 500 }, 'drop', { status: 503 }, { delayMs: 2_500 }, { status: 429, resetMs: 20 }]);
    const { records } = await collect(readOrders(context(fake), WINDOW));
    assert.deepEqual(ids(records).sort((a, b) => a - b), range(600));
    const order = records.find((o) => o.id === 5)!;
    assert.equal(order.products.length, 1 + (5 % 3));
    assert.equal(order.taxes.length, 1 + (5 % 2));
    assert.equal(order.shipping_addresses.length, 1);
    // 600 orders x 3 detail requests + 12 list pages, and every 7th request was a fault that had to be retried.
    const successful = 600 * 3 + 12;
    assert.ok(fake.requestCount >= successful + Math.floor(successful / 7), `only ${fake.requestCount} requests`);
  });

  it('resumes after the last stored page without losing or repeating an order', async () => {
    const fake = await store({ orders: 230, ordersPerSecond: 4 });
    const first = await collect(readOrders(context(fake), WINDOW), 2);
    const rest = await collect(readOrders(context(fake), { ...WINDOW, cursor: first.cursors.at(-1) }));
    const all = [...ids(first.records), ...ids(rest.records)];
    assert.equal(new Set(all).size, all.length, 'no order twice');
    assert.deepEqual(all.sort((a, b) => a - b), range(230));
  });

  it('misses nothing when an already-read order is modified during the read (offset paging would)', async () => {
    const fake = await store({ orders: 200, ordersPerSecond: 1 });
    const read: number[] = [];
    let touched = false;
    for await (const page of readOrders(context(fake), WINDOW)) {
      read.push(...ids(page.records));
      if (!touched) {
        fake.touch(page.records[0].id, new Date('2024-06-01T00:00:00Z')); // moves out of the window
        touched = true;
      }
    }
    assert.deepEqual(read.sort((a, b) => a - b), range(200));
  });

  it('pages within one second by id when more than a page of orders share it, though BigCommerce returns ties in any order', async () => {
    const fake = await store({ orders: 260, ordersPerSecond: 120, unstableTies: true });
    const { records } = await collect(readOrders(context(fake, 50), WINDOW));
    assert.deepEqual(ids(records).sort((a, b) => a - b), range(260));
  });

  it('misses no order of a second holding more than a page when one already read is edited (600 in one second, page size 250)', async () => {
    const fake = await store({ orders: 600, ordersPerSecond: 600 });
    const read: number[] = [];
    let pages = 0;
    for await (const page of readOrders(context(fake, 250), WINDOW)) {
      read.push(...ids(page.records));
      if (++pages === 2) fake.touch(1, new Date('2024-01-15T00:00:00Z'));
    }
    assert.deepEqual(range(600).filter((id) => !read.includes(id)), [], 'never read');
    assert.equal(read.length, 601, 'only the edited order is read again, in its new version');
  });

  it('resumes a cursor under another page size without losing or repeating an order', async () => {
    for (const [before, after] of [[20, 50], [50, 20], [250, 1]]) {
      for (const ordersPerSecond of [100, 3]) {
        const fake = await store({ orders: 100, ordersPerSecond, unstableTies: true });
        const first = await collect(readOrders(context(fake, before), WINDOW), 2);
        const rest = await collect(readOrders(context(fake, after), { ...WINDOW, cursor: first.cursors.at(-1) }));
        const all = [...ids(first.records), ...ids(rest.records)];
        assert.deepEqual(all.sort((a, b) => a - b), range(100), `page size ${before} then ${after}, ${ordersPerSecond} orders a second`);
      }
    }
  });

  it('reads every product of an order with more lines than a page holds (BigCommerce pages them, 50 unless asked)', async () => {
    const lines: Record<number, number> = { 2: 120, 3: 250, 4: 620 };
    const fake = await store({ orders: 5, productsPerOrder: (id) => lines[id] ?? 1 });
    const { records } = await collect(readOrders(context(fake), WINDOW));
    const products = new Map(records.map((order) => [order.id, order.products as Array<{ id: number }>]));
    for (const id of [1, 2, 3, 4, 5]) {
      assert.equal(products.get(id)!.length, lines[id] ?? 1, `order ${id}`);
      assert.equal(new Set(products.get(id)!.map((product) => product.id)).size, lines[id] ?? 1);
    }
  });

  it('serves and reads pages deep into a million-order store without scanning it, also by id within a second', async () => {
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1) + second * 1000);
    const tenPerSecond = await store({ orders: 1_000_000, ordersPerSecond: 10, unstableTies: true });
    const { records } = await collect(readOrders(context(tenPerSecond, 50), { since: at(90_000), until: at(90_004) }));
    assert.deepEqual(ids(records).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => 900_001 + i));
    const crowded = await store({ orders: 1_000_000, ordersPerSecond: 400, unstableTies: true });
    const deep = await collect(readOrders(context(crowded, 250), { since: at(2_000), until: at(2_001) }));
    assert.deepEqual(ids(deep.records).sort((a, b) => a - b), Array.from({ length: 800 }, (_, i) => 800_001 + i));
    // Three detail requests per order and a handful of list pages, each tried at most 6 times (the client's
    // retries, on a loaded machine): far from the thousands of list pages that paging through the store would take.
    assert.ok(tenPerSecond.requestCount <= (50 * 3 + 4) * 6, `${tenPerSecond.requestCount} requests for 50 orders`);
    assert.ok(crowded.requestCount <= (800 * 3 + 8) * 6, `${crowded.requestCount} requests for 800 orders`);
  });

  it('reads nothing from an empty store (BigCommerce answers 204)', async () => {
    const fake = await store({ orders: 0 });
    assert.deepEqual((await collect(readOrders(context(fake), WINDOW))).records, []);
  });
});

describe('BigCommerce refunds reader', () => {
  it('reads only refunds created in the window, and resumes from a cursor', async () => {
    const fake = await store({ refunds: 1000 });
    const window = { since: new Date('2024-01-01T00:01:40Z'), until: new Date('2024-01-01T00:03:19Z') }; // refunds 100..199
    const { records, cursors } = await collect(readRefunds(context(fake, 30), window));
    assert.deepEqual(records.map((r) => Number(r.id)), Array.from({ length: 100 }, (_, i) => i + 100));
    const resumed = await collect(readRefunds(context(fake, 30), { ...window, cursor: cursors[1] }));
    assert.deepEqual(resumed.records.map((r) => Number(r.id)), Array.from({ length: 40 }, (_, i) => i + 160));
  });

  it('resumes a cursor under another page size without losing or repeating a refund', async () => {
    const fake = await store({ refunds: 100 });
    const window = { since: new Date('2024-01-01T00:00:00Z'), until: new Date('2024-01-02T00:00:00Z') };
    for (const [before, after] of [[20, 50], [50, 20], [30, 7], [250, 1]]) {
      const first = await collect(readRefunds(context(fake, before), window), 1);
      const rest = await collect(readRefunds(context(fake, after), { ...window, cursor: first.cursors.at(-1) }));
      const all = [...first.records, ...rest.records].map((refund) => Number(refund.id));
      assert.deepEqual(all, range(100), `page size ${before} then ${after}`);
    }
  });

  it('streams 100,000 refunds with flat memory', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const fake = await store({ refunds: 100_000, refundPaddingBytes: 1024 });
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = 0;
    let pages = 0;
    for await (const page of readRefunds(context(fake, 250), { since: new Date('2024-01-01T00:00:00Z'), until: new Date('2025-01-01T00:00:00Z') })) {
      count += page.records.length;
      if (++pages % 40 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    assert.equal(count, 100_000);
    // ~110 MB of refunds went through; what stays is a page or so, not the data set.
    assert.ok(peak < 20 * 1024 * 1024, `heap grew by ${(peak / 1048576).toFixed(1)} MB while reading`);
  });
});

describe('bigCommerceCredentials', () => {
  const env = { NODE_ENV: 'test', ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}`, AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20) };
  const secret = { accessToken: 'token', storeHash: 'abc123' };

  it('calls the real BigCommerce API unless BIGCOMMERCE_API_URL points elsewhere', () => {
    assert.deepEqual(bigCommerceCredentials(loadConfig(env), secret), { apiUrl: 'https://api.bigcommerce.com', storeHash: 'abc123', accessToken: 'token' });
    assert.equal(bigCommerceCredentials(loadConfig({ ...env, BIGCOMMERCE_API_URL: 'http://127.0.0.1:9/' }), secret).apiUrl, 'http://127.0.0.1:9');
  });
});
