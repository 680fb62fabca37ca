import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeSquare } from '../../../test/support/fake-square.js';
import { SquareSellerData } from '../../../test/support/square-data.js';
import type { ReadWindow } from '../adapter.js';
import { HostHttpClient } from '../host-http-client.js';
import { readOrders, readRefunds } from './square.readers.js';
import type { SquareCredentials, SquareSettings } from './square.connector.js';

describe('Square readers against the fake (real HTTP)', () => {
  let fake: FakeSquare;
  let data: SquareSellerData;
  let credentials: SquareCredentials;
  const settings: SquareSettings = { page_size: 30, detail_concurrency: 3 };
  const window: ReadWindow = { since: new Date('2024-01-01T00:00:00Z'), until: new Date('2025-01-01T00:00:00Z') };
  const http = new HostHttpClient({ retries: 3, timeoutMs: 5_000, baseDelayMs: 1, maxDelayMs: 5 });

  before(async () => {
    data = new SquareSellerData({ orders: 200, seed: 21 });
    fake = await FakeSquare.start({ data });
    const grant = fake.grant();
    credentials = { apiUrl: fake.url, accessToken: grant.accessToken, merchantId: grant.merchantId };
  });
  after(() => fake?.stop());

  async function pages(read: typeof readOrders | typeof readRefunds, from: ReadWindow) {
    const out: Array<{ ids: string[]; cursor: string }> = [];
    for await (const page of read({ http, credentials, settings }, from)) out.push({ ids: page.records.map((r) => String(r.id)), cursor: page.cursor });
    return out;
  }

  it('reads every sale order once over all locations, ten per search, ascending by updated_at, each with its location', async () => {
    const read = await pages(readOrders, window);
    const ids = read.flatMap((p) => p.ids);
    const sales = data.completedSales().length + [...data.orders.values()].filter((o) => o.state !== 'COMPLETED').length;
    assert.equal(ids.length, sales);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id) => (data.orders.get(id)!.line_items as unknown[]).length > 0), 'return orders are left to the refunds stream');
    for await (const page of readOrders({ http, credentials, settings }, window)) {
      for (const order of page.records) assert.equal(order.location?.id, order.location_id);
      const times = page.records.map((o) => String(o.updated_at));
      assert.deepEqual(times, [...times].sort());
    }
  });

  it('resumes after any stored page with exactly the rest, and from the last update when Square refuses the cursor', async () => {
    const all = await pages(readOrders, window);
    const ids = all.flatMap((p) => p.ids);
    const cut = Math.floor(all.length / 2);
    const rest = await pages(readOrders, { ...window, cursor: all[cut - 1].cursor });
    assert.deepEqual(rest.flatMap((p) => p.ids), ids.slice(all.slice(0, cut).flatMap((p) => p.ids).length));

    // A cursor Square no longer takes: the group is read again from the last stored update (re-reads are harmless, nothing is missed).
    const stale = JSON.parse(all[0].cursor) as { group: number; cursor: string; after: string };
    const invalid = JSON.stringify({ ...stale, cursor: 'expired-cursor' });
    const again = (await pages(readOrders, { ...window, cursor: invalid })).flatMap((p) => p.ids);
    const after = new Set(again);
    for (const id of ids.slice(all[0].ids.length)) assert.ok(after.has(id), `order ${id} missed after a refused cursor`);
    assert.ok(again.length < ids.length, 'it did not start the window over');
  });

  it('reads refunds with their return orders; a refund whose order Square lost is read without it', async () => {
    const refunds: Array<Record<string, unknown>> = [];
    for await (const page of readRefunds({ http, credentials, settings }, window)) refunds.push(...page.records);
    assert.equal(refunds.length, data.refunds.size);
    const itemized = refunds.filter((r) => (r.order as { returns?: unknown[] } | null)?.returns);
    assert.ok(itemized.length > 5);
    fake.failNext(/^\/v2\/orders\//, { status: 404 });
    const first = (await readRefunds({ http, credentials, settings: { ...settings, detail_concurrency: 1 } }, window)[Symbol.asyncIterator]().next()).value!.records[0];
    assert.equal(first.order, null);
  });

  it('retries a search through 5xx and 429 (a search is safe to repeat)', async () => {
    fake.failNext(/^\/v2\/orders\/search$/, { status: 503 }, { status: 429, retryAfter: '0' }, { status: 500 });
    const ids = (await pages(readOrders, window)).flatMap((p) => p.ids);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length > 100);
  });
});
