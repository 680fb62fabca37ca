/**
 * What the admin page's browser tests share: the service in development mode (its generated
 * token is what a person pastes), the fake BigCommerce (OAuth app and store) and the fake AroFlo
 * behind it, a port known before the service starts (PUBLIC_BASE_URL: the OAuth redirect and the
 * origin the popup posts to), a headless Chromium, and screenshots to SCREENSHOTS_DIR.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createClient, type ConnectorHubClient } from '../../client/index.js';
import { startTestApp, type TestApp } from './app.js';
import { BigCommerceStoreData } from './bigcommerce-data.js';
import { DESKTOP, ensureAdminBuilt, ForwardingPort, launchBrowser, newContext, watchPageErrors } from './browser.js';
import { fastExtraction } from './extraction.js';
import { FakeAroFlo } from './fake-aroflo.js';
import { FakeBigCommerce } from './fake-bigcommerce.js';

export const BIGCOMMERCE_ORDERS = 60;
export const AROFLO_USERS = 25;

export class AdminPageHarness {
  /** Script errors and CSP violations of every page opened. */
  readonly errors: string[] = [];
  readonly shots = resolve(process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'connector-hub-screenshots-')));
  private readonly openPages = new Set<Page>();

  private constructor(
    readonly app: TestApp,
    readonly front: ForwardingPort,
    readonly bigcommerce: FakeBigCommerce,
    readonly aroflo: FakeAroFlo,
    readonly browser: Browser,
    /** The development token the service generated and printed. */
    readonly token: string,
  ) {}

  static async start(): Promise<AdminPageHarness> {
    await ensureAdminBuilt();
    const data = new BigCommerceStoreData({ orders: BIGCOMMERCE_ORDERS, ordersPerSecond: 1, refunds: 'some', seed: 11 });
    const bigcommerce = await FakeBigCommerce.start({
      storeHash: 'acme42', accessToken: 'bc-admin-token-0001', orders: BIGCOMMERCE_ORDERS, ordersPerSecond: 1, data, clientId: 'bc-client', clientSecret: 'bc-secret',
    });
    const aroflo = await FakeAroFlo.start({ invoices: 20, users: AROFLO_USERS, suppliers: 10, payments: 10, historyDays: 100 });
    const front = await ForwardingPort.start();
    // Development mode without a configured service token: the service generates and prints one.
    const app = await startTestApp(
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
    const token = app.config.auth.generatedToken;
    assert.ok(token, 'development mode generates a token');
    const harness = new AdminPageHarness(app, front, bigcommerce, aroflo, await launchBrowser(), token);
    mkdirSync(harness.shots, { recursive: true });
    return harness;
  }

  /** The typed client, as the development token. */
  api(): ConnectorHubClient {
    return createClient({ baseUrl: this.app.baseUrl, token: this.token });
  }

  /** A new browser context (nothing shared with other pages) on /admin. */
  async open(viewport: { width: number; height: number } = DESKTOP, hash = ''): Promise<Page> {
    const context = await newContext(this.browser, viewport);
    // Other test files and benchmarks share this machine's two cores: generous waits.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    this.openPages.add(page);
    page.on('close', () => this.openPages.delete(page));
    watchPageErrors(page, this.errors);
    await page.goto(`${this.front.url}/admin${hash}`);
    await page.waitForSelector('html[data-ready]');
    return page;
  }

  async signIn(page: Page): Promise<void> {
    await page.getByLabel('Bearer token').fill(this.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  shot(page: Page, name: string): Promise<Buffer> {
    return page.screenshot({ path: join(this.shots, `${name}.png`), fullPage: true });
  }

  /** Form controls on the page that have no label (label[for], a wrapping label, aria-label or aria-labelledby). */
  async unlabelledControls(page: Page): Promise<string[]> {
    const missing: string[] = [];
    for (const control of await page.locator('input:not([type="hidden"]), select, textarea').all()) {
      const id = await control.getAttribute('id');
      const named =
        (id !== null && (await page.locator(`label[for="${id}"]`).count()) > 0) ||
        (await control.locator('xpath=ancestor::label').count()) > 0 ||
        (await control.getAttribute('aria-label')) !== null ||
        (await control.getAttribute('aria-labelledby')) !== null;
      if (!named) missing.push(`${await control.evaluate((e) => e.outerHTML.slice(0, 120))}`);
    }
    return missing;
  }

  /** Screenshots of every open page, after a failure. */
  async failureShots(name: string): Promise<void> {
    let n = 0;
    for (const page of this.openPages) await this.shot(page, `failure-${name.slice(0, 24).replace(/\W+/g, '-')}-${++n}`).catch(() => undefined);
    console.error(`screenshots of the failure: ${this.shots}`);
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.app.close();
    await this.front.stop();
    await this.bigcommerce.stop();
    await this.aroflo.stop();
  }
}

/** A browser test: on failure, what every open page showed is kept as failure-*.png. */
export function flow(harness: () => AdminPageHarness, name: string, body: () => Promise<void>): void {
  it(name, { timeout: 100_000 }, async () => {
    try {
      await body();
    } catch (error) {
      await harness().failureShots(name);
      throw error;
    }
  });
}
