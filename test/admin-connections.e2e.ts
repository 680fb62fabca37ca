/**
 * The admin page in a real headless Chromium (2 of 2): connections. A BigCommerce connection
 * authorized in the OAuth popup against the fake BigCommerce, synced, its checkpoint moved, its
 * transactions and per-day chart; an AroFlo connection with its credentials form generated from
 * the connector's credentialsSchema, synced against the fake AroFlo, its records.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ok } from '../client/index.js';
import { AdminPageHarness, flow, AROFLO_USERS, BIGCOMMERCE_ORDERS } from './support/admin-page.js';

describe('admin page: connections (headless Chromium)', () => {
  let admin: AdminPageHarness;
  before(async () => {
    admin = await AdminPageHarness.start();
  });
  after(() => admin?.stop());

  flow(() => admin, 'creates a BigCommerce connection with settings, authorizes it in the OAuth popup, enables it, syncs it against the fake BigCommerce and browses its transactions and per-day chart', async () => {
    const page = await admin.open();
    await admin.signIn(page);
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('heading', { name: 'Connections' }).waitFor();
    await page.getByLabel('Connector *').selectOption('BIGCOMMERCE');
    await page.getByLabel('Name *').fill('Acme store');
    await page.getByLabel('Tenant (UUID)').fill(randomUUID());
    const pageSize = page.locator('#nc-setting-page_size');
    assert.equal(await pageSize.inputValue(), '250', 'the settings form starts from the schema defaults');
    await pageSize.fill('20');
    await admin.shot(page, '08-connection-create');
    assert.deepEqual(await admin.unlabelledControls(page), [], 'every control of the connections page has a label');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('heading', { name: /Acme store/ }).waitFor();

    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Authorize at BigCommerce' }).click()]);
    await page.locator('.facts', { hasText: 'Authorized' }).locator('.badge-yes').first().waitFor({ timeout: 15_000 }).catch(async (error) => {
      await admin.shot(page, 'failure-authorize');
      if (!popup.isClosed()) await popup.screenshot({ path: join(admin.shots, 'failure-popup.png') });
      throw new Error(`${(error as Error).message}; popup at ${popup.isClosed() ? 'closed' : popup.url()}`);
    });
    await popup.waitForEvent('close', { timeout: 5_000 }).catch(() => undefined);
    // The callback page's postMessage reached this page (without it the page reads the connection and says so differently).
    assert.equal(await page.locator('#access-title ~ p[aria-live]').innerText(), 'Authorized.');
    await page.getByLabel('Start date').fill('2023-12-31');
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('button', { name: 'Disable' }).waitFor();
    await page.getByRole('button', { name: 'Sync now' }).click();
    // Enabling makes it due, so the scheduler may have queued a run already: the page follows it.
    await page.locator('article.run-succeeded').first().waitFor({ timeout: 60_000 }).catch(async (error) => {
      await admin.shot(page, 'failure-sync');
      throw error;
    });
    for (const deadline = Date.now() + 60_000; (await page.locator('article.run-queued, article.run-running').count()) > 0; ) {
      assert.ok(Date.now() < deadline, 'a run is still active after 60 s');
      await page.waitForTimeout(250);
    }
    const run = page.locator('article.run-succeeded').last();
    assert.equal(await run.locator('tr[data-stream="orders"] [data-fetched]').innerText(), String(BIGCOMMERCE_ORDERS));
    await admin.shot(page, '09-connection-synced');

    await page.getByRole('link', { name: 'Streams' }).click();
    const orders = page.getByRole('region', { name: 'Streams' }).locator('tr[data-stream="orders"]');
    await orders.waitFor().catch(async (error) => {
      await admin.shot(page, 'failure-streams');
      throw error;
    });
    assert.notEqual(await orders.locator('[data-synced-through]').innerText(), '—');
    await orders.getByLabel('Move the checkpoint of orders to').fill('2024-01-01T00:00:10');
    await orders.getByRole('button', { name: 'Move the checkpoint of orders' }).click();
    await page.locator('tr[data-stream="orders"] [data-synced-through]', { hasText: '2024-01-01 00:00:10Z' }).waitFor();
    await admin.shot(page, '10-streams');
    assert.deepEqual(await admin.unlabelledControls(page), [], 'every control of the streams tab has a label');

    await page.getByRole('link', { name: 'Transactions' }).click();
    await page.locator('#sum-from').fill('2023-12-31');
    await page.locator('#sum-to').fill('2024-03-31');
    await page.locator('figure.chart svg rect.bar-total').first().waitFor();
    assert.match(await page.locator('.pager').innerText(), /in all/);
    await page.locator('#tf-type').selectOption('sale');
    await page.locator('.pager', { hasText: `${BIGCOMMERCE_ORDERS} in all` }).waitFor();
    await page.locator('tbody button.link').first().click();
    await page.locator('.transaction table').first().waitFor();
    assert.match(await page.locator('.transaction').innerText(), /Lines/);
    await admin.shot(page, '11-transactions');
    assert.deepEqual(await admin.unlabelledControls(page), [], 'every control of the transactions tab has a label');
    await page.context().close();
  });

  flow(() => admin, 'creates an AroFlo connection with settings, puts its credentials (a refused one shows AroFlo’s message), enables it, syncs it against the fake AroFlo and browses its records', async () => {
    const page = await admin.open();
    await admin.signIn(page);
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByLabel('Connector *').selectOption('AROFLO');
    await page.getByLabel('Name *').fill('AroFlo – Sydney branch');
    await page.getByLabel('Tenant (UUID)').fill(randomUUID());
    const pageSize = page.locator('#nc-setting-max_records_per_page');
    assert.equal(await pageSize.inputValue(), '100', 'the settings form starts from the schema defaults');
    await pageSize.fill('10');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('heading', { name: /AroFlo – Sydney branch/ }).waitFor();

    // The form is the connector's credentialsSchema, field for field.
    const api = admin.api();
    const catalog = (await ok(api.GET('/connectors'))).content as unknown as Array<{ id: string; credentialsSchema: { properties: Record<string, unknown> } }>;
    const schema = catalog.find((c) => c.id === 'AROFLO')!.credentialsSchema;
    const form = page.getByRole('form', { name: 'Credentials' });
    const fields = (await Promise.all((await form.locator('input').all()).map((input) => input.getAttribute('id')))).map((id) => id?.replace(/^cred-/, ''));
    assert.deepEqual(fields, Object.keys(schema.properties));
    const fill = async (credentials: Record<string, string>) => {
      for (const [name, value] of Object.entries(credentials)) await form.locator(`#cred-${name}`).fill(value);
      await form.getByRole('button', { name: 'Save credentials' }).click();
    };
    await fill(admin.aroflo.credentials({ secretKey: 'bm90LXRoZS1zZWNyZXQ=' }));
    const refused = form.getByRole('alert');
    await refused.waitFor();
    assert.match(await refused.innerText(), /400 · CONNECTION\.CREDENTIALS_REFUSED[\s\S]*Signature mismatch[\s\S]*traceId: [0-9a-f-]{8,}/);
    await admin.shot(page, '12-credentials-refused');
    await fill(admin.aroflo.credentials());
    await page.getByText('Credentials saved.').waitFor();

    await page.getByLabel('Start date').fill(new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('button', { name: 'Disable' }).waitFor();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.locator('article.run-succeeded').first().waitFor({ timeout: 90_000 });
    for (const deadline = Date.now() + 90_000; (await page.locator('article.run-queued, article.run-running').count()) > 0; ) {
      assert.ok(Date.now() < deadline, 'a run is still active after 90 s');
      await page.waitForTimeout(250);
    }
    const run = page.locator('article.run-succeeded').last();
    assert.equal(await run.locator('tr[data-stream="users"] [data-fetched]').innerText(), String(AROFLO_USERS));
    await admin.shot(page, '13-aroflo-synced');
    assert.deepEqual(await admin.unlabelledControls(page), [], 'every control of the overview (credentials, schedule, syncs) has a label');

    await page.getByRole('link', { name: 'Records' }).click();
    await page.locator('#record-stream').selectOption('users');
    await page.locator('.pager', { hasText: `${AROFLO_USERS} in all` }).waitFor();
    await page.locator('tr[data-record] summary').first().click();
    assert.match(await page.locator('tr[data-record] pre').first().innerText(), /\{[\s\S]+\}/);
    await admin.shot(page, '14-aroflo-records');
    await page.context().close();
  });

  it('reported no script error or CSP violation', () => {
    assert.deepEqual(admin.errors, []);
  });
});
