import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Decimal } from 'decimal.js';
import { SQUARE_VERSION } from '../src/host-system/square/square.connector.js';
import { startTestApp, type TestApp } from './support/app.js';
import { fastExtraction, getJson, streamOf, triggerSync, waitForFinishedRuns, waitForRun } from './support/extraction.js';
import { FakeSquare, squareConnection, squareEnv } from './support/fake-square.js';
import { SquareSellerData } from './support/square-data.js';

const ORDERS = 700;

interface SummaryDay {
  day: string;
  currency: string;
  salesCount: number;
  refundCount: number;
  sales: string;
  salesTax: string;
  salesShipping: string;
  refunds: string;
  refundsTax: string;
}

/** The seller's own per-day figures against the extracted summary, to the minor unit (compared as decimals). */
async function assertReconciles(app: TestApp, connectionId: string, data: SquareSellerData): Promise<void> {
  // A summary covers at most 366 days: the seller's history (2024), and the last month (what the tests add now).
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const extracted = new Map<string, SummaryDay>();
  for (const [from, to] of [['2024-01-01', '2024-12-31'], [monthAgo, today]]) {
    const summary = await getJson(app, `/connections/${connectionId}/transactions/summary?from=${from}&to=${to}`);
    for (const day of summary.days as SummaryDay[]) extracted.set(`${day.day}/${day.currency}`, day);
  }
  const source = data.dailyTotals();
  assert.ok(source.every((d) => d.day <= '2024-12-31' || d.day >= monthAgo), 'the source days are all inside the summarized windows');
  assert.deepEqual([...new Set(source.map((d) => d.currency))].sort(), ['JPY', 'KWD', 'USD']);
  for (const day of source) {
    const ours = extracted.get(`${day.day}/${day.currency}`);
    assert.ok(ours, `no extracted day ${day.day} ${day.currency}`);
    const same = (a: string, b: string, what: string) => assert.ok(new Decimal(a).equals(b), `${day.day} ${day.currency} ${what}: extracted ${a}, Square ${b}`);
    assert.equal(ours.salesCount, day.sales, `${day.day} ${day.currency} sales`);
    same(ours.sales, day.total, 'sales');
    same(ours.salesTax, day.tax, 'tax');
    same(ours.salesShipping, day.shipping, 'shipping');
    assert.equal(ours.refundCount, day.refunds, `${day.day} ${day.currency} refunds`);
    same(ours.refunds, day.refundTotal, 'refunds');
    same(ours.refundsTax, day.refundTax, 'refund tax');
    extracted.delete(`${day.day}/${day.currency}`);
  }
  assert.deepEqual([...extracted.values()].filter((day) => day.salesCount + day.refundCount > 0), [], 'nothing extracted that Square does not have');
}

describe('Extraction of Square orders and refunds (worker in the test process, fake Square over HTTP)', () => {
  let app: TestApp;
  let fake: FakeSquare;
  let data: SquareSellerData;
  const tenant = randomUUID();
  let connectionId: string;
  const saleOrders = () => [...data.orders.values()].filter((o) => (o.line_items as unknown[] | undefined)?.length).length;

  before(async () => {
    data = new SquareSellerData({ orders: ORDERS, seed: 3 });
    fake = await FakeSquare.start({ data });
    app = await startTestApp({ PROCESS_ROLE: 'all', ...squareEnv(fake) }, { configure: fastExtraction });
  });
  after(async () => {
    await app?.close();
    await fake?.stop();
  });

  it('first sync from startDate: every order of every location and every refund once, per-day totals equal Square’s own in USD, JPY and KWD', async () => {
    connectionId = await squareConnection(app, fake, tenant, { page_size: 40 });
    const [run] = await waitForFinishedRuns(app, connectionId, 1, 120_000);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.equal(streamOf(run, 'orders').inserted, saleOrders(), 'return orders are read as refunds, not sales');
    assert.equal(streamOf(run, 'refunds').inserted, data.refunds.size);
    assert.equal(streamOf(run, 'orders').failed + streamOf(run, 'refunds').failed, 0);
    await assertReconciles(app, connectionId, data);

    const searches = fake.requests.filter((r) => r.path === '/v2/orders/search');
    const groups = new Set(searches.map((r) => JSON.stringify((r.body as { location_ids: string[] }).location_ids)));
    assert.equal(groups.size, 2, '12 locations are searched in groups of at most 10');
    for (const search of searches) {
      const body = search.body as { location_ids: string[]; limit: number; query: { sort: unknown; filter: { date_time_filter: { updated_at: { start_at: string } } } } };
      assert.ok(body.location_ids.length <= 10);
      assert.deepEqual(body.query.sort, { sort_field: 'UPDATED_AT', sort_order: 'ASC' });
      assert.equal(body.query.filter.date_time_filter.updated_at.start_at, '2024-01-01T00:00:00.000Z');
    }
    assert.ok(searches.length > ORDERS / 40, 'cursor pages');
    assert.ok(fake.requests.filter((r) => r.path.startsWith('/v2/')).every((r) => r.squareVersion === SQUARE_VERSION), 'Square-Version on every call');

    // Exact money in the currency's own decimals: JPY whole yen, KWD fils.
    const rows = await app.query<{ currency: string; total: string; status: string; external_id: string }>(
      `SELECT currency, total::text AS total, status, external_id FROM extracted_transactions WHERE connection_id = $1 AND type = 'sale'`,
      [connectionId],
    );
    const raw = (id: string) => data.orders.get(id)!;
    for (const row of rows) {
      const order = raw(row.external_id);
      const digits = { USD: 2, JPY: 0, KWD: 3 }[row.currency as 'USD'];
      assert.equal(new Decimal(row.total).mul(10 ** digits).toString(), String((order.total_money as { amount: number }).amount), row.external_id);
      assert.equal(row.status, order.state === 'COMPLETED' ? 'active' : 'voided', `${row.external_id} ${String(order.state)}`);
    }
    // A sale's tax breakdown: its Square taxes by name and rate, adding up to its tax.
    const usd = data.completedSales().find((o) => (o.total_money as { currency: string }).currency === 'USD')!;
    const taxes = await app.query<{ name: string; rate: string; amount: string }>(
      `SELECT x.name, x.rate::text AS rate, x.amount::text AS amount FROM extracted_transaction_taxes x JOIN extracted_transactions t ON t.id = x.transaction_id
       WHERE t.connection_id = $1 AND t.external_id = $2 ORDER BY x.position`,
      [connectionId, usd.id],
    );
    assert.deepEqual(taxes.map((x) => [x.name, new Decimal(x.rate).toString()]), [['NY State Sales Tax', '0.04'], ['NYC Local Sales Tax', '0.045'], ['MCTD Surcharge', '0.00375']]);
    assert.equal(taxes.reduce((s, x) => s.plus(x.amount), new Decimal(0)).mul(100).toString(), String((usd.total_tax_money as { amount: number }).amount));
  });

  it('incremental sync: amended, completed and cancelled orders, new sales and a partial return; totals still equal Square’s', async () => {
    const open = data.openOrders();
    assert.ok(open.length >= 3);
    const now = () => new Date();
    const completedAfterAmend = data.amend(String(open[0].id), now(), 'COMPLETED');
    const cancelled = data.amend(String(open[1].id), now(), 'CANCELED');
    const stillOpen = data.amend(String(open[2].id), now());
    // Rung up five minutes ago, completed (updated) four minutes later: USD, JPY, KWD.
    const fresh = [0, 1, 2].map((i) => data.newOrder(new Date(Date.now() - 5 * 60_000), 'COMPLETED', i));
    const returned = data.addReturn(String(data.completedSales()[10].id), now());
    const searchesBefore = fake.requestsTo(/^\/v2\/orders\/search$/);

    const run = await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id, 60_000);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    const orders = streamOf(run, 'orders');
    assert.equal(orders.fetched, 6, 'only what changed since the checkpoint (less the lookback) is read');
    assert.deepEqual([orders.inserted, orders.updated], [3, 3]);
    assert.equal(streamOf(run, 'refunds').inserted, 1);
    assert.ok(fake.requestsTo(/^\/v2\/orders\/search$/) - searchesBefore <= 4, 'one page per location group');

    const status = async (id: unknown) =>
      (await app.query<{ status: string; total: string; revision: number }>('SELECT status, total::text AS total, revision FROM extracted_transactions WHERE connection_id = $1 AND external_id = $2', [connectionId, id]))[0];
    const completed = await status(completedAfterAmend.id);
    assert.equal(completed.status, 'active');
    assert.ok(completed.revision >= 2);
    assert.equal((await status(cancelled.id)).status, 'voided');
    assert.equal((await status(stillOpen.id)).status, 'voided', 'OPEN is not a sale yet');
    for (const order of fresh) assert.equal((await status(order.id)).status, 'active');
    const [refund] = await app.query<{ original: string; tax: string; taxes: string }>(
      `SELECT t.original_external_id AS original, t.tax::text AS tax, (SELECT count(*) FROM extracted_transaction_taxes x WHERE x.transaction_id = t.id)::text AS taxes
       FROM extracted_transactions t WHERE t.connection_id = $1 AND t.external_id = $2`,
      [connectionId, returned.id],
    );
    const returnOrder = data.orders.get(String(returned.order_id))!;
    assert.equal(refund.original, (returnOrder.returns as Array<{ source_order_id: string }>)[0].source_order_id, 'the refund names the sale it returns');
    assert.equal(new Decimal(refund.tax).toString(), new Decimal(((returnOrder.return_amounts as { tax_money: { amount: number } }).tax_money.amount)).div(10 ** { USD: 2, JPY: 0, KWD: 3 }[(returned.amount_money as { currency: 'USD' }).currency]).toString());
    assert.ok(Number(refund.taxes) > 0, 'the returned tax, by tax');
    await assertReconciles(app, connectionId, data);

    const again = await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id, 60_000);
    assert.deepEqual([streamOf(again, 'orders').inserted, streamOf(again, 'orders').updated], [0, 0], 'a re-read within the lookback changes nothing');
  });

  it('reads again a refund that was PENDING when read and completed later, past the lookback', async () => {
    const sale = data.completedSales()[20];
    const pending = data.addReturn(String(sale.id), new Date(Date.now() - 3 * 3_600_000), 'PENDING');
    const today = new Date().toISOString().slice(0, 10);
    const window = await waitForRun(app, connectionId, (await triggerSync(app, connectionId, { from: today, to: today })).id, 60_000);
    assert.equal(window.status, 'succeeded', JSON.stringify(window));
    const stored = async () => (await app.query<{ status: string }>('SELECT status FROM extracted_transactions WHERE connection_id = $1 AND external_id = $2', [connectionId, pending.id]))[0]?.status;
    assert.equal(await stored(), 'voided', 'a pending refund is not refunded yet');

    // Square completes it now: created three hours ago, long before the checkpoint less the lookback.
    pending.status = 'COMPLETED';
    pending.updated_at = new Date().toISOString();
    const run = await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id, 60_000);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.equal(streamOf(run, 'refunds').updated, 1);
    assert.equal(await stored(), 'active');
    await assertReconciles(app, connectionId, data);
  });

  it('resumes an interrupted read from the cursor of its last stored page, every order once; survives random faults', async () => {
    const resumeTenant = randomUUID();
    const before = fake.requests.length;
    // The 4th search page fails with an answer the client does not retry: the attempt fails and the next one resumes.
    fake.failAfter(/^\/v2\/orders\/search$/, 3, { status: 403 });
    const id = await squareConnection(app, fake, resumeTenant, { page_size: 50 });
    const [run] = await waitForFinishedRuns(app, id, 1, 120_000);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.ok(run.attempt >= 2, `attempt ${run.attempt}`);
    const [{ count }] = await app.query<{ count: string }>(`SELECT count(*) FROM extracted_transactions WHERE connection_id = $1 AND type = 'sale'`, [id]);
    assert.equal(Number(count), saleOrders());
    const searches = fake.requests.slice(before).filter((r) => r.path === '/v2/orders/search').map((r) => r.body as { cursor?: string; location_ids: string[] });
    const firstPages = searches.filter((s) => !s.cursor && s.location_ids.length === 10);
    assert.equal(firstPages.length, 1, 'the second attempt did not start the group again');

    fake.randomFaults(0.25);
    try {
      const faulty = await waitForRun(app, id, (await triggerSync(app, id, { from: '2024-01-01', to: '2024-01-31' })).id, 120_000);
      assert.equal(faulty.status, 'succeeded', JSON.stringify(faulty));
    } finally {
      fake.stopFaults();
    }
    await assertReconciles(app, id, data);
  });
});
