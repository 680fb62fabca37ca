/**
 * The admin page in a real headless Chromium (1 of 2): served with a strict CSP, sign-in with the
 * development token, configs with a sensitive value (masked, edited, diffed, restored), a 409
 * between two tabs, phone width, keyboard use. Screenshots of each step go to SCREENSHOTS_DIR
 * (`docs/screenshots` refreshes the README's). Connections: admin-connections.e2e.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ifMatch, ok } from '../client/index.js';
import { AdminPageHarness, flow } from './support/admin-page.js';
import { DESKTOP, PHONE } from './support/browser.js';
import { expectProblem } from './support/http.js';
import { TENANT_A } from './support/tenant-config.fixtures.js';

describe('admin page: sign-in, integrations and configs (headless Chromium)', () => {
  let admin: AdminPageHarness;
  before(async () => {
    admin = await AdminPageHarness.start();
  });
  after(() => admin?.stop());

  it('is served from the service with a strict CSP, brotli assets, and stays out of the API document', async () => {
    const response = await admin.app.request('/admin', { headers: { 'accept-encoding': 'br' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    const html = await response.text();
    assert.doesNotMatch(html, /<script>|<script [^>]*>[^<]+<\/script>|style=/, 'no inline script or style');
    const script = /src="(admin\/assets\/main-[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script);
    const asset = await fetch(`${admin.app.baseUrl}/${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('content-encoding'), 'br');
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    await expectProblem(await admin.app.request('/admin/assets/nothing-here.js'), 404);
    const document = (await (await admin.app.request('/docs-json')).json()) as { paths: Record<string, unknown> };
    assert.deepEqual(Object.keys(document.paths).filter((p) => p.startsWith('/admin')), []);
  });

  flow(() => admin, 'signs in with the development token (a wrong one shows the problem detail and traceId), by keyboard, with visible focus', async () => {
    const page = await admin.open();
    await admin.shot(page, '01-sign-in');
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
    await admin.shot(page, '02-sign-in-error');
    await page.getByLabel('Bearer token').fill(admin.token);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tenant integrations' }).waitFor();
    assert.equal(await page.locator('.who').innerText(), 'avalara_to_extractor');
    const stored = await page.evaluate('Object.keys(sessionStorage)');
    assert.deepEqual(stored, ['connector-hub.admin.token']);
    assert.deepEqual(await page.context().cookies(), [], 'no cookie holds the token');
    await page.context().close();
  });

  flow(() => admin, 'creates an integration and a sensitive config, shows it masked, edits it, diffs the versions and restores one', async () => {
    const page = await admin.open();
    await admin.signIn(page);
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
    await admin.shot(page, '03-config-masked');

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
    await admin.shot(page, '04-config-history-diff');
    assert.deepEqual(await admin.unlabelledControls(page), [], 'every control of the integration page (lists, editor, history, new config) has a label');

    await history.getByRole('button', { name: 'Restore version 0' }).click();
    await history.locator('tr[data-version="2"]').waitFor();
    assert.match(await history.locator('tr[data-version="2"]').innerText(), /restore/);
    await page.locator('tr[data-config="apiPassword"] [data-value]', { hasText: 's3cret-one' }).waitFor();
    await admin.shot(page, '05-config-restored');

    // What the page showed is what is stored.
    const api = admin.api();
    const integrations = await ok(api.GET('/tenantintegrations', { params: { query: { pageSize: 100 } } }));
    const integration = integrations.content.find((i) => i.name === 'Acme BigCommerce to O Series')!;
    const configs = await ok(api.GET('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integration.id }, query: { reveal: true } } }));
    assert.deepEqual(configs.content.map((c) => [c.name, c.value, c.version, c.sensitive]), [['apiPassword', 's3cret-one', 2, true]]);
    await page.context().close();
  });

  flow(() => admin, 'shows install steps and updateInProgress; a save refused while an update is in progress shows the problem detail and traceId', async () => {
    const api = admin.api();
    const integration = await ok(api.POST('/tenantintegrations', {
      body: {
        name: 'Install demo',
        tenant: TENANT_A,
        connector: 'ARIBA2_OSERIES',
        install: [
          { name: 'Ariba connection', description: 'Credentials of the Ariba realm', completed: true },
          { name: 'Tax code mapping', description: 'Map Ariba tax codes to O Series', completed: false },
        ],
      },
    }));
    const config = await ok(api.POST('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integration.id } }, body: { name: 'realm', value: 'acme-test' } }));
    await ok(api.PATCH('/tenantintegrations/{tenantintegration}', { params: { path: { tenantintegration: integration.id }, header: { 'If-Match': ifMatch(integration.version) } }, body: { updateInProgress: true } }));
    const page = await admin.open(DESKTOP, `#/integrations/${integration.id}`);
    await admin.signIn(page);
    const steps = page.getByRole('region', { name: 'Install steps' });
    await steps.locator('li').nth(1).waitFor();
    assert.deepEqual(await steps.locator('li .step-state').evaluateAll((states) => states.map((state) => state.getAttribute('aria-label'))), ['completed', 'not completed']);
    assert.match(await page.getByTestId('update-in-progress').innerText(), /yes/);
    assert.match(await page.locator('.facts').innerText(), /install/, 'an unfinished step means install mode');
    await page.getByRole('button', { name: 'Edit realm' }).click();
    await page.locator('#ec-value').fill('acme-prod');
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.locator('.editor').getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /409 · TENANT_INTEGRATION\.UPDATE_IN_PROGRESS[\s\S]*update in progress[\s\S]*traceId: [0-9a-f-]{8,}/);
    assert.equal(await page.locator('#ec-value').inputValue(), 'acme-prod', 'the edit is still in the form');
    await admin.shot(page, '05b-update-in-progress');
    const stored = await ok(api.GET('/tenantintegrations/{tenantintegration}/configs/{config}', { params: { path: { tenantintegration: integration.id, config: config.id } } }));
    assert.equal(stored.value, 'acme-test', 'nothing changed');
    await page.context().close();
  });

  flow(() => admin, 'a 409 between two tabs shows what changed meanwhile and reapplies the edit', async () => {
    const api = admin.api();
    const integration = await ok(api.POST('/tenantintegrations', { body: { name: 'Conflict demo', tenant: TENANT_A, connector: 'SAPTAX_OSERIES' } }));
    await ok(api.POST('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integration.id } }, body: { group: 'sync', name: 'batchSize', label: 'Batch size', value: '100' } }));
    const [first, second] = [await admin.open(DESKTOP, `#/integrations/${integration.id}`), await admin.open(DESKTOP, `#/integrations/${integration.id}`)];
    for (const page of [first, second]) {
      await admin.signIn(page);
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
    await admin.shot(second, '06-conflict');
    await second.getByRole('button', { name: 'Reapply my edit on version 1' }).click();
    await second.locator('tr[data-config="batchSize"] [data-value]', { hasText: '500' }).waitFor();
    await admin.shot(second, '07-conflict-resolved');
    const stored = await ok(api.GET('/tenantintegrations/{tenantintegration}/configs', { params: { path: { tenantintegration: integration.id } } }));
    assert.deepEqual(stored.content.map((c) => [c.value, c.label, c.version]), [['500', 'Batch size (items)', 2]]);
    await first.context().close();
    await second.context().close();
  });

  flow(() => admin, 'is usable at phone width: no sideways scrolling of the page, navigation reachable', async () => {
    await ok(admin.api().POST('/connections', { body: { connector: 'AROFLO', name: 'AroFlo – Melbourne branch', tenant: TENANT_A } }));
    const page = await admin.open(PHONE);
    await admin.signIn(page);
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.locator('tbody tr').first().waitFor();
    // Against the phone's width itself: a mobile browser widens its layout viewport to content that overflows.
    for (const section of ['#/integrations', '#/connections']) {
      await page.goto(`${admin.front.url}/admin${section}`);
      await page.locator('tbody tr').first().waitFor();
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(width <= PHONE.width, `${section} is ${width}px wide on a ${PHONE.width}px phone`);
    }
    await admin.shot(page, '15-phone-connections');
    await page.context().close();
  });

  it('reported no script error or CSP violation', () => {
    assert.deepEqual(admin.errors, []);
  });
});
