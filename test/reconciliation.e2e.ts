import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Decimal } from 'decimal.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, fastExtraction, getJson, waitForFinishedRuns, waitForRun } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';

const ORDERS = 150;
const FROM = '2023-12-31';
const TO = '2024-01-01';

interface Day {
  day: string;
  currency: string;
  source: { salesCount: number; refundCount: number; total: string; tax: string; shipping: string };
  extracted: { salesCount: number; refundCount: number; total: string; tax: string; shipping: string };
  pushed: unknown;
  matched: boolean;
  missing: string[];
  extra: string[];
  different: string[];
}

describe('Reconciliation against the source', () => {
  let app: TestApp;
  let store: FakeBigCommerce;
  let data: BigCommerceStoreData;
  let connectionId: string;

  before(async () => {
    data = new BigCommerceStoreData({ orders: ORDERS, ordersPerSecond: 3, refunds: 'some', seed: 13 });
    store = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: ORDERS, ordersPerSecond: 3, data });
    app = await startTestApp({ PROCESS_ROLE: 'all', BIGCOMMERCE_API_URL: store.url }, { configure: fastExtraction });
    connectionId = await bigCommerceConnection(app, randomUUID(), FROM);
    const [run] = await waitForFinishedRuns(app, connectionId, 1);
    assert.equal(run.status, 'succeeded');
  });
  after(async () => {
    await app?.close();
    await store?.stop();
  });

  async function reconcile(): Promise<{ id: string; matched: boolean; days: Day[]; status: string }> {
    const queued = await app.request(`/connections/${connectionId}/reconciliations`, { method: 'POST', token: SERVICE_TOKEN, json: { from: FROM, to: TO } });
    assert.equal(queued.status, 202, await queued.clone().text());
    const { id } = (await queued.json()) as { id: string };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const result = await getJson(app, `/connections/${connectionId}/reconciliations/${id}`);
      if (result.status === 'succeeded' || result.status === 'failed') {
        assert.equal(result.status, 'succeeded', JSON.stringify(result.error));
        return result;
      }
      assert.ok(Date.now() < deadline, 'the reconciliation did not finish');
      await sleep(100);
    }
  }

  it('right after a sync every day matches, and the figures are the store’s own to the cent', async () => {
    const result = await reconcile();
    assert.equal(result.matched, true, JSON.stringify(result.days.filter((d) => !d.matched)));
    const source = data.sourceDailyTotals(new Date(`${FROM}T00:00:00Z`), new Date(`${TO}T23:59:59Z`));
    assert.ok(source.length > 1, 'several days and currencies');
    for (const day of source) {
      const ours = result.days.find((d) => d.day === day.day && d.currency === day.currency);
      assert.ok(ours, `no ${day.day} ${day.currency}`);
      assert.equal(ours.source.salesCount, day.sales);
      assert.equal(ours.source.refundCount, day.refunds);
      assert.ok(new Decimal(ours.source.total).equals(new Decimal(day.totalIncTax).minus(day.refundTotal)), `${day.day} ${day.currency} total`);
      assert.ok(new Decimal(ours.source.tax).equals(new Decimal(day.totalTax).minus(day.refundTax)), `${day.day} ${day.currency} tax`);
      assert.deepEqual(ours.extracted, ours.source);
      assert.equal(ours.pushed, null, 'no push configured');
    }
    const writes = await app.query<{ n: string }>(`SELECT count(*) AS n FROM extracted_transactions WHERE connection_id = $1 AND revision > 1`, [connectionId]);
    assert.equal(writes[0].n, '0', 'a reconciliation writes no document');

    // Without TRUSTFILE_API_URL the push is off: everything extracted is counted as pending, nothing fails.
    const status = await getJson(app, `/connections/${connectionId}/status`);
    assert.ok(status.extracted > ORDERS);
    assert.deepEqual([status.pending, status.pushed, status.rejected, status.lastPushAt], [status.extracted, 0, 0, null]);
    const connector = await getJson(app, '/connector');
    assert.deepEqual([connector.push.configured, connector.push.pending], [false, status.extracted]);
  });

  it('finds an order deleted from the store, an order edited without a sync and a refund the store lacks, naming each; the repair makes the next one match', async () => {
    const deleted = 4;
    const edited = 9;
    store.deleteOrder(deleted);
    // An edit whose date_modified does not move: no incremental sync would ever see it.
    data.amend(edited, { at: new Date(store.orderModifiedSecond(edited) * 1000) });
    const [refund] = await app.query<{ external_id: string; day: string }>(
      `DELETE FROM extracted_transactions WHERE connection_id = $1 AND type = 'refund' AND transaction_date < '2024-01-02'
       AND id = (SELECT id FROM extracted_transactions WHERE connection_id = $1 AND type = 'refund' AND transaction_date < '2024-01-02' ORDER BY external_id LIMIT 1)
       RETURNING external_id, to_char(transaction_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day`,
      [connectionId],
    );
    assert.ok(refund, 'the data has a refund in the period');

    const result = await reconcile();
    assert.equal(result.matched, false);
    const named = (field: 'missing' | 'extra' | 'different') => result.days.flatMap((d) => d[field]);
    assert.deepEqual(named('extra'), [String(deleted)], 'the deleted order is extra');
    assert.deepEqual(named('different'), [String(edited)], 'the silently edited order differs');
    assert.deepEqual(named('missing'), [refund.external_id], 'the lost refund is missing');
    const refundDay = result.days.find((d) => d.missing.includes(refund.external_id))!;
    assert.equal(refundDay.day, refund.day);
    assert.equal(refundDay.extracted.refundCount, refundDay.source.refundCount - 1);

    const repaired = await app.request(`/connections/${connectionId}/reconciliations/${result.id}/repair`, { method: 'POST', token: SERVICE_TOKEN });
    assert.equal(repaired.status, 202, await repaired.clone().text());
    const repair = (await repaired.json()) as { voided: number; sync: { id: string; trigger: string } };
    assert.equal(repair.voided, 1);
    assert.equal(repair.sync.trigger, 'window');
    assert.equal((await waitForRun(app, connectionId, repair.sync.id)).status, 'succeeded');
    const again = await app.request(`/connections/${connectionId}/reconciliations/${result.id}/repair`, { method: 'POST', token: SERVICE_TOKEN });
    assert.equal(again.status, 409, 'a repair happens once');

    const after = await reconcile();
    assert.equal(after.matched, true, JSON.stringify(after.days.filter((d) => !d.matched)));
    const [voided] = await app.query<{ status: string }>(`SELECT status FROM extracted_transactions WHERE connection_id = $1 AND stream = 'orders' AND external_id = $2`, [connectionId, String(deleted)]);
    assert.equal(voided.status, 'voided');
    const activities = (await getJson(app, `/connections/${connectionId}/activities?type=reconciliation.repaired`)).content;
    assert.equal(activities.length, 1);
  });

  it('validates the period and the schedule switch; a daily reconciliation of yesterday can be turned on', async () => {
    for (const body of [{ from: TO, to: FROM }, { from: '2024-01-01', to: '2099-01-01' }, { from: '2023-01-01', to: '2024-01-01' }, { from: '2024-02-30', to: '2024-03-01' }, {}]) {
      const response = await app.request(`/connections/${connectionId}/reconciliations`, { method: 'POST', token: SERVICE_TOKEN, json: body });
      assert.equal(response.status, 400, JSON.stringify(body));
    }
    assert.equal((await app.request(`/connections/${randomUUID()}/reconciliations/${randomUUID()}`, { token: SERVICE_TOKEN })).status, 404);
    const off = await getJson(app, `/connections/${connectionId}/reconciliations/schedule`);
    assert.deepEqual(off, { enabled: false, lastDay: null });
    const on = await app.request(`/connections/${connectionId}/reconciliations/schedule`, { method: 'PUT', token: SERVICE_TOKEN, json: { enabled: true } });
    assert.equal(on.status, 200);
    const deadline = Date.now() + 20_000;
    let scheduled: { trigger: string; from: string; status: string } | undefined;
    while (!scheduled || scheduled.status !== 'succeeded') {
      assert.ok(Date.now() < deadline, 'no daily reconciliation ran');
      await sleep(200);
      scheduled = (await getJson(app, `/connections/${connectionId}/reconciliations?pageSize=50`)).content.find((r: { trigger: string }) => r.trigger === 'scheduled');
    }
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.equal(scheduled.from, yesterday);
    assert.equal((await getJson(app, `/connections/${connectionId}/reconciliations/schedule`)).lastDay, yesterday);
    const logged = (await getJson(app, `/connections/${connectionId}/activities?type=reconciliation.finished`)).content;
    assert.ok(logged.length >= 4, 'every reconciliation records its outcome in the activity log');
  });
});
