import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Decimal } from 'decimal.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, getJson, triggerSync, waitForFinishedRuns, waitForRun } from './support/extraction.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { FakeTrustFile } from './support/fake-trustfile.js';
import { TEST_AUDIENCE, TestIdentityProvider } from './support/identity-provider.js';
import { fastPush, pushStatus, TRUSTFILE_TOKEN, waitForPushed } from './support/push.js';

const ORDERS = 240;
const REJECTED_ORDER = '42';

/** TrustFile holds exactly the store's current revision of every document, voided ones as voided. */
async function assertTrustFileHoldsCurrent(app: TestApp, trustfile: FakeTrustFile, connectionId: string): Promise<void> {
  const { companyToken } = await getJson(app, `/connections/${connectionId}`);
  const held = new Map(trustfile.items(companyToken).map((item) => [item.itemId, item]));
  const documents = await app.query<{ stream: string; external_id: string; revision: number; status: string; total: string; state: string }>(
    `SELECT t.stream, t.external_id, t.revision, t.status, t.total::text AS total, o.state
     FROM extracted_transactions t JOIN push_outbox o ON o.transaction_id = t.id WHERE t.connection_id = $1`,
    [connectionId],
  );
  assert.ok(documents.length > ORDERS, 'sales and refunds were extracted');
  for (const document of documents) {
    const item = held.get(`BIGCOMMERCE:${document.stream}:${document.external_id}`);
    if (document.state === 'rejected') continue;
    assert.ok(item, `TrustFile lacks ${document.stream} ${document.external_id}`);
    assert.equal(item.revision, document.revision, `${document.external_id}: revision`);
    assert.equal(item.status, document.status, `${document.external_id}: status`);
    assert.equal(item.total, document.total, `${document.external_id}: total`);
    held.delete(`BIGCOMMERCE:${document.stream}:${document.external_id}`);
  }
  assert.deepEqual([...held.keys()], [], 'TrustFile holds nothing the store does not');
  assert.equal(trustfile.regressions, 0, 'no revision was ever sent after a newer one');
  assert.deepEqual(trustfile.malformed, [], 'every request followed the wire format');
}

/** TrustFile's per-day sums of active sales and refunds equal the store's own, to the cent. */
function assertDailySums(trustfile: FakeTrustFile, companyToken: string, data: BigCommerceStoreData): void {
  const pushed = trustfile.dailySums(companyToken);
  const source = data.sourceDailyTotals(new Date('2023-12-30T00:00:00Z'), new Date('2024-02-01T00:00:00Z'));
  assert.ok(source.length > 1);
  for (const day of source) {
    const ours = pushed.get(`${day.day}/${day.currency}`);
    assert.ok(ours, `TrustFile has no ${day.day} ${day.currency}`);
    assert.equal(ours.sales, day.sales, `${day.day} ${day.currency} sales`);
    assert.ok(ours.total.equals(day.totalIncTax), `${day.day} ${day.currency} total: ${ours.total} vs ${day.totalIncTax}`);
    assert.ok(ours.tax.equals(day.totalTax), `${day.day} ${day.currency} tax: ${ours.tax} vs ${day.totalTax}`);
    assert.ok(ours.shipping.equals(new Decimal(day.shippingExTax).plus(day.handlingExTax)), `${day.day} ${day.currency} shipping`);
    assert.equal(ours.refunds, day.refunds, `${day.day} ${day.currency} refunds`);
    assert.ok(ours.refundTotal.equals(day.refundTotal), `${day.day} ${day.currency} refund total`);
    assert.ok(ours.refundTax.equals(day.refundTax), `${day.day} ${day.currency} refund tax`);
    pushed.delete(`${day.day}/${day.currency}`);
  }
  assert.deepEqual([...pushed.keys()], []);
}

describe('Push to TrustFile (worker in the test process)', () => {
  let app: TestApp;
  let idp: TestIdentityProvider;
  let store: FakeBigCommerce;
  let trustfile: FakeTrustFile;
  let data: BigCommerceStoreData;
  let connectionId: string;
  let companyToken: string;
  let rejectOrder = true;

  before(async () => {
    idp = await TestIdentityProvider.start();
    data = new BigCommerceStoreData({ orders: ORDERS, ordersPerSecond: 3, refunds: 'some', seed: 11 });
    store = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: ORDERS, ordersPerSecond: 3, data });
    trustfile = await FakeTrustFile.start({
      token: TRUSTFILE_TOKEN,
      maxItems: 1000,
      reject: (item) =>
        rejectOrder && item.itemId === `BIGCOMMERCE:orders:${REJECTED_ORDER}` ? [{ field: 'shipToAddress.postalCode', message: 'postal code does not match the region' }] : undefined,
    });
    app = await startTestApp(
      {
        PROCESS_ROLE: 'all',
        AUTH_JWKS_URL: idp.jwksUrl,
        AUTH_ISSUER: idp.issuer,
        AUTH_AUDIENCE: TEST_AUDIENCE,
        BIGCOMMERCE_API_URL: store.url, TRUSTFILE_API_URL: trustfile.url, EXTRACTOR_TO_AVALARA_TOKEN: TRUSTFILE_TOKEN, TRUSTFILE_BATCH_SIZE: '100',
      },
      { configure: fastPush },
    );
  });
  after(async () => {
    await app?.close();
    await store?.stop();
    await trustfile?.stop();
    await idp?.stop();
  });

  it('pushes every extracted sale and refund once per revision, in batches of TRUSTFILE_BATCH_SIZE, money exact to the cent', async () => {
    // Extraction pages (250) larger than push batches (100): a committed page fills whole batches.
    connectionId = await bigCommerceConnection(app, randomUUID(), '2023-12-31', { page_size: 250 });
    companyToken = (await getJson(app, `/connections/${connectionId}`)).companyToken;
    const [run] = await waitForFinishedRuns(app, connectionId, 1);
    assert.equal(run.status, 'succeeded');
    const status = await waitForPushed(app, connectionId, { extracted: ORDERS + data.refundCount });
    assert.equal(status.extracted, ORDERS + data.refundCount);
    assert.equal(status.pushed, status.extracted - 1);
    assert.equal(status.rejected, 1);
    assert.ok(status.lastPushAt);
    assert.equal(trustfile.largestBatch, 100, 'batches of TRUSTFILE_BATCH_SIZE');
    await assertTrustFileHoldsCurrent(app, trustfile, connectionId);
    assertDailySums(trustfile, companyToken, data);
    const voided = trustfile.items(companyToken).filter((item) => item.status === 'voided');
    assert.ok(voided.length > 0, 'cancelled and incomplete orders are pushed as voided');
    const refund = trustfile.items(companyToken).find((item) => item.refund);
    assert.ok(refund && /^BIGCOMMERCE:orders:\d+$/.test(String(refund.originalItemId)), 'a refund names the sale it refunds');

    const listed = await getJson(app, `/connections/${connectionId}/transactions?externalId=17&type=sale`);
    assert.deepEqual(
      { state: listed.content[0].push.state, pushedRevision: listed.content[0].push.pushedRevision },
      { state: 'pushed', pushedRevision: 1 },
    );
    assert.ok(listed.content[0].push.pushedAt);
  });

  it('edits are pushed as their new revision; nothing unchanged is sent again', async () => {
    const received = trustfile.itemsReceived;
    const edited = [5, 77, 160];
    for (const id of edited) store.touch(id, new Date(Date.now() - 2000));
    const run = await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id);
    assert.equal(run.status, 'succeeded');
    await waitForPushed(app, connectionId);
    assert.equal(trustfile.itemsReceived - received, edited.length, 'exactly the edited documents were sent');
    for (const id of edited) assert.equal(trustfile.companies.get(companyToken)!.get(`BIGCOMMERCE:orders:${id}`)!.revision, 2);
    await assertTrustFileHoldsCurrent(app, trustfile, connectionId);
    assertDailySums(trustfile, companyToken, data);
  });

  it('a rejected item is listed in baditems with TrustFile’s reasons and not sent again until its document changes', async () => {
    const bad = await getJson(app, `/connections/${connectionId}/baditems`);
    assert.equal(bad.page.totalElements, 1);
    assert.deepEqual(
      { kind: bad.content[0].kind, stream: bad.content[0].stream, externalId: bad.content[0].externalId, revision: bad.content[0].revision },
      { kind: 'rejected', stream: 'orders', externalId: REJECTED_ORDER, revision: 1 },
    );
    assert.deepEqual(bad.content[0].errors, [{ field: 'shipToAddress.postalCode', message: 'postal code does not match the region' }]);
    const detail = await getJson(app, `/connections/${connectionId}/transactions/${bad.content[0].transactionId}`);
    assert.equal(detail.push.state, 'rejected');
    assert.equal(detail.push.errors[0].field, 'shipToAddress.postalCode');

    const itemId = `BIGCOMMERCE:orders:${REJECTED_ORDER}`;
    assert.equal(trustfile.receipts.get(itemId), 1);
    await sleep(1500); // several push ticks
    assert.equal(trustfile.receipts.get(itemId), 1, 'not re-sent while unchanged');

    rejectOrder = false;
    store.touch(Number(REJECTED_ORDER), new Date(Date.now() - 2000));
    await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id);
    const status = await waitForPushed(app, connectionId);
    assert.equal(status.rejected, 0);
    assert.equal(trustfile.receipts.get(itemId), 2);
    assert.equal(trustfile.companies.get(companyToken)!.get(itemId)!.revision, 2);
    assert.equal((await getJson(app, `/connections/${connectionId}/baditems`)).page.totalElements, 0);
  });

  it('30% injected 429/5xx/drops leave nothing stuck and nothing duplicated at TrustFile', async () => {
    const faulty = await bigCommerceConnection(app, randomUUID());
    const token = (await getJson(app, `/connections/${faulty}`)).companyToken;
    trustfile.injectRandomFaults(0.3, [{ status: 429, retryAfter: '0' }, { status: 500 }, { status: 502 }, { status: 503 }, 'drop'], 5);
    const faultsBefore = trustfile.faultCount;
    try {
      await waitForFinishedRuns(app, faulty, 1);
      await waitForPushed(app, faulty, { extracted: ORDERS + data.refundCount, timeoutMs: 90_000 });
    } finally {
      trustfile.injectRandomFaults(0, []);
    }
    assert.ok(trustfile.faultCount - faultsBefore >= 1, 'faults were injected');
    assert.equal(trustfile.items(token).length, ORDERS + data.refundCount);
    await assertTrustFileHoldsCurrent(app, trustfile, faulty);
  });

  it('a batch TrustFile finds too large is split until it fits', async () => {
    const posts = trustfile.posts;
    trustfile.failNext({ status: 413 }, { status: 413 });
    const edited = [10, 11, 12, 13, 14, 15, 16, 18];
    for (const id of edited) store.touch(id, new Date(Date.now() - 2000));
    await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id);
    await waitForPushed(app, connectionId);
    assert.ok(trustfile.posts - posts >= 3, 'sent again in smaller batches');
    for (const id of edited) assert.equal(trustfile.companies.get(companyToken)!.get(`BIGCOMMERCE:orders:${id}`)!.revision, 2);
  });

  it('TrustFile refusing the token (401/403) pauses every push and records a connector error; a probe resumes it, nothing lost', async () => {
    trustfile.refuseToken = true;
    store.touch(20, new Date(Date.now() - 2000));
    await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id);
    const deadline = Date.now() + 20_000;
    while (!(await getJson(app, '/connector')).push.paused) {
      assert.ok(Date.now() < deadline, 'the push did not pause');
      await sleep(100);
    }
    assert.equal((await pushStatus(app, connectionId)).pending, 1, 'the edit waits, nothing is lost');
    const errors = await getJson(app, '/errors?component=trustfile');
    assert.equal(errors.content[0].code, 'TRUSTFILE.FORBIDDEN');
    assert.match(errors.content[0].message, /paused/);

    trustfile.refuseToken = false;
    await waitForPushed(app, connectionId, { timeoutMs: 20_000 });
    assert.equal((await getJson(app, '/connector')).push.paused, false);
    assert.equal(trustfile.companies.get(companyToken)!.get('BIGCOMMERCE:orders:20')!.revision, 2);
    const types = (await getJson(app, `/connections/${connectionId}/activities?pageSize=100`)).content.map((a: { type: string }) => a.type);
    assert.ok(types.includes('push.paused') && types.includes('push.resumed'), JSON.stringify(types));
    assert.ok(types.indexOf('push.resumed') < types.indexOf('push.paused'), 'newest first');
  });

  it('a 401 from TrustFile pauses the push too (TRUSTFILE.UNAUTHORIZED), and the next probe resumes it', async () => {
    trustfile.failNext({ status: 401 });
    store.touch(21, new Date(Date.now() - 2000));
    await waitForRun(app, connectionId, (await triggerSync(app, connectionId)).id);
    await waitForPushed(app, connectionId, { timeoutMs: 20_000 });
    const errors = await getJson(app, '/errors?component=trustfile');
    assert.equal(errors.content[0].code, 'TRUSTFILE.UNAUTHORIZED');
    assert.equal(trustfile.companies.get(companyToken)!.get('BIGCOMMERCE:orders:21')!.revision, 2);
    assert.equal((await getJson(app, '/connector')).push.paused, false);
  });

  it('the connector switch stops scheduling and pushing, and resumes both; only the service token may turn it', async () => {
    const admin = await idp.token({ scopes: ['ExtractorApi:Connection:Read', 'ExtractorApi:Connection:Write', 'ExtractorApi:Sync:Write'], tenants: [randomUUID()] });
    const jwtRefused = await app.request('/connector?enabled=false', { method: 'PUT', token: admin });
    assert.equal(jwtRefused.status, 403, 'only the TrustFile service token turns the connector');
    assert.equal((await app.request('/connector', { token: admin })).status, 200);
    assert.equal((await app.request('/errors', { token: admin })).status, 403, 'errors span tenants');

    const off = await app.request('/connector?enabled=false', { method: 'PUT', token: SERVICE_TOKEN });
    assert.equal(off.status, 200, await off.clone().text());
    assert.equal(((await off.json()) as { enabled: boolean }).enabled, false);
    const paused = await bigCommerceConnection(app, randomUUID());
    const refused = await app.request(`/connections/${paused}/syncs`, { method: 'POST', token: SERVICE_TOKEN, json: {} });
    assert.equal(refused.status, 409);
    assert.equal(((await refused.json()) as { code: string }).code, 'CONNECTOR.DISABLED');
    await sleep(1500);
    assert.equal((await getJson(app, `/connections/${paused}/syncs`)).page.totalElements, 0, 'no run was scheduled while off');

    const on = await app.request('/connector?enabled=true', { method: 'PUT', token: SERVICE_TOKEN });
    assert.equal(on.status, 200);
    await waitForFinishedRuns(app, paused, 1);
    await waitForPushed(app, paused, { extracted: ORDERS + data.refundCount });
    const connector = await getJson(app, '/connector');
    assert.equal(connector.enabled, true);
    assert.equal(connector.changedBy, 'avalara_to_extractor');
    assert.ok(connector.push.lastPushAt);
    assert.ok(connector.connectionsByStatus.ready >= 3, JSON.stringify(connector.connectionsByStatus));
    const activities = (await getJson(app, `/connections/${paused}/activities?type=connector.disabled`)).content;
    assert.equal(activities.length, 1);
    assert.equal(activities[0].connectorWide, true);
    assert.equal(activities[0].actor, 'avalara_to_extractor');
  });

  it('checkpoint moves and resets are in the activity log with who did them', async () => {
    const moved = await app.request(`/connections/${connectionId}/streams/orders`, { method: 'PUT', token: SERVICE_TOKEN, json: { syncedThrough: '2024-01-01T00:00:00Z' } });
    assert.equal(moved.status, 200, await moved.clone().text());
    const reset = await app.request(`/connections/${connectionId}/streams/orders/checkpoint`, { method: 'DELETE', token: SERVICE_TOKEN });
    assert.ok([200, 204].includes(reset.status), await reset.clone().text());
    const log = (await getJson(app, `/connections/${connectionId}/activities?pageSize=100`)).content as Array<{ type: string; actor: string; details: Record<string, unknown> }>;
    const [resetEntry, movedEntry] = [log.find((a) => a.type === 'checkpoint.reset'), log.find((a) => a.type === 'checkpoint.moved')];
    assert.equal(movedEntry?.actor, 'avalara_to_extractor');
    assert.equal(movedEntry?.details.to, '2024-01-01T00:00:00.000Z');
    assert.equal(resetEntry?.details.from, '2024-01-01T00:00:00.000Z');
    assert.ok(log.indexOf(resetEntry!) < log.indexOf(movedEntry!), 'newest first');
  });

  it('HEAD answers 200 or 404 without a body; POST with a caller-chosen id is idempotent for the same content and 409 for different content', async () => {
    const head = await app.request(`/connections/${connectionId}`, { method: 'HEAD', token: SERVICE_TOKEN });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    const missing = await app.request(`/connections/${randomUUID()}`, { method: 'HEAD', token: SERVICE_TOKEN });
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), '');
    assert.equal((await app.request(`/connections/${connectionId}`, { method: 'HEAD' })).status, 401);

    const id = randomUUID();
    const body = { id, connector: 'BIGCOMMERCE', name: 'posted by TrustFile', tenant: randomUUID(), startDate: '2024-01-01', settings: { page_size: 50 } };
    const created = await app.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: body });
    assert.equal(created.status, 201, await created.clone().text());
    assert.equal(((await created.json()) as { id: string }).id, id);
    const again = await app.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { ...body, settings: { page_size: 50 } } });
    assert.equal(again.status, 200, await again.clone().text());
    assert.equal(((await again.json()) as { id: string }).id, id);
    const different = await app.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { ...body, name: 'something else' } });
    assert.equal(different.status, 409);
    const problem = (await different.json()) as { code: string; fields: string[] };
    assert.equal(problem.code, 'CONNECTION.ID_TAKEN');
    assert.deepEqual(problem.fields, ['name']);
    const racingId = randomUUID();
    const racing = await Promise.all(Array.from({ length: 5 }, () => app.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { ...body, id: racingId } })));
    assert.deepEqual(racing.map((r) => r.status).sort(), [200, 200, 200, 200, 201], `concurrent posts of one id: one creates, the others see it: ${await Promise.all(racing.map((r) => r.text()))}`);
    const [count] = await app.query<{ n: string }>(`SELECT count(*) AS n FROM connections WHERE id = ANY($1::uuid[])`, [[id, racingId]]);
    assert.equal(count.n, '2');
  });

  it('/health reports every component (database, queue, TrustFile, the connector switch); TrustFile away is a down component, not a dead process', async () => {
    const healthy = await app.request('/health');
    assert.equal(healthy.status, 200, await healthy.clone().text());
    const report = (await healthy.json()) as { status: string; details: Record<string, { status: string; enabled?: boolean }> };
    assert.deepEqual(Object.keys(report.details).sort(), ['connector', 'database', 'queue', 'trustfile']);
    assert.ok(Object.values(report.details).every((component) => component.status === 'up'), JSON.stringify(report));
    assert.equal(report.details.connector.enabled, true);

    const unreachable = await FakeTrustFile.start({ token: TRUSTFILE_TOKEN });
    await unreachable.stop(); // a port nobody listens on any more
    const away = await startTestApp(
      { PROCESS_ROLE: 'web', AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: TEST_AUDIENCE, TRUSTFILE_API_URL: unreachable.url, EXTRACTOR_TO_AVALARA_TOKEN: TRUSTFILE_TOKEN },
      { configure: fastPush },
    );
    try {
      const down = await away.request('/health');
      assert.equal(down.status, 503);
      const problem = (await down.json()) as { code: string; checks: Record<string, { status: string }> };
      assert.equal(problem.code, 'HEALTH.COMPONENT_UNAVAILABLE');
      assert.equal(problem.checks.trustfile.status, 'down');
      assert.equal(problem.checks.database.status, 'up');
      assert.equal((await away.request('/health/live')).status, 200, 'liveness does not depend on TrustFile');
      assert.equal((await away.request('/health/ready')).status, 200, 'readiness does not either');
    } finally {
      await away.close();
    }
  });

  it('activities, bad items and errors validate their queries with 400 problems', async () => {
    for (const query of ['from=yesterday', 'from=2020-01-01', 'to=2026-13-01', 'pageSize=0', 'pageSort=drop%20table,ASC']) {
      const response = await app.request(`/connections/${connectionId}/activities?${query}`, { token: SERVICE_TOKEN });
      assert.equal(response.status, 400, `${query}: ${await response.clone().text()}`);
      assert.match(String(response.headers.get('content-type')), /^application\/problem\+json/);
    }
    assert.equal((await app.request(`/errors?component=kitchen`, { token: SERVICE_TOKEN })).status, 400);
    assert.equal((await app.request(`/connector?enabled=maybe`, { method: 'PUT', token: SERVICE_TOKEN })).status, 400);
    assert.equal((await app.request(`/connections/${randomUUID()}/baditems`, { token: SERVICE_TOKEN })).status, 404);
  });
});
