import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { apiKeyConnection, fastExtraction, getJson, streamOf, triggerSync, waitForFinishedRuns, waitForRun } from './support/extraction.js';
import { FakeAroFlo } from './support/fake-aroflo.js';

const API_KEY = 'aroflo-key-0123456789';
const RECORDS = 230;

describe('Extraction of AroFlo reference streams (worker in the test process)', () => {
  let app: TestApp;
  let aroflo: FakeAroFlo;
  const tenant = randomUUID();

  before(async () => {
    aroflo = await FakeAroFlo.start({ apiKey: API_KEY, records: RECORDS });
    app = await startTestApp({ PROCESS_ROLE: 'all', AROFLO_API_URL: aroflo.url }, { configure: fastExtraction });
  });
  after(async () => {
    await app?.close();
    await aroflo?.stop();
  });

  it('reads every record of every stream once; a second sync writes nothing; the status shows the run', async () => {
    const id = await apiKeyConnection(app, { connector: 'AROFLO', tenant, apiKey: API_KEY, startDate: '2024-01-01', settings: { max_records_per_page: 50 } });
    // Enabling makes the connection due at once: the scheduler queues the first run by itself.
    const [first] = await waitForFinishedRuns(app, id, 1);
    assert.equal(first.trigger, 'scheduled');
    assert.equal(first.status, 'succeeded', JSON.stringify(first));
    for (const stream of ['users', 'suppliers', 'payments']) {
      const { status, fetched, inserted, updated, unchanged, failed, syncedThrough } = streamOf(first, stream);
      assert.deepEqual({ status, fetched, inserted, updated, unchanged, failed }, { status: 'succeeded', fetched: RECORDS, inserted: RECORDS, updated: 0, unchanged: 0, failed: 0 });
      assert.ok(syncedThrough);
    }
    const stored = await app.query<{ stream: string; n: string }>(`SELECT stream, count(*) AS n FROM extracted_records GROUP BY stream ORDER BY stream`);
    assert.deepEqual(stored, [{ stream: 'payments', n: String(RECORDS) }, { stream: 'suppliers', n: String(RECORDS) }, { stream: 'users', n: String(RECORDS) }]);

    const second = await waitForRun(app, id, (await triggerSync(app, id)).id);
    assert.equal(second.status, 'succeeded');
    // The second read starts at the checkpoint minus the lookback: whatever it re-reads is unchanged.
    for (const stream of ['users', 'suppliers', 'payments']) {
      const counts = streamOf(second, stream);
      assert.equal(counts.inserted + counts.updated, 0, JSON.stringify(counts));
      assert.equal(counts.unchanged, counts.fetched);
    }
    const revisions = await app.query<{ max: number }>(`SELECT max(revision) AS max FROM extracted_records`);
    assert.equal(revisions[0].max, 1);

    const records = await getJson(app, `/connections/${id}/records?stream=users&pageSize=5&pageSort=externalId,ASC`);
    assert.equal(records.page.totalElements, RECORDS);
    const pastTheEnd = await getJson(app, `/connections/${id}/records?stream=users&pageNumber=500`);
    assert.deepEqual([pastTheEnd.content.length, pastTheEnd.page.totalElements], [0, RECORDS], 'a page past the end still counts');
    assert.equal(records.content[0].data.contact_email, `user${records.content[0].externalId.slice(1)}@example.com`);

    const status = await getJson(app, `/connections/${id}/status`);
    assert.equal(status.status, 'ready');
    assert.equal(status.lastRun.id, second.id);
    assert.ok(status.lastSyncAt);

    const streams = await getJson(app, `/connections/${id}/streams`);
    assert.deepEqual(streams.map((s: { stream: string; records: number }) => [s.stream, s.records]), [['users', RECORDS], ['suppliers', RECORDS], ['payments', RECORDS]]);
    assert.ok(streams.every((s: { syncedThrough: string | null }) => s.syncedThrough !== null));
  });

  it('a refused API key (401, and 401 again after renewal) fails the run with AUTH_ERROR and stops scheduling', async () => {
    const id = await apiKeyConnection(app, { connector: 'AROFLO', tenant, apiKey: 'not-the-key-000000', startDate: '2024-01-01' });
    const [run] = await waitForFinishedRuns(app, id, 1);
    assert.equal(run.status, 'failed');
    assert.equal(run.error?.code, 'AUTH_ERROR');
    assert.equal(run.attempt, 1, 'an authorization failure is not retried');
    const connection = await getJson(app, `/connections/${id}`);
    assert.equal(connection.status, 'auth_error');
    // Make it due again: the scheduler must still leave it alone.
    await app.query(`UPDATE connections SET next_sync_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    await sleep(1500);
    const runs = await getJson(app, `/connections/${id}/syncs`);
    assert.equal(runs.page.totalElements, 1);
    const manual = await app.request(`/connections/${id}/syncs`, { method: 'POST', token: SERVICE_TOKEN, json: {} });
    assert.equal(manual.status, 409);
    assert.equal(((await manual.json()) as { code: string }).code, 'SYNC.NOT_AUTHORIZED');
  });
});
