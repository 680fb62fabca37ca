import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { Decimal } from 'decimal.js';
import { nextMidnight } from '../src/host-system/aroflo/aroflo.client.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { apiKeyConnection, fastExtraction, getJson, streamOf, triggerSync, waitForFinishedRuns, waitForRun } from './support/extraction.js';
import { FakeAroFlo } from './support/fake-aroflo.js';
import { expectProblem } from './support/http.js';

const DAY = 86_400_000;
const INVOICES = 150;

describe('AroFlo on its real API: signed zone queries, invoices as sales, body status codes (worker in the test process)', () => {
  let app: TestApp;
  let aroflo: FakeAroFlo;
  const tenant = randomUUID();
  // Older than AroFlo's 30-day default filter and than the fake's 100 days of history.
  const startDate = new Date(Date.now() - 120 * DAY).toISOString().slice(0, 10);

  before(async () => {
    aroflo = await FakeAroFlo.start({ invoices: INVOICES, users: 40, suppliers: 30, payments: 60, historyDays: 100 });
    app = await startTestApp({ PROCESS_ROLE: 'all', AROFLO_API_URL: aroflo.url }, { configure: fastExtraction });
  });
  after(async () => {
    await app?.close();
    await aroflo?.stop();
  });

  async function newConnection(): Promise<string> {
    const created = await app.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { connector: 'AROFLO', name: 'site', tenant } });
    assert.equal(created.status, 201);
    return ((await created.json()) as { id: string }).id;
  }

  it('checks credentials with one signed call: good ones authorize; a wrong secret or organisation answers 400 with AroFlo’s message and stores nothing', async () => {
    const id = await newConnection();
    const put = (json: unknown) => app.request(`/connections/${id}/credentials`, { method: 'PUT', token: SERVICE_TOKEN, json });
    for (const [credentials, message] of [
      [aroflo.credentials({ secretKey: 'bm90LXRoZS1zZWNyZXQ=' }), /Signature mismatch/],
      [aroflo.credentials({ orgEncoded: 'T1RIRVJPUkcK' }), /Login Failed/],
    ] as const) {
      const calls = aroflo.requests.length;
      const refused = await expectProblem(await put(credentials), 400);
      assert.equal(refused.code, 'CONNECTION.CREDENTIALS_REFUSED');
      assert.match(refused.detail, message);
      assert.equal(aroflo.requests.length, calls + 1, 'one call');
      const connection = await getJson(app, `/connections/${id}`);
      assert.deepEqual([connection.status, connection.authorization.authorized], ['new', false]);
      assert.equal((await app.query('SELECT 1 FROM connection_credentials WHERE connection_id = $1', [id])).length, 0);
    }

    const calls = aroflo.requests.length;
    const accepted = await put(aroflo.credentials());
    assert.equal(accepted.status, 200, await accepted.clone().text());
    const body = (await accepted.json()) as { status: string; authorization: { authorized: boolean } };
    assert.deepEqual([body.status, body.authorization.authorized], ['ready', true]);
    const [check] = aroflo.requests.slice(calls);
    assert.equal(check.status, '0');
    assert.ok(new URLSearchParams(check.query).getAll('where').length > 0, 'the check sends a where too');
  });

  it('answers 400 naming each field for a body that does not match the credentialsSchema, without calling AroFlo', async () => {
    const id = await newConnection();
    const calls = aroflo.requests.length;
    const problem = await expectProblem(
      await app.request(`/connections/${id}/credentials`, { method: 'PUT', token: SERVICE_TOKEN, json: { apiKey: 'ak_live_123', uEncoded: '', pEncoded: 42 } }),
      400,
    );
    const fields = [...new Set((problem.errors as Array<{ field: string }>).map((error) => error.field))].sort();
    assert.deepEqual(fields, ['apiKey', 'orgEncoded', 'pEncoded', 'secretKey', 'uEncoded']);
    const notObject = await expectProblem(await app.request(`/connections/${id}/credentials`, { method: 'PUT', token: SERVICE_TOKEN, json: ['x'] }), 400);
    assert.equal(notObject.errors[0].field, 'body');
    assert.equal(aroflo.requests.length, calls);
  });

  it('reads every invoice from a startDate older than 30 days; per-day totalex/totalgst/totalinc equal AroFlo’s to the cent; a second sync writes nothing', async () => {
    const before = aroflo.requests.length;
    const id = await apiKeyConnection(app, { connector: 'AROFLO', tenant, credentials: aroflo.credentials(), startDate, settings: { max_records_per_page: 50 } });
    const [first] = await waitForFinishedRuns(app, id, 1, 120_000);
    assert.equal(first.status, 'succeeded', JSON.stringify(first));
    const expected = { invoices: INVOICES, users: aroflo.users.length, suppliers: aroflo.suppliers.length, payments: aroflo.payments.length };
    for (const [stream, count] of Object.entries(expected)) {
      const { status, fetched, inserted, failed } = streamOf(first, stream);
      assert.deepEqual({ status, fetched, inserted, failed }, { status: 'succeeded', fetched: count, inserted: count, failed: 0 }, stream);
    }
    const sent = aroflo.requests.slice(before);
    assert.ok(sent.every((r) => new URLSearchParams(r.query).getAll('where').length > 0), 'every request has an explicit where');
    assert.ok(sent.every((r) => r.status === '0'), `AroFlo never had to refuse: ${sent.map((r) => r.status).join(',')}`);

    // The totals per day, as AroFlo has them, against the summary of what was extracted.
    const from = new Date(Date.now() - 110 * DAY).toISOString().slice(0, 10);
    const to = new Date().toISOString().slice(0, 10);
    const summary = await getJson(app, `/connections/${id}/transactions/summary?from=${from}&to=${to}`);
    const extracted = new Map<string, { totalex: string; totalgst: string; totalinc: string; count: number }>(
      summary.days.map((day: { day: string; sales: string; salesTax: string; salesCount: number; currency: string }) => {
        assert.equal(day.currency, 'AUD');
        const inc = new Decimal(day.sales);
        const gst = new Decimal(day.salesTax);
        return [day.day, { totalex: inc.minus(gst).toFixed(2), totalgst: gst.toFixed(2), totalinc: inc.toFixed(2), count: day.salesCount }];
      }),
    );
    const fake = aroflo.dailyTotals();
    assert.ok(fake.size > 30, 'invoices on many days');
    assert.deepEqual(Object.fromEntries(extracted), Object.fromEntries(fake));

    // One invoice in detail: its GST lines, the credit line, the address, the currency setting.
    const source = aroflo.invoices[14]; // n = 15: a credit line, GST-free permit fee, tax exclusive
    const listed = await getJson(app, `/connections/${id}/transactions?externalId=${source.invoiceid}`);
    const detail = await getJson(app, `/connections/${id}/transactions/${listed.content[0].id}`);
    assert.deepEqual(
      [detail.documentNumber, detail.currency, detail.subtotal, detail.tax, detail.total, detail.shipTo.city, detail.shipTo.region],
      [source.invoicenumber, 'AUD', source.totalex, source.totalgst, source.totalinc, 'Melbourne', 'VIC'],
    );
    const lines = source.lines as Array<Record<string, string>>;
    assert.deepEqual(
      detail.lines.map((l: { taxCode: string; tax: string; amount: string }) => [l.taxCode, l.tax, l.amount]),
      lines.map((l) => [l.taxcode, l.taxamount, l.total]),
    );
    assert.ok(lines.some((l) => l.price.startsWith('-')), 'it has a credit line');
    const voided = await getJson(app, `/connections/${id}/transactions?status=voided&pageSize=100`);
    assert.equal(voided.page.totalElements, aroflo.invoices.filter((i) => !['approved', 'processed'].includes(String(i.status))).length);

    const second = await waitForRun(app, id, (await triggerSync(app, id)).id, 120_000);
    assert.equal(second.status, 'succeeded');
    for (const stream of Object.keys(expected)) {
      const counts = streamOf(second, stream);
      assert.equal(counts.inserted + counts.updated, 0, `${stream}: ${JSON.stringify(counts)}`);
    }
    assert.equal(streamOf(second, 'suppliers').fetched, aroflo.suppliers.length, 'suppliers are read in full, and write nothing unchanged');

    // Edits after creation: a price change, and an invoice moved back to pending approval.
    const priced = aroflo.editInvoice(7, { by: '25.00' }); // processed
    const reopened = aroflo.editInvoice(6, { status: 'pending approval' }); // was approved
    const third = await waitForRun(app, id, (await triggerSync(app, id)).id, 120_000);
    assert.equal(streamOf(third, 'invoices').updated, 2, JSON.stringify(streamOf(third, 'invoices')));
    const [repriced] = (await getJson(app, `/connections/${id}/transactions?externalId=${priced.invoiceid}`)).content;
    assert.deepEqual([repriced.total, repriced.revision, repriced.status], [priced.totalinc, 2, 'active']);
    const [gone] = (await getJson(app, `/connections/${id}/transactions?externalId=${reopened.invoiceid}`)).content;
    assert.equal(gone.status, 'voided');

    // The status shows what is left of the site's daily budget: every call this site was sent, the check included.
    const status = await getJson(app, `/connections/${id}/status`);
    const calls = aroflo.requests.filter((r) => r.org === aroflo.site.orgEncoded).length;
    assert.deepEqual(status.dailyBudget, { limit: 2000, used: calls, remaining: 2000 - calls, resetsAt: nextMidnight(new Date(), 'Australia/Melbourne').toISOString() });
  });

  it('a secret key regenerated in AroFlo fails the run with AUTH_ERROR (once renewed, refused again) and stops scheduling', async () => {
    const site = aroflo.site;
    const id = await apiKeyConnection(app, { connector: 'AROFLO', tenant, credentials: aroflo.credentials(), startDate, plugs: [{ name: 'invoices', enabled: false }] });
    aroflo.rotateSecret('cm90YXRlZC1zZWNyZXQ=');
    try {
      const [run] = await waitForFinishedRuns(app, id, 1, 60_000);
      assert.equal(run.status, 'failed');
      assert.equal(run.error?.code, 'AUTH_ERROR');
      assert.equal(run.attempt, 1, 'an authorization failure is not retried');
      // The run is settled first, then the connection: wait for the second.
      const deadline = Date.now() + 10_000;
      while ((await getJson(app, `/connections/${id}`)).status !== 'auth_error' && Date.now() < deadline) await sleep(100);
      assert.equal((await getJson(app, `/connections/${id}`)).status, 'auth_error');
      await app.query(`UPDATE connections SET next_sync_at = now() - interval '1 hour' WHERE id = $1`, [id]);
      await sleep(1500);
      assert.equal((await getJson(app, `/connections/${id}/syncs`)).page.totalElements, 1);
    } finally {
      aroflo.rotateSecret(site.secretKey);
    }
  });

  it(
    'stops at AroFlo’s daily limit (status 7) as deferred with its checkpoint kept, and resumes the next day',
    async () => {
      const id = await apiKeyConnection(app, { connector: 'AROFLO', tenant, credentials: aroflo.credentials(), startDate, settings: { max_records_per_page: 20 } });
      const day = aroflo.callsToday;
      aroflo.setLimits({ perDay: day + 4 });
      try {
        const deadline = Date.now() + 60_000;
        let run = (await getJson(app, `/connections/${id}/syncs`)).content[0];
        while (!['deferred', 'failed', 'succeeded'].includes(run?.status) && Date.now() < deadline) {
          await sleep(200);
          run = (await getJson(app, `/connections/${id}/syncs`)).content[0];
        }
        assert.equal(run.status, 'deferred', JSON.stringify(run));
        const invoices = streamOf(run, 'invoices');
        assert.ok(invoices.fetched > 0 && invoices.fetched < INVOICES, 'part of the invoices were stored, the checkpoint kept');
        const connection = await getJson(app, `/connections/${id}`);
        assert.notEqual(connection.status, 'error');

        // The next day (00:00 Australia/Melbourne): the count starts again and the run resumes from its checkpoint.
        aroflo.newDay();
        aroflo.setLimits({ perDay: 2000 });
        await app.query(`UPDATE extraction_runs SET resume_at = now() WHERE id = $1`, [run.id]);
        const resumed = await waitForRun(app, id, run.id, 120_000);
        assert.equal(resumed.status, 'succeeded');
        assert.equal(streamOf(resumed, 'invoices').inserted, INVOICES, 'each invoice stored once, none read twice into the counts');
      } finally {
        aroflo.setLimits({ perDay: 2000 });
      }
    },
  );
});
