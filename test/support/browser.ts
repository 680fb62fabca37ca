/**
 * A real headless Chromium for the admin page's tests and benchmark: the one shipped inside the
 * @sparticuz/chromium npm package, driven by playwright-core, so `npm install` is all it takes.
 * A browser that cannot start fails the test that needs it; nothing is skipped.
 */
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildAdmin } from '../../admin/build.js';

let built: Promise<unknown> | undefined;

/** Builds the admin page from the current source once per process (what `npm run build:admin` does). */
export function ensureAdminBuilt(): Promise<unknown> {
  built ??= buildAdmin();
  return built;
}

/**
 * The package's flags are made for serverless functions: one process, web security off. Those are
 * dropped, so pages are isolated as in a person's browser (CORS, same-origin) and several
 * contexts can open and close in one browser.
 */
const DROPPED_FLAGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials']);

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await sparticuz.executablePath();
  const args = sparticuz.args.filter((flag) => !DROPPED_FLAGS.has(flag) && !flag.startsWith('--disable-features=AudioServiceOutOfProcess,IsolateOrigins'));
  try {
    return await chromium.launch({ executablePath, args: [...args, '--disable-dev-shm-usage'], headless: true });
  } catch (error) {
    throw new Error(`Headless Chromium (from @sparticuz/chromium at ${executablePath}) did not start: ${(error as Error).message}`);
  }
}

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export async function newContext(browser: Browser, viewport: { width: number; height: number } = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: viewport.width < 600, hasTouch: viewport.width < 600 });
}

/** Collects into `sink` every script error and console error (CSP violations among them) the page reports. */
export function watchPageErrors(page: Page, sink: string[]): void {
  page.on('pageerror', (error) => sink.push(`${page.url()}: pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) sink.push(`${page.url()}: console: ${message.text()}`);
  });
}

/**
 * A TCP forwarder on 127.0.0.1 whose target is set after it listens: the service's
 * PUBLIC_BASE_URL (the OAuth redirect URI, the origin the popup posts to) must be known before
 * the service starts, on a port chosen at random.
 */
export class ForwardingPort {
  private target?: number;
  private readonly sockets = new Set<import('node:net').Socket>();
  private constructor(private readonly server: import('node:net').Server, readonly port: number) {}

  static async start(): Promise<ForwardingPort> {
    const { createConnection, createServer } = await import('node:net');
    let forwarder: ForwardingPort | undefined;
    const server = createServer((client) => {
      if (!forwarder?.target) return client.destroy();
      const upstream = createConnection({ host: '127.0.0.1', port: forwarder.target });
      for (const socket of [client, upstream]) {
        forwarder.sockets.add(socket);
        socket.on('close', () => forwarder?.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    forwarder = new ForwardingPort(server, (server.address() as { port: number }).port);
    return forwarder;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  forwardTo(port: number): void {
    this.target = port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
