import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeAroFlo } from '../../../test/support/fake-aroflo.js';
import { loadConfig } from '../../config/app-config.js';
import { HostAuthorizationRefused, HostDailyLimitReached } from '../host-limits.js';
import { HostHttpClient } from '../host-http-client.js';
import type { CallBudget } from '../rate-budget.js';
import { aroFloSiteKey, nextMidnight, type AroFloCredentials } from './aroflo.client.js';
import type { AroFloSettings } from './aroflo.connector.js';
import { aroFloCredentials, readAroFlo, type AroFloPlug } from './aroflo.readers.js';

const SETTINGS: AroFloSettings = {
  sync_frequency_hours: 4,
  initial_sync_days: 90,
  max_records_per_page: 25,
  request_timeout_seconds: 2,
  retry_attempts: 4,
  enable_invoices_sync: true,
  enable_users_sync: true,
  enable_suppliers_sync: true,
  enable_payments_sync: true,
  enable_incremental_sync: true,
  enable_debug_logging: false,
  currency: 'AUD',
};

/** No shared limit here: these tests are about the wire format; the fake's limits are raised to match. */
const UNLIMITED: CallBudget = { take: async () => undefined };

describe('AroFlo readers against the fake AroFlo', () => {
  let aroflo: FakeAroFlo;
  before(async () => {
    aroflo = await FakeAroFlo.start({ invoices: 130, users: 40, suppliers: 30, payments: 70, historyDays: 100, perSecond: 10_000, perMinute: 100_000 });
  });
  after(() => aroflo?.stop());

  const credentials = (overrides: Partial<AroFloCredentials> = {}): AroFloCredentials => ({
    ...aroflo.site,
    apiUrl: aroflo.url,
    siteKey: aroFloSiteKey(aroflo.url, aroflo.site.orgEncoded),
    budget: UNLIMITED,
    ...overrides,
  });
  const context = (settings: Partial<AroFloSettings> = {}, creds = credentials()) => {
    const merged = { ...SETTINGS, ...settings };
    return { http: new HostHttpClient({ retries: merged.retry_attempts, timeoutMs: merged.request_timeout_seconds * 1000, baseDelayMs: 5 }), credentials: creds, settings: merged };
  };
  // From well before the fake's history (100 days) to now: AroFlo's 30-day default would drop most of it.
  const window = () => ({ since: new Date(Date.now() - 200 * 86_400_000), until: new Date() });

  async function readAll(plug: AroFloPlug, settings: Partial<AroFloSettings> = {}, from = window()) {
    const records: Array<Record<string, unknown>> = [];
    const cursors: string[] = [];
    for await (const page of readAroFlo(plug, context(settings), from)) {
      records.push(...page.records);
      cursors.push(page.cursor);
    }
    return { records, cursors };
  }

  it('reads every record of every zone exactly once, history older than 30 days included, always with an explicit where', async () => {
    const ids = { invoices: 'invoiceid', users: 'userid', suppliers: 'supplierid', payments: 'paymentid' } as const;
    const expected = { invoices: aroflo.invoices, users: aroflo.users, suppliers: aroflo.suppliers, payments: aroflo.payments };
    for (const plug of ['invoices', 'users', 'suppliers', 'payments'] as const) {
      const before = aroflo.requests.length;
      const { records } = await readAll(plug);
      const read = records.map((r) => String(r[ids[plug]]));
      assert.equal(new Set(read).size, read.length, `${plug}: a record was read twice`);
      assert.deepEqual([...read].sort(), expected[plug].map((r) => String(r[ids[plug]])).sort(), plug);
      const sent = aroflo.requests.slice(before);
      assert.ok(sent.length > 1, `${plug} is paged`);
      assert.ok(sent.every((r) => new URLSearchParams(r.query).getAll('where').length > 0 && r.status === '0'), `${plug}: ${JSON.stringify(sent.map((r) => r.query))}`);
    }
    assert.ok(aroflo.invoices.some((i) => Date.parse(String(i.createddatetimeutc).replaceAll('/', '-').replace(' ', 'T') + 'Z') < Date.now() - 60 * 86_400_000), 'the fake has old invoices');
  });

  it('joins the invoice lines and adds the connection currency; never asks more than 500 a page', async () => {
    const before = aroflo.requests.length;
    const { records } = await readAll('invoices', { max_records_per_page: 500, currency: 'NZD' });
    assert.equal(records.length, aroflo.invoices.length);
    assert.ok(records.every((r) => Array.isArray(r.lines) && (r.lines as unknown[]).length >= 2 && r.currency === 'NZD'));
    assert.ok(aroflo.requests.slice(before).every((r) => new URLSearchParams(r.query).get('join') === 'lineitems' && Number(new URLSearchParams(r.query).get('pageSize')) <= 500));
  });

  it('asks a page again at half the size when AroFlo answers 8 (over 3.5 MB), and goes on from the same cursor', async () => {
    // An invoice with its lines is about 1.5 kB: 25 of them are over this limit, 10 are not.
    aroflo.setLimits({ maxPageBytes: 20_000 });
    try {
      const before = aroflo.requests.length;
      const { records } = await readAll('invoices', { max_records_per_page: 25 });
      assert.equal(new Set(records.map((r) => r.invoiceid)).size, aroflo.invoices.length);
      const sizes = aroflo.requests.slice(before).map((r) => [new URLSearchParams(r.query).get('pageSize'), r.status]);
      assert.deepEqual(sizes.slice(0, 2), [['25', '8'], ['12', sizes[1][1]]]);
      assert.ok(sizes.some(([, status]) => status === '0'));
    } finally {
      aroflo.setLimits({ maxPageBytes: 3.5 * 1024 * 1024 });
    }
  });

  it('narrows the time window when AroFlo answers 888888 (query over 60 s), and still reads everything', async () => {
    aroflo.setLimits({ maxWindowDays: 40 });
    try {
      const before = aroflo.requests.length;
      const { records } = await readAll('invoices', { max_records_per_page: 50 });
      assert.equal(new Set(records.map((r) => r.invoiceid)).size, aroflo.invoices.length);
      const statuses = aroflo.requests.slice(before).map((r) => r.status);
      assert.ok(statuses.includes('888888') && statuses.at(-1) === '0', statuses.join(','));
    } finally {
      aroflo.setLimits({ maxWindowDays: 100_000 });
    }
  });

  it('waits out status 6 and HTTP 429, signing every attempt with a fresh timestamp', async () => {
    aroflo.force('6', 2);
    aroflo.force('', 1, 429);
    const before = aroflo.requests.length;
    const { records } = await readAll('users', { max_records_per_page: 500 });
    assert.equal(records.length, aroflo.users.length);
    const sent = aroflo.requests.slice(before);
    assert.deepEqual(sent.map((r) => r.status), ['6', '6', '429', '0']);
    assert.equal(new Set(sent.map((r) => r.timestamp)).size, sent.length, 'each attempt has its own afdatetimeutc');
  });

  it('stops with HostDailyLimitReached at status 7, resuming at 00:00 Australia/Melbourne', async () => {
    aroflo.force('7', 1);
    await assert.rejects(readAll('users'), (error: unknown) => {
      assert.ok(error instanceof HostDailyLimitReached, String(error));
      assert.equal(error.resumeAt.getTime(), nextMidnight(new Date(), 'Australia/Melbourne').getTime());
      return true;
    });
  });

  it('fails with a 401 HostAuthorizationRefused, carrying AroFlo’s message, for a wrong secret (-99999) or a wrong organisation', async () => {
    for (const [creds, status] of [
      [credentials({ secretKey: 'not-the-secret' }), '-99999'],
      [credentials({ orgEncoded: 'T1RIRVJPUkcK' }), '1'],
    ] as const) {
      const attempt = (async () => {
        for await (const _ of readAroFlo('users', context({}, creds), window())) void _;
      })();
      await assert.rejects(attempt, (error: unknown) => error instanceof HostAuthorizationRefused && error.status === 401 && error.hostStatus === status && error.hostMessage.length > 0);
    }
  });

  it('picks up an edited invoice on the next incremental read, and resumes a read from any page cursor', async () => {
    const { cursors } = await readAll('invoices', { max_records_per_page: 20 });
    const resumed: string[] = [];
    for await (const page of readAroFlo('invoices', context({ max_records_per_page: 20 }), { ...window(), cursor: cursors[2] })) {
      resumed.push(...page.records.map((r) => String(r.invoiceid)));
    }
    const all = (await readAll('invoices', { max_records_per_page: 20 })).records.map((r) => String(r.invoiceid));
    assert.deepEqual(resumed, all.slice(all.length - resumed.length), 'a resumed read continues where the page ended');
    assert.ok(resumed.length > 0 && resumed.length < all.length);

    const checkpoint = new Date(Date.now() - 1000);
    const edited = aroflo.editInvoice(7, { by: '10.00' });
    const { records } = await readAll('invoices', {}, { since: checkpoint, until: new Date(Date.now() + 1000) });
    assert.deepEqual(records.map((r) => r.invoiceid), [edited.invoiceid]);
    assert.equal(records[0].totalinc, edited.totalinc);
  });

  it('honours each enable_*_sync option: a disabled plug sends no request', async () => {
    const before = aroflo.requests.length;
    for (const plug of ['invoices', 'users', 'suppliers', 'payments'] as const) {
      assert.deepEqual((await readAll(plug, { [`enable_${plug}_sync`]: false })).records, []);
    }
    assert.equal(aroflo.requests.length, before);
  });
});

describe('aroFloCredentials', () => {
  const config = loadConfig({ NODE_ENV: 'test', AROFLO_API_URL: 'http://127.0.0.1:9/api/', ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}`, AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20) });
  it('refuses an API key of the example connector as an authorization failure (401), not a crash', () => {
    assert.throws(() => aroFloCredentials(config, 'ak_live_123'), (error: unknown) => error instanceof HostAuthorizationRefused && error.status === 401);
  });
});

describe('nextMidnight', () => {
  it('is 00:00 in Melbourne: 13:00 UTC in summer (AEDT), 14:00 UTC in winter (AEST)', () => {
    assert.equal(nextMidnight(new Date('2026-01-10T05:00:00Z'), 'Australia/Melbourne').toISOString(), '2026-01-10T13:00:00.000Z');
    assert.equal(nextMidnight(new Date('2026-01-10T13:30:00Z'), 'Australia/Melbourne').toISOString(), '2026-01-11T13:00:00.000Z');
    assert.equal(nextMidnight(new Date('2026-07-10T05:00:00Z'), 'Australia/Melbourne').toISOString(), '2026-07-10T14:00:00.000Z');
    // The night daylight saving ends (5 April 2026, 03:00 AEDT → 02:00 AEST).
    assert.equal(nextMidnight(new Date('2026-04-04T15:00:00Z'), 'Australia/Melbourne').toISOString(), '2026-04-05T14:00:00.000Z');
  });
});
