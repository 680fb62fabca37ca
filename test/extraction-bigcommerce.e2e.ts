import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Decimal } from 'decimal.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { bigCommerceConnection, fastExtraction, getJson, streamOf, triggerSync, waitForFinishedRuns, waitForRun } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';

import { BIGCOMMERCE_STORE as STORE, BIGCOMMERCE_TOKEN as TOKEN } from './support/extraction.js';
const ORDERS = 300;
const PER_SECOND = 3;

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

/** The store's own per-day figures against the extracted summary, to the cent (compared as decimals). */
async function assertReconciles(app: TestApp, connectionId: string, data: BigCommerceStoreData): Promise<void> {
  const summary = await getJson(app, `/connections/${connectionId}/transactions/summary?from=2023-12-30&to=2024-01-31`);
  const extracted = new Map<string, SummaryDay>(summary.days.map((day: SummaryDay) => [`${day.day}/${day.currency}`, day]));
  const source = data.sourceDailyTotals(new Date('2023-12-30T00:00:00Z'), new Date("2024-02-01T00:00:00Z"));
  assert.ok(source.length > 1, 'the data spans several days and currencies');
  for (const day of source) {
    const ours = extracted.get(`${day.day}/${day.currency}`);
    assert.ok(ours, `no extracted day ${day.day} ${day.currency}`);
    const same = (a: string, b: string, what: string) => assert.ok(new Decimal(a).equals(b), `${day.day} ${day.currency} ${what}: extracted ${a}, source ${b}`);
    assert.equal(ours.salesCount, day.sales);
    same(ours.sales, day.totalIncTax, 'sales');
    same(ours.salesTax, day.totalTax, 'tax');
    same(ours.salesShipping, new Decimal(day.shippingExTax).plus(day.handlingExTax).toString(), 'shipping');
    assert.equal(ours.refundCount, day.refunds);
    same(ours.refunds, day.refundTotal, 'refunds');
    same(ours.refundsTax, day.refundTax, 'refund tax');
    extracted.delete(`${day.day}/${day.currency}`);
  }
  const leftover = [...extracted.values()].filter((day) => day.salesCount + day.refundCount > 0);
  assert.deepEqual(leftover, [], 'nothing extracted that the store does not have');
}

describe('Extraction of BigCommerce sales and refunds (worker in the test process)', () => {
  let app: TestApp;
  let fake: FakeBigCommerce;
  let data: BigCommerceStoreData;
  const tenant = randomUUID();
  let connectionId: string;

  before(async () => {
    data = new BigCommerceStoreData({ orders: ORDERS, ordersPerSecond: PER_SECOND, refunds: 'some', seed: 7 });
    fake = await FakeBigCommerce.start({ storeHash: STORE, accessToken: TOKEN, orders: ORDERS, ordersPerSecond: PER_SECOND, data });
    app = await startTestApp({ PROCESS_ROLE: 'all', BIGCOMMERCE_API_URL: fake.url }, { configure: fastExtraction });
  });
  after(async () => {
    await app?.close();
    await fake?.stop();
  });

  it('first sync from startDate: every order and refund once, money exact, per-day totals equal the store’s own', async () => {
    connectionId = await bigCommerceConnection(app, tenant);
    const [run] = await waitForFinishedRuns(app, connectionId, 1);
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    assert.equal(streamOf(run, 'orders').inserted, ORDERS);
    assert.equal(streamOf(run, 'refunds').inserted, data.refundCount);
    assert.equal(streamOf(run, 'orders').failed + streamOf(run, 'refunds').failed, 0);
    const [counts] = await app.query<{ sales: string; refunds: string }>(
      `SELECT count(*) FILTER (WHERE type = 'sale') AS sales, count(*) FILTER (WHERE type = 'refund') AS refunds FROM extracted_transactions WHERE connection_id = $1`,
      [connectionId],
    );
    assert.deepEqual(counts, { sales: String(ORDERS), refunds: String(data.refundCount) });
    const sales = await getJson(app, `/connections/${connectionId}/transactions?type=sale&pageNumber=1000`);
    assert.deepEqual([sales.content.length, sales.page.totalElements], [0, ORDERS]);
    await assertReconciles(app, connectionId, data);

    // One document in detail: the API shows exactly the store's figures, as strings.
    const order = data.detailedOrder(17);
    const page = await getJson(app, `/connections/${connectionId}/transactions?externalId=17&type=sale`);
    const detail = await getJson(app, `/connections/${connectionId}/transactions/${page.content[0].id}`);
    assert.equal(detail.total, order.total_inc_tax);
    assert.equal(detail.tax, order.total_tax);
    assert.equal(detail.currency, order.default_currency_code);
    assert.equal(detail.lines.length, order.products.length);
    assert.ok(detail.taxes.length >= 1);
    assert.ok(detail.taxes.reduce((sum: Decimal, tax: { amount: string }) => sum.plus(tax.amount), new Decimal(0)).equals(String(order.total_tax)));
    const refund = (await getJson(app, `/connections/${connectionId}/transactions?type=refund&pageSize=1&pageSort=transactionDate,ASC`)).content[0];
    assert.equal(refund.currency, data.order(Number(refund.originalExternalId)).default_currency_code, 'a refund takes its sale’s currency');
  });

  it('a second identical sync writes nothing; edits between syncs update exactly the edited orders', async () => {
    const again = await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id);
    assert.equal(again.status, 'succeeded');
    for (const stream of ['orders', 'refunds']) assert.equal(streamOf(again, stream).inserted + streamOf(again, stream).updated, 0, stream);

    const edited = [5, 250, 299];
    for (const id of edited) fake.touch(id, new Date(Date.now() - 2000));
    const afterEdit = await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id);
    assert.equal(streamOf(afterEdit, 'orders').updated, edited.length);
    assert.equal(streamOf(afterEdit, 'orders').inserted, 0);
    const revised = await app.query<{ external_id: string }>(
      `SELECT external_id FROM extracted_transactions WHERE connection_id = $1 AND revision > 1 ORDER BY external_id::int`,
      [connectionId],
    );
    assert.deepEqual(revised.map((row) => Number(row.external_id)), edited);
    const amended = await getJson(app, `/connections/${connectionId}/transactions?externalId=250&type=sale`);
    assert.equal(amended.content[0].total, data.order(250).total_inc_tax, 'the amended total');
    assert.equal(amended.content[0].revision, 2);
    await assertReconciles(app, connectionId, data);
  });

  it('a window re-sync re-reads a period without moving checkpoints; a checkpoint reset re-reads from startDate, upserting', async () => {
    const before = await getJson(app, `/connections/${connectionId}/streams`);
    const window = await waitForRun(app, connectionId, (await triggerSync(app, connectionId, { streams: ['orders'], from: '2024-01-01', to: '2024-01-01' })).id);
    assert.equal(window.trigger, 'window', JSON.stringify(window));
    assert.equal(window.status, 'succeeded', JSON.stringify(window));
    assert.deepEqual(window.streams.map((s) => s.stream), ['orders']);
    assert.ok(streamOf(window, 'orders').fetched > 0);
    assert.equal(streamOf(window, 'orders').inserted + streamOf(window, 'orders').updated, 0);
    assert.deepEqual(await getJson(app, `/connections/${connectionId}/streams`), before, 'checkpoints untouched');

    const reset = await app.request(`/connections/${connectionId}/streams/orders/checkpoint`, { method: 'DELETE', token: SERVICE_TOKEN });
    assert.equal(reset.status, 200);
    assert.equal(((await reset.json()) as { syncedThrough: string | null }).syncedThrough, null);
    const reread = await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id);
    assert.equal(streamOf(reread, 'orders').fetched, ORDERS);
    assert.equal(streamOf(reread, 'orders').unchanged, ORDERS);

    const moved = await app.request(`/connections/${connectionId}/streams/orders`, { method: 'PUT', token: SERVICE_TOKEN, json: { syncedThrough: '2024-01-01T00:02:00Z' } });
    assert.equal(moved.status, 200);
    const state = (await moved.json()) as { syncedThrough: string; updatedBy: string };
    assert.equal(state.syncedThrough, '2024-01-01T00:02:00.000Z');
    assert.equal(state.updatedBy, 'avalara_to_extractor');
    const bad = await app.request(`/connections/${connectionId}/streams/orders`, { method: 'PUT', token: SERVICE_TOKEN, json: { syncedThrough: 'yesterday' } });
    assert.equal(bad.status, 400);
  });

  it('with 30% of all requests failing (429 with reset, 5xx, dropped and slow connections) a new connection still gets the exact record set', async () => {
    fake.injectRandomFaults(0.3, [{ status: 429, resetMs: 50 }, { status: 500 }, 'drop', { status: 503 }, { delayMs: 300 }, { status: 502 }]);
    try {
      const id = await bigCommerceConnection(app, tenant);
      const [run] = await waitForFinishedRuns(app, id, 1, 120_000);
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
      const [counts] = await app.query<{ n: string; ids: string }>(
        `SELECT count(*) AS n, count(DISTINCT external_id) AS ids FROM extracted_transactions WHERE connection_id = $1 AND type = 'sale'`,
        [id],
      );
      assert.deepEqual(counts, { n: String(ORDERS), ids: String(ORDERS) });
      assert.ok(fake.faultCount > 250, `only ${fake.faultCount} faults were injected`);
      await assertReconciles(app, id, data);
    } finally {
      fake.injectFaults(0, []);
    }
  });

  it('answers 409 while a run is active, and for a connection that is not enabled', async () => {
    const id = await bigCommerceConnection(app, tenant);
    // The scheduler may have queued the first run already (enabling makes a connection due).
    const first = await app.request(`/connections/${id}/syncs`, { method: 'POST', token: SERVICE_TOKEN, json: {} });
    const active = first.status === 202 ? ((await first.json()) as { id: string }).id : ((await first.json()) as { activeSyncId: string }).activeSyncId;
    const second = await app.request(`/connections/${id}/syncs`, { method: 'POST', token: SERVICE_TOKEN, json: {} });
    assert.equal(second.status, 409);
    const problem = (await second.json()) as { code: string; activeSyncId: string };
    assert.equal(problem.code, 'SYNC.ALREADY_ACTIVE');
    assert.equal(problem.activeSyncId, active);
    await waitForRun(app, id, problem.activeSyncId);
    await app.request(`/connections/${id}`, { method: 'PUT', token: SERVICE_TOKEN, json: { enabled: false } });
    const disabled = await app.request(`/connections/${id}/syncs`, { method: 'POST', token: SERVICE_TOKEN, json: {} });
    assert.equal(disabled.status, 409);
    assert.equal(((await disabled.json()) as { code: string }).code, 'SYNC.NOT_ENABLED');
    await app.request(`/connections/${id}`, { method: 'PUT', token: SERVICE_TOKEN, json: { enabled: true } });
    for (const body of [{ from: '2024-02-01' }, { from: '2024-02-01', to: null }, { from: '2999-01-01', to: '2999-01-02' }, { from: '2024-02-02', to: '2024-02-01' }, { streams: ['nope'] }]) {
      const badWindow = await app.request(`/connections/${id}/syncs`, { method: 'POST', token: SERVICE_TOKEN, json: body });
      assert.equal(badWindow.status, 400, JSON.stringify(body));
    }
    for (const syncedThrough of ['2026-W01-1T00:00:00Z', '2026-001T00:00:00Z', '2999-01-01T00:00:00Z', 12]) {
      const move = await app.request(`/connections/${id}/streams/orders`, { method: 'PUT', token: SERVICE_TOKEN, json: { syncedThrough } });
      assert.equal(move.status, 400, String(syncedThrough));
    }
    const emptySort = await app.request(`/connections/${id}/syncs?pageSort=`, { token: SERVICE_TOKEN });
    assert.equal(emptySort.status, 200);
  });
});
