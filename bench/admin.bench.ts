/**
 * `npm run bench:admin`: the admin page's first load from a cold cache on 127.0.0.1 in headless
 * Chromium (a new browser context per load, so nothing is cached): bytes transferred (what the
 * network carried: headers and compressed bodies) and time to interactive (navigation start to
 * the moment the first screen takes input), for a signed-out visitor (sign-in screen) and a
 * signed-in one (the integrations list shown, its API calls included). The baseline, measured
 * in the same run and browser, is the floor of any page: one HTML file and one tiny module that
 * marks itself interactive, served by node:http. Targets: under 300 KB and under 1 s.
 * ADMIN_BENCH_LOADS sets the loads per case (default 7; the median is printed).
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { buildAdmin } from '../admin/build.js';
import { createClient, ok } from '../client/index.js';
import { createHttpApp } from '../src/app.js';
import { SERVICE_TOKEN } from '../test/support/app.js';
import { DESKTOP, launchBrowser } from '../test/support/browser.js';
import { TENANT_A } from '../test/support/tenant-config.fixtures.js';
import { Bench, verdict } from './support.js';

const LOADS = Number(process.env.ADMIN_BENCH_LOADS ?? 7);
const MAX_KB = 300;
const MAX_MS = 1000;

interface Load {
  readonly bytes: number;
  readonly interactiveMs: number;
}

/** One cold load: a fresh context, bytes summed from the network layer, the page's own mark for "interactive". */
async function coldLoad(browser: Browser, url: string, options: { token?: string; ready: (page: Page) => Promise<unknown>; mark?: string }): Promise<Load> {
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    if (options.token) await context.addInitScript(`sessionStorage.setItem('connector-hub.admin.token', ${JSON.stringify(options.token)})`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => {
      bytes += event.encodedDataLength;
    });
    await page.goto(url);
    await options.ready(page);
    // The page's own mark when it has one; otherwise the moment `ready` saw the content (polled, so a few ms late at most).
    const interactiveMs = (await page.evaluate(options.mark ? `performance.getEntriesByName(${JSON.stringify(options.mark)})[0].startTime` : 'performance.now()')) as number;
    await page.waitForLoadState('networkidle');
    return { bytes, interactiveMs };
  } finally {
    await context.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(browser: Browser, label: string, url: string, options: Parameters<typeof coldLoad>[2]): Promise<{ kb: number; ms: number }> {
  await coldLoad(browser, url, options); // warm the server, not the browser: every measured load is a new context
  const loads: Load[] = [];
  for (let i = 0; i < LOADS; i += 1) loads.push(await coldLoad(browser, url, options));
  const kb = median(loads.map((l) => l.bytes)) / 1024;
  const ms = median(loads.map((l) => l.interactiveMs));
  console.log(`  ${label.padEnd(38)} ${kb.toFixed(1).padStart(7)} KB   interactive ${ms.toFixed(0).padStart(5)} ms   (median of ${LOADS})`);
  return { kb, ms };
}

/** The floor: the smallest page that marks itself interactive from a module script, over node:http. */
async function baselineServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>baseline</title><script type="module" src="/m.js"></script></head><body><button>ok</button></body></html>';
  const script = "performance.mark('baseline-interactive'); document.documentElement.dataset.ready = 'yes';";
  const server = createServer((request, response) => {
    const js = request.url === '/m.js';
    response.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html; charset=utf-8' });
    response.end(js ? script : html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

await Bench.run('admin', async (bench) => {
  const built = await buildAdmin();
  console.log(`Admin page built: ${Object.entries(built.files).map(([name, size]) => `${name} ${(size / 1024).toFixed(1)} kB`).join(', ')} (uncompressed)`);
  const database = await bench.database('admin');
  const app = await createHttpApp(bench.config(database.url, 'web'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  bench.defer(() => app.close());
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const api = createClient({ baseUrl: base, token: SERVICE_TOKEN });
  for (let i = 0; i < 40; i += 1) {
    await ok(api.POST('/tenantintegrations', { body: { name: `integration-${i}`, tenant: TENANT_A, tenantName: 'Company xyz', connector: 'BIGCOMMERCE_OSERIES' } }));
  }
  const baseline = await baselineServer();
  bench.defer(() => baseline.close());
  const browser = await launchBrowser();
  bench.defer(() => browser.close());

  console.log(`Cold first loads in headless Chromium ${browser.version()} on 127.0.0.1:`);
  const floor = await measure(browser, 'baseline (one HTML + one module)', baseline.url, { mark: 'baseline-interactive', ready: (page) => page.waitForSelector('html[data-ready]') });
  const signedOut = await measure(browser, '/admin signed out (sign-in screen)', `${base}/admin`, {
    mark: 'admin-interactive',
    ready: (page) => page.waitForSelector('html[data-ready="signed-out"] #token'),
  });
  const signedIn = await measure(browser, '/admin signed in (integrations list)', `${base}/admin`, {
    token: SERVICE_TOKEN,
    ready: (page) => page.waitForSelector('html[data-ready="signed-in"] tbody tr'),
  });
  const worst = { kb: Math.max(signedOut.kb, signedIn.kb), ms: Math.max(signedOut.ms, signedIn.ms) };
  console.log(`Transferred: ${worst.kb.toFixed(1)} KB at most (${(worst.kb / floor.kb).toFixed(1)}x the baseline); target < ${MAX_KB} KB: ${verdict(worst.kb < MAX_KB)}`);
  console.log(`Interactive: ${worst.ms.toFixed(0)} ms at most (${(worst.ms / floor.ms).toFixed(1)}x the baseline); target < ${MAX_MS} ms: ${verdict(worst.ms < MAX_MS)}`);
  return [worst.kb < MAX_KB, worst.ms < MAX_MS];
});
