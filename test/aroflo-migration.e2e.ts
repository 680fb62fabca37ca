import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { AroFloSignedApi1795400000000 } from '../migrations/1795400000000-AroFloSignedApi.js';
import { AroFloInvoicesPlug1795400500000 } from '../migrations/1795400500000-AroFloInvoicesPlug.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { bigCommerceConnection, getJson } from './support/extraction.js';
import { FakeAroFlo } from './support/fake-aroflo.js';

describe('Migration AroFloSignedApi: AroFlo connections authorized with an apiKey', () => {
  let app: TestApp;
  let aroflo: FakeAroFlo;
  const tenant = randomUUID();

  before(async () => {
    aroflo = await FakeAroFlo.start({ invoices: 3, users: 1, suppliers: 1, payments: 1, perSecond: 1000, perMinute: 100_000 });
    app = await startTestApp({ AROFLO_API_URL: aroflo.url });
  });
  after(async () => {
    await app?.close();
    await aroflo?.stop();
  });

  it('wait for the four AroFlo values, disabled, saying what to provide; other connections are left alone', async () => {
    const created = await app.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { connector: 'AROFLO', name: 'legacy', tenant } });
    const { id } = (await created.json()) as { id: string };
    const bigcommerce = await bigCommerceConnection(app, tenant);
    const bigcommerceBefore = await getJson(app, `/connections/${bigcommerce}`);

    // The database as the example connector left it: the migration undone, an enabled AroFlo connection with an API key.
    const migration = new AroFloSignedApi1795400000000();
    const invoicesPlug = new AroFloInvoicesPlug1795400500000();
    const runner = app.app.get(DataSource).createQueryRunner();
    try {
      await invoicesPlug.down(runner);
      await migration.down(runner);
      // The example connector's settings allowed 1,000 records a page.
      await runner.query(`UPDATE connections SET settings = settings || '{"max_records_per_page": 1000}'::jsonb WHERE id = $1`, [id]);
      await runner.query(
        `INSERT INTO connection_credentials (connection_id, kind, secret_encrypted, authorized_by) VALUES ($1, 'apiKey', 'v1:test1:legacy-ciphertext', 'ops@companyxyz.com')`,
        [id],
      );
      await runner.query(`UPDATE connections SET enabled = true, start_date = '2024-01-01', status = 'ready', next_sync_at = now() WHERE id = $1`, [id]);
      const [legacy] = await runner.query(`SELECT plugs, settings FROM connections WHERE id = $1`, [id]);
      assert.deepEqual(legacy.plugs.map((p: { name: string }) => p.name), ['users', 'suppliers', 'payments']);
      assert.equal(legacy.settings.currency, undefined);
      await migration.up(runner);
      await invoicesPlug.up(runner);
    } finally {
      await runner.release();
    }

    const migrated = await getJson(app, `/connections/${id}`);
    assert.deepEqual([migrated.status, migrated.enabled, migrated.nextSyncAt, migrated.authorization.authorized], ['awaiting_authorization', false, null, false]);
    assert.match(migrated.statusDetail, /secret key, uEncoded, pEncoded and orgEncoded/);
    assert.match(migrated.statusDetail, /Site Administration → Settings → General → AroFlo API/);
    assert.equal(migrated.version, 1);
    assert.deepEqual(migrated.plugs[0], { name: 'invoices', direction: 'import', enabled: true }, 'invoices are read, as for a new connection');
    assert.deepEqual([migrated.settings.enable_invoices_sync, migrated.settings.currency, migrated.settings.max_records_per_page], [true, 'AUD', 500]);
    assert.equal(migrated.settings.initial_sync_days, 90, 'the other settings stay');
    assert.deepEqual(await getJson(app, `/connections/${bigcommerce}`), bigcommerceBefore, 'an OAuth connection is not touched');

    // A settings change validates again (1,000 a page would now be refused).
    const patched = await app.request(`/connections/${id}`, { method: 'PATCH', token: SERVICE_TOKEN, json: { settings: { retry_attempts: 5 } } });
    assert.equal(patched.status, 200, await patched.clone().text());

    // What the detail says to do works: the four values authorize it again.
    const put = await app.request(`/connections/${id}/credentials`, { method: 'PUT', token: SERVICE_TOKEN, json: aroflo.credentials() });
    assert.equal(put.status, 200, await put.clone().text());
    assert.equal(((await put.json()) as { status: string }).status, 'ready');
  });
});
