import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { PROJECT_ROOT } from '../src/paths.js';
import { SERVICE_TOKEN, TEST_ENCRYPTION_KEY } from './support/app.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { expectJson } from './support/http.js';
import { integrationBody } from './support/tenant-config.fixtures.js';

/** The web process as production runs it: boot messages, and draining on SIGTERM. */
/** The real entry point (src/main.ts) as the web process, on a test database. */
class WebProcess {
  stdout = '';
  stderr = '';
  private constructor(readonly child: ChildProcess, readonly baseUrl: string) {}

  static async start(databaseUrl: string, env: Record<string, string> = {}): Promise<WebProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', join(PROJECT_ROOT, 'src/main.ts')], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        DATABASE_SSL: 'disable',
        PORT: String(port),
        PROCESS_ROLE: 'web',
        AVALARA_TO_EXTRACTOR_TOKEN: SERVICE_TOKEN,
        ENCRYPTION_KEYS: TEST_ENCRYPTION_KEY,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const web = new WebProcess(child, `http://127.0.0.1:${port}`);
    child.stdout!.on('data', (chunk) => (web.stdout += chunk));
    child.stderr!.on('data', (chunk) => (web.stderr += chunk));
    const deadline = Date.now() + 60_000;
    while (!web.stdout.includes('started')) {
      if (child.exitCode !== null) throw new Error(`the service exited at start: ${web.stdout}${web.stderr}`);
      if (Date.now() > deadline) throw new Error(`no start within 60 s: ${web.stdout}${web.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return web;
  }

  exited(): Promise<{ code: number | null; at: number }> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) resolve({ code: this.child.exitCode, at: Date.now() });
      else this.child.once('exit', (code) => resolve({ code, at: Date.now() }));
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the web process: boot and graceful shutdown', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database?.drop());

  /**
   * A PATCH held in flight: a transaction of the test locks the integration's row, so the request
   * waits inside the service until `release` (COMMIT) or `abandon` (ROLLBACK).
   */
  async function requestInFlight(web: WebProcess, name: string) {
    const headers = { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' };
    const integration = await expectJson(
      await fetch(`${web.baseUrl}/tenantintegrations`, { method: 'POST', headers, body: JSON.stringify(integrationBody({ name: `${name}-before` })) }),
      201,
    );
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM tenant_integrations WHERE id = $1 FOR UPDATE', [integration.id]);
    const response = fetch(`${web.baseUrl}/tenantintegrations/${integration.id}`, { method: 'PATCH', headers, body: JSON.stringify({ name }) });
    response.catch(() => undefined);
    await waitFor(async () => (await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0].n > 0);
    const end = async (sql: string) => {
      await locker.query(sql);
      await locker.end();
    };
    return { response, release: () => end('COMMIT'), abandon: () => end('ROLLBACK') };
  }

  it('boots without Fastify deprecation warnings (FSTDEP023/FSTDEP024); on SIGTERM finishes the request in flight, then exits 0', async () => {
    const web = await WebProcess.start(database.url, { SHUTDOWN_GRACE_SECONDS: '10' });
    assert.equal((await fetch(`${web.baseUrl}/health/live`)).status, 200);
    const held = await requestInFlight(web, 'drained');
    const signalled = Date.now();
    web.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(web.child.exitCode, null, 'the process waits for the request in flight');
    await held.release();
    const response = await held.response;
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(((await response.json()) as { name: string }).name, 'drained');
    const exit = await web.exited();
    assert.equal(exit.code, 0, web.stdout + web.stderr);
    assert.ok(exit.at - signalled < 10_000);
    assert.doesNotMatch(web.stdout + web.stderr, /FSTDEP|DeprecationWarning/);
  });

  it('gives up on a request that outlasts SHUTDOWN_GRACE_SECONDS and exits within the grace period', async () => {
    const web = await WebProcess.start(database.url, { SHUTDOWN_GRACE_SECONDS: '2' });
    const held = await requestInFlight(web, 'never');
    const signalled = Date.now();
    web.child.kill('SIGTERM');
    const exit = await web.exited();
    const took = exit.at - signalled;
    await held.abandon();
    assert.ok(took >= 1900 && took < 3500, `exited ${took} ms after SIGTERM with a 2 s grace period`);
    assert.equal(exit.code, 1, 'an abandoned drain is not a clean exit');
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
