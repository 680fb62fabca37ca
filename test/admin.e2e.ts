/**
 * The admin page in a real headless Chromium: sign-in with the development token, configs with
 * a sensitive value (masked, edited, diffed, restored), a 409 between two tabs, an AroFlo
 * connection synced against the fake AroFlo, phone width, keyboard use and the strict CSP.
 * Screenshots of each step go to SCREENSHOTS_DIR (docs/screenshots refreshes the README's).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createClient, ok } from '../client/index.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DESKTOP, ensureAdminBuilt, ForwardingPort, launchBrowser, newContext, PHONE, watchPageErrors } from './support/browser.js';
import { fastExtraction } from './support/extraction.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { FakeAroFlo } from './support/fake-aroflo.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { expectProblem } from './support/http.js';
import { TENANT_A } from './support/tenant-config.fixtures.js';

const ORDERS = 60;
const STORE = 'acme42';
const AROFLO_USERS = 25;
const SHOTS = resolve(process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'connector-hub-screenshots-')));

describe('admin page (headless Chromium)', () => {
  let app: TestApp;
  let bigcommerce: FakeBigCommerce;
  let front: ForwardingPort;
  let aroflo: FakeAroFlo;
  let browser: Browser;
  let token: string;
  const errors: string[] = [];
  const openPages = new Set<Page>();

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureAdminBuilt();
    const data = new BigCommerceStoreData({ orders: ORDERS, ordersPerSecond: 1, refunds: 'some', seed: 11 });
    bigcommerce = await FakeBigCommerce.start({ storeHash: STORE, accessToken: 'bc-admin-token-0001', orders: ORDERS, ordersPerSecond: 1, data, clientId: 'bc-client', clientSecret: 'bc-secret' });
    // The browser reaches the service through a port known before it starts (PUBLIC_BASE_URL: OAuth redirect, popup origin).
    front = await ForwardingPort.start();
    aroflo = await FakeAroFlo.start({ invoices: 20, users: AROFLO_USERS, suppliers: 10, payments: 10, historyDays: 100 });
    // Development mode without a configured service token: the service generates and prints one.
    app = await startTestApp(
      {
        NODE_ENV: 'development',
        AVALARA_TO_EXTRACTOR_TOKEN: undefined,
        PROCESS_ROLE: 'all',
        PUBLIC_BASE_URL: front.url,
        BIGCOMMERCE_CLIENT_ID: 'bc-client',
        BIGCOMMERCE_CLIENT_SECRET: 'bc-secret',
        BIGCOMMERCE_AUTH_URL: bigcommerce.url,
        BIGCOMMERCE_API_URL: bigcommerce.url,
        AROFLO_API_URL: aroflo.url,
      },
      { configure: fastExtraction },
    );
    front.forwardTo(Number(new URL(app.baseUrl).port));
    token = app.config.auth.generatedToken!;
    assert.ok(token, 'development mode generates a token');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await front?.stop();
    await bigcommerce?.stop();
    await aroflo?.stop();
  });

  async function open(viewport: { width: number; height: number } = DESKTOP, hash = ''): Promise<Page> {
    const context = await newContext(browser, viewport);
    // Other test files and benchmarks share this machine's two cores: generous waits.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    openPages.add(page);
    page.on('close', () => openPages.delete(page));
    errors.push(...watchPageErrors(page));
    await page.goto(`${front.url}/admin${hash}`);
    await page.waitForSelector('html[data-ready]');
    return page;
  }

  async function signIn(page: Page): Promise<void> {
    await page.getByLabel('Bearer token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  /** A browser test: on failure, what every open page showed is kept in SCREENSHOTS_DIR (failure-*.png). */
  function flow(name: string, body: () => Promise<void>): void {
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        let n = 0;
        for (const page of openPages) await shot(page, `failure-${name.slice(0, 24).replace(/\W+/g, '-')}-${++n}`).catch(() => undefined);
        console.error(`screenshots of the failure: ${SHOTS}`);
        throw error;
      }
    });
  }

  it('is served from the service with a strict CSP, brotli assets, and stays out of the API document', async () => {
    const response = await app.request('/admin', { headers: { 'accept-encoding': 'br' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    const html = await response.text();
    assert.doesNotMatch(html, /<script>|<script [^>]*>[^<]+<\/script>|style=/, 'no inline script or style');
    const script = /src="(admin\/assets\/main-[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script);
    const asset = await fetch(`${app.baseUrl}/${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('content-encoding'), 'br');
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    await expectProblem(await app.request('/admin/assets/nothing-here.js'), 404);
    const document = (await (await app.request('/docs-json')).json()) as { paths: Record<string, unknown> };
    assert.deepEqual(Object.keys(document.paths).filter((p) => p.startsWith('/admin')), []);
  });

  flow('signs in with the development token (a wrong one shows the problem detail and traceId), by keyboard, with visible focus', async () => {
    const page = await open();
    await shot(page, '01-sign-in');
    await page.keyboard.press('Tab'); // skip link is not there before sign-in: the token field comes first
    const focused = await page.evaluate('document.activeElement?.id');
    assert.equal(focused, 'token');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    assert.equal(outline, 'solid', 'the focused field shows a focus ring');
    await page.keyboard.type('not-the-token-0000000000');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Unauthorized[\s\S]*401[\s\S]*traceId: [0-9a-f-]{8,}/i);
    await shot(page, '02-sign-in-error');
    await page.getByLabel('Bearer token').fill(token);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tenant integrations' }).waitFor();
    assert.equal(await page.locator('.who').innerText(), 'avalara_to_extractor');
    const stored = await page.evaluate('Object.keys(sessionStorage)');
    assert.deepEqual(stored, ['connector-hub.admin.token']);
    assert.deepEqual(await page.context().cookies(), [], 'no cookie holds the token');
    await page.context().close();
  });

  flow('creates an integration and a sensitive config, shows it masked, edits it, diffs the versions and restores one', async () => {
    const page = await open();
    await signIn(page);
    await page.getByText('New integration').click();
    await page.getByLabel('Name *').fill('Acme BigCommerce to O Series');
    await page.getByLabel('Tenant (UUID) *').fill(TENANT_A);
    await page.getByLabel('Tenant name', { exact: true }).fill('Acme (North America)');
    await page.getByLabel('Connector *').selectOption('BIGCOMMERCE_OSERIES');
    await page.getByRole('button', { name: 'Create integration' }).click();
    await page.getByRole('heading', { name: 'Acme BigCommerce to O Series' }).waitFor();
    assert.match(await page.getByTestId('update-in-progress').innerText(), /no/);
    assert.match(await page.getByRole('region', { name: 'Install steps' }).innerText(), /No install steps/);

    await page.getByText('New config').click();
    await page.locator('#nc-group').fill('oseries');
    await page.locator('#nc-name').fill('apiPassword');
    await page.locator('#nc-label').fill('O Series password');
    await page.locator('#nc-value').fill('s3cret-one');
    await page.getByLabel('Sensitive (encrypted, shown masked)').check();
    await page.getByRole('button', { name: 'Create config' }).click();
    const row = page.locator('tr[data-config="apiPassword"]');
    await row.waitFor();
    assert.equal(await row.locator('[data-value]').innerText(), '********');
    assert.equal(await page.content().then((html) => html.includes('s3cret-one')), false, 'the value never reaches the page unrevealed');
    await shot(page, '03-config-masked');

    await page.getByRole('button', { name: 'Edit apiPassword' }).click();
    assert.equal(await page.locator('#ec-value').inputValue(), '', 'the masked value is not put into the form');
    await page.locator('#ec-value').fill('s3cret-two');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('tr[data-config="apiPassword"] td:nth-child(5)', { hasText: '1' }).waitFor();

    await page.getByLabel('Reveal sensitive values').check();
    await page.locator('tr[data-config="apiPassword"] [data-value]', { hasText: 's3cret-two' }).waitFor();
    await page.getByRole('button', { name: 'History of apiPassword' }).click();
    const history = page.getByRole('region', { name: /History of/ });
    await history.locator('tr[data-version="1"]').waitFor();
    const diff = history.locator('table.diff');
    assert.match(await diff.innerText(), /value\s+s3cret-one\s+s3cret-two/);
    await shot(page, '04-config-history-diff');

    await history.getByRole('button', { name: 'Restore version 0' }).click();
    await history.locator('tr[data-version="2"]').waitFor();
    assert.match(await history.locator('tr[data-version="2"]').innerText(), /restore/);
    await page.locator('tr[data-config="apiPassword"] [data-value]', { hasText: 's3cret-one' }).waitFor();
    await shot(page, '05-config-restored');

    // What the page showed is what is stored.
    const api = createClient({ baseUrl: app.baseUrl, token });
    const integrations = await ok(api.GET('/tenantintegrations', { params: { query: { pageSize: 100 } } }));
    const integration = integrations.content.find((i) => i.name === 'Acme BigCommerce to O Series')!;
    const configs = await ok(api.GET('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integration.id }, query: { reveal: true } } }));
    assert.deepEqual(configs.content.map((c) => [c.name, c.value, c.version, c.sensitive]), [['apiPassword', 's3cret-one', 2, true]]);
    await page.context().close();
  });

  flow('a 409 between two tabs shows what changed meanwhile and reapplies the edit', async () => {
    const api = createClient({ baseUrl: app.baseUrl, token });
    const integration = await ok(api.POST('/tenantintegrations', { body: { name: 'Conflict demo', tenant: TENANT_A, connector: 'SAPTAX_OSERIES' } }));
    await ok(api.POST('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integration.id } }, body: { group: 'sync', name: 'batchSize', label: 'Batch size', value: '100' } }));
    const [first, second] = [await open(DESKTOP, `#/integrations/${integration.id}`), await open(DESKTOP, `#/integrations/${integration.id}`)];
    for (const page of [first, second]) {
      await signIn(page);
      await page.getByRole('button', { name: 'Edit batchSize' }).click();
    }
    await first.locator('#ec-value').fill('250');
    await first.getByRole('button', { name: 'Save' }).click();
    await first.locator('tr[data-config="batchSize"] [data-value]', { hasText: '250' }).waitFor();

    await second.locator('#ec-value').fill('500');
    await second.locator('#ec-label').fill('Batch size (items)');
    await second.getByRole('button', { name: 'Save' }).click();
    const conflict = second.locator('.conflict');
    await conflict.waitFor();
    const text = await conflict.innerText();
    assert.match(text, /saved version 1 .* while you were editing version 0/);
    assert.match(text, /value\s+100\s+250/, 'what changed meanwhile');
    assert.match(text, /value\s+250\s+500/, 'the edit against the current version');
    await shot(second, '06-conflict');
    await second.getByRole('button', { name: 'Reapply my edit on version 1' }).click();
    await second.locator('tr[data-config="batchSize"] [data-value]', { hasText: '500' }).waitFor();
    await shot(second, '07-conflict-resolved');
    const stored = await ok(api.GET('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integration.id } } }));
    assert.deepEqual(stored.content.map((c) => [c.value, c.label, c.version]), [['500', 'Batch size (items)', 2]]);
    await first.context().close();
    await second.context().close();
  });

  flow('creates a BigCommerce connection with settings, authorizes it in the OAuth popup, enables it, syncs it against the fake BigCommerce and browses its transactions and per-day chart', async () => {
    const page = await open();
    await signIn(page);
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('heading', { name: 'Connections' }).waitFor();
    await page.getByLabel('Connector *').selectOption('BIGCOMMERCE');
    await page.getByLabel('Name *').fill('Acme store');
    await page.getByLabel('Tenant (UUID)').fill(randomUUID());
    const pageSize = page.locator('#nc-setting-page_size');
    assert.equal(await pageSize.inputValue(), '250', 'the settings form starts from the schema defaults');
    await pageSize.fill('20');
    await shot(page, '08-connection-create');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('heading', { name: /Acme store/ }).waitFor();

    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Authorize at BigCommerce' }).click()]);
    await page.locator('.facts', { hasText: 'Authorized' }).locator('.badge-yes').first().waitFor({ timeout: 15_000 }).catch(async (error) => {
      await shot(page, 'failure-authorize');
      if (!popup.isClosed()) await popup.screenshot({ path: join(SHOTS, 'failure-popup.png') });
      throw new Error(`${(error as Error).message}; popup at ${popup.isClosed() ? 'closed' : popup.url()}`);
    });
    await popup.waitForEvent('close', { timeout: 5_000 }).catch(() => undefined);
    assert.match(await page.locator('#access-title ~ p[aria-live]').innerText(), /Authorized|the connection is authorized/);
    await page.getByLabel('Start date').fill('2023-12-31');
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('button', { name: 'Disable' }).waitFor();
    await page.getByRole('button', { name: 'Sync now' }).click();
    // Enabling makes it due, so the scheduler may have queued a run already: the page follows it.
    await page.locator('article.run-succeeded').first().waitFor({ timeout: 60_000 }).catch(async (error) => {
      await shot(page, 'failure-sync');
      throw error;
    });
    for (const deadline = Date.now() + 60_000; (await page.locator('article.run-queued, article.run-running').count()) > 0; ) {
      assert.ok(Date.now() < deadline, 'a run is still active after 60 s');
      await page.waitForTimeout(250);
    }
    const run = page.locator('article.run-succeeded').last();
    assert.equal(await run.locator('tr[data-stream="orders"] [data-fetched]').innerText(), String(ORDERS));
    await shot(page, '09-connection-synced');

    await page.getByRole('link', { name: 'Streams' }).click();
    const orders = page.getByRole('region', { name: 'Streams' }).locator('tr[data-stream="orders"]');
    await orders.waitFor().catch(async (error) => {
      await shot(page, 'failure-streams');
      throw error;
    });
    assert.notEqual(await orders.locator('[data-synced-through]').innerText(), '—');
    await orders.getByLabel('Move the checkpoint of orders to').fill('2024-01-01T00:00:10');
    await orders.getByRole('button', { name: 'Move the checkpoint of orders' }).click();
    await page.locator('tr[data-stream="orders"] [data-synced-through]', { hasText: '2024-01-01 00:00:10Z' }).waitFor();
    await shot(page, '10-streams');

    await page.getByRole('link', { name: 'Transactions' }).click();
    await page.locator('#sum-from').fill('2023-12-31');
    await page.locator('#sum-to').fill('2024-03-31');
    await page.locator('figure.chart svg rect.bar-total').first().waitFor();
    assert.match(await page.locator('.pager').innerText(), /in all/);
    await page.locator('#tf-type').selectOption('sale');
    await page.locator('.pager', { hasText: `${ORDERS} in all` }).waitFor();
    await page.locator('tbody button.link').first().click();
    await page.locator('.transaction table').first().waitFor();
    assert.match(await page.locator('.transaction').innerText(), /Lines/);
    await shot(page, '11-transactions');
    await page.context().close();
  });

  flow('creates an AroFlo connection with settings, puts its credentials (a refused one shows AroFlo’s message), enables it, syncs it against the fake AroFlo and browses its records', async () => {
    const page = await open();
    await signIn(page);
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
    const api = createClient({ baseUrl: app.baseUrl, token });
    const catalog = (await ok(api.GET('/connectors'))).content as unknown as Array<{ id: string; credentialsSchema: { properties: Record<string, unknown> } }>;
    const schema = catalog.find((c) => c.id === 'AROFLO')!.credentialsSchema;
    const form = page.getByRole('form', { name: 'Credentials' });
    const fields = (await Promise.all((await form.locator('input').all()).map((input) => input.getAttribute('id')))).map((id) => id?.replace(/^cred-/, ''));
    assert.deepEqual(fields, Object.keys(schema.properties));
    const fill = async (credentials: Record<string, string>) => {
      for (const [name, value] of Object.entries(credentials)) await form.locator(`#cred-${name}`).fill(value);
      await form.getByRole('button', { name: 'Save credentials' }).click();
    };
    await fill(aroflo.credentials({ secretKey: 'bm90LXRoZS1zZWNyZXQ=' }));
    const refused = form.getByRole('alert');
    await refused.waitFor();
    assert.match(await refused.innerText(), /400 · CONNECTION\.CREDENTIALS_REFUSED[\s\S]*Signature mismatch[\s\S]*traceId: [0-9a-f-]{8,}/);
    await shot(page, '12-credentials-refused');
    await fill(aroflo.credentials());
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
    await shot(page, '13-aroflo-synced');

    await page.getByRole('link', { name: 'Records' }).click();
    await page.locator('#record-stream').selectOption('users');
    await page.locator('.pager', { hasText: `${AROFLO_USERS} in all` }).waitFor();
    await page.locator('tr[data-record] summary').first().click();
    assert.match(await page.locator('tr[data-record] pre').first().innerText(), /\{[\s\S]+\}/);
    await shot(page, '14-aroflo-records');
    await page.context().close();
  });

  flow('is usable at phone width: no sideways scrolling of the page, navigation reachable', async () => {
    const page = await open(PHONE);
    await signIn(page);
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.locator('tbody tr').first().waitFor();
    // Against the phone's width itself: a mobile browser widens its layout viewport to content that overflows.
    for (const section of ['#/integrations', '#/connections']) {
      await page.goto(`${front.url}/admin${section}`);
      await page.locator('tbody tr').first().waitFor();
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(width <= PHONE.width, `${section} is ${width}px wide on a ${PHONE.width}px phone`);
    }
    await shot(page, '15-phone-connections');
    await page.context().close();
  });

  it('reported no script error or CSP violation', () => {
    assert.deepEqual(errors, []);
  });
});
