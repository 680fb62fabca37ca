import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FakeAroFlo } from '../../../test/support/fake-aroflo.js';
import type { AroFloSettings } from './aroflo.connector.js';
import { HostHttpClient, HostHttpError } from '../host-http-client.js';
import { loadConfig } from '../../config/app-config.js';
import { AROFLO_LOOKBACK_MINUTES, aroFloCredentials, aroFloWindow, normalize, readAroFlo, type AroFloPlug } from './aroflo.readers.js';

const KEY = 'aroflo-api-key-secret';
const SETTINGS: AroFloSettings = {
  sync_frequency_hours: 4,
  initial_sync_days: 90,
  max_records_per_page: 25,
  request_timeout_seconds: 2,
  retry_attempts: 4,
  enable_users_sync: true,
  enable_suppliers_sync: true,
  enable_payments_sync: true,
  enable_incremental_sync: true,
  enable_debug_logging: false,
};

describe('AroFlo readers against a fake AroFlo', () => {
  let aroflo: FakeAroFlo;
  before(async () => {
    aroflo = await FakeAroFlo.start({ apiKey: KEY, records: 240 });
  });
  after(() => aroflo?.stop());

  const context = (settings: Partial<AroFloSettings> = {}, apiKey = KEY) => {
    const merged = { ...SETTINGS, ...settings };
    return {
      http: new HostHttpClient({ retries: merged.retry_attempts, timeoutMs: merged.request_timeout_seconds * 1000, baseDelayMs: 5 }),
      credentials: { apiUrl: aroflo.url, apiKey },
      settings: merged,
    };
  };
  const window = { since: new Date('2023-12-31T00:00:00Z'), until: new Date('2024-02-01T00:00:00Z') };

  async function readAll(plug: AroFloPlug, settings: Partial<AroFloSettings> = {}) {
    const records: Array<Record<string, unknown>> = [];
    for await (const page of readAroFlo(plug, context(settings), window)) records.push(...page.records);
    return records;
  }

  it('reads every record of each plug exactly once through 500s and dropped connections, flattened and in UTC', async () => {
    aroflo.injectFaults(5);
    try {
      for (const plug of ['users', 'suppliers', 'payments'] as const) {
        const records = await readAll(plug);
        const ids = records.map((r) => r.id);
        assert.equal(new Set(ids).size, 240, `${plug}: ${ids.length} read, ${new Set(ids).size} distinct`);
        assert.equal(ids.length, 240);
      }
    } finally {
      aroflo.injectFaults(0);
    }
    const [user] = await readAll('users');
    assert.equal(user.contact_email, 'user1@example.com', 'nested objects are flattened');
    assert.equal(user.contact, undefined);
    assert.equal(user.updated_at, aroflo.updatedAt(1).toISOString(), 'timestamps are converted to UTC');
  });

  it('honours each enable_*_sync option: a disabled plug sends no request', async () => {
    const before = aroflo.requests.filter((path) => path === '/suppliers').length;
    assert.deepEqual(await readAll('suppliers', { enable_suppliers_sync: false }), []);
    assert.equal(aroflo.requests.filter((path) => path === '/suppliers').length, before);
  });

  it('uses max_records_per_page as the page size', async () => {
    const pages: number[] = [];
    for await (const page of readAroFlo('payments', context({ max_records_per_page: 100 }), window)) pages.push(page.records.length);
    // Each request asks for 100; a page can hold fewer because the records of the instant a page ends on
    // are left for the next request, which starts at that instant: ties there may be cut anywhere.
    assert.ok(pages.every((size) => size > 0 && size <= 100), JSON.stringify(pages));
    assert.equal(pages.reduce((sum, size) => sum + size, 0), 240);
    assert.equal(pages.length, 3);
  });

  it('fails without retrying when the API key is refused', async () => {
    await assert.rejects(
      (async () => {
        for await (const _ of readAroFlo('users', context({}, 'wrong-key'), window)) void _;
      })(),
      (error: unknown) => error instanceof HostHttpError && error.status === 401 && error.attempts === 1,
    );
  });
});

describe('aroFloCredentials', () => {
  it('takes the base URL from AROFLO_API_URL', () => {
    const config = loadConfig({ NODE_ENV: 'test', AROFLO_API_URL: 'http://127.0.0.1:9/api/', ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}`, AVALARA_TO_EXTRACTOR_TOKEN: 'x'.repeat(20) });
    assert.deepEqual(aroFloCredentials(config, 'key'), { apiUrl: 'http://127.0.0.1:9/api', apiKey: 'key' });
  });
});

describe('aroFloWindow', () => {
  const now = new Date('2024-06-01T12:00:00Z');
  it('reads initial_sync_days of history on the first sync, then from the last sync minus the lookback', () => {
    assert.equal(aroFloWindow(SETTINGS, null, now).since.toISOString(), '2024-03-03T12:00:00.000Z');
    const last = new Date('2024-06-01T08:00:00Z');
    assert.equal(aroFloWindow(SETTINGS, last, now).since.getTime(), last.getTime() - AROFLO_LOOKBACK_MINUTES * 60_000);
    assert.equal(aroFloWindow({ ...SETTINGS, enable_incremental_sync: false }, last, now).since.toISOString(), '2024-03-03T12:00:00.000Z');
    assert.equal(aroFloWindow(SETTINGS, last, now).until.getTime(), now.getTime());
  });
});

describe('normalize', () => {
  it('flattens nested objects and converts offset timestamps to UTC, leaving other values alone', () => {
    assert.deepEqual(normalize({ id: 'x', when: '2024-01-01T10:00:00+10:00', invoice: { id: 'i', lines: [1, 2] }, note: 'plain' }), {
      id: 'x',
      when: '2024-01-01T00:00:00.000Z',
      invoice_id: 'i',
      invoice_lines: [1, 2],
      note: 'plain',
    });
  });
});
