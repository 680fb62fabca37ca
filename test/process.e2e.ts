import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { PROJECT_ROOT } from '../src/paths.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * The service as a user runs it: `src/main.ts` in its own process, as `npm start` does, in a
 * fresh folder (so `./.data` is new), talking HTTP on a real port.
 */
class ServiceProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess, readonly port: number) {
    child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static async start(cwd: string, env: Record<string, string>): Promise<ServiceProcess> {
    const port = await freePort();
    // A checkout has its node_modules next to it; the TypeScript loader resolves from the cwd.
    if (!existsSync(join(cwd, 'node_modules'))) symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(cwd, 'node_modules'));
    const child = spawn(process.execPath, ['--import', import.meta.resolve('@swc-node/register/esm-register'), join(PROJECT_ROOT, 'src', 'main.ts')], {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SWC_NODE_PROJECT: join(PROJECT_ROOT, 'tsconfig.json'),
        PORT: String(port),
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(child, port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || Date.now() > deadline) {
        assert.fail(`no ${pattern} in the output (exit ${this.child.exitCode}):\n${this.stdout}\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
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

function postmasterPid(cwd: string): number | undefined {
  const file = join(cwd, '.data', 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('npm start on a fresh checkout (embedded PostgreSQL)', () => {
  let cwd: string;
  let service: ServiceProcess | undefined;

  before(() => {
    cwd = mkdtempSync(join(tmpdir(), 'connector-hub-start-'));
  });

  after(async () => {
    await service?.stop('SIGKILL');
    const pid = postmasterPid(cwd);
    if (pid && isAlive(pid)) process.kill(pid, 'SIGQUIT');
    const cluster = join(cwd, '.data', 'postgres');
    // As root in a 0700 temp folder the cluster lives elsewhere, linked from ./.data (see resolveClusterDir).
    if (existsSync(cluster) && lstatSync(cluster).isSymbolicLink()) rmSync(dirname(realpathSync(cluster)), { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  it('starts PostgreSQL, prints the URLs and a working development token, and serves health', async () => {
    service = await ServiceProcess.start(cwd, {});
    await service.waitForOutput(/API docs: http:\/\/localhost:\d+\/docs/);
    const [, token] = await service.waitForOutput(/curl -H "Authorization: Bearer ([\w-]+)" http:\/\/localhost:\d+\/me/);

    assert.equal((await fetch(`${service.url}/health`)).status, 200);
    assert.equal((await fetch(`${service.url}/me`)).status, 401);
    const me = await fetch(`${service.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.ok(existsSync(join(cwd, '.data', 'postgres', 'PG_VERSION')), 'the cluster lives under ./.data');
  });

  it('refuses a second start in the same checkout with a clear message instead of hanging', async () => {
    const second = await ServiceProcess.start(cwd, {});
    const timeout = AbortSignal.timeout(60_000);
    const code = await Promise.race([second.exited, new Promise((resolve) => timeout.addEventListener('abort', () => resolve('hung')))]);
    await second.stop('SIGKILL');
    assert.equal(code, 1);
    assert.match(second.stderr, /Another connector-hub process \(PID \d+\) is already running on the embedded database/);
  });

  it('logs requests as JSON with the trace id and without the bearer token', async () => {
    const token = 'logged-token-should-never-appear-123';
    const restarted = service!;
    const response = await fetch(`${restarted.url}/me?access_token=${token}`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'trace-for-log-check' },
    });
    assert.equal(response.status, 401);
    await waitUntil(() => restarted.stdout.includes('trace-for-log-check'), 5000);
    const lines = restarted.stdout.split('\n').filter((line) => line.includes('trace-for-log-check'));
    assert.ok(lines.length > 0, 'the request is logged with its trace id');
    for (const line of lines) {
      const entry = JSON.parse(line) as { traceId: string };
      assert.equal(entry.traceId, 'trace-for-log-check');
    }
    assert.ok(!restarted.stdout.includes(token), 'a bearer token appeared in the logs');
  });

  it('shuts down cleanly on SIGTERM, stopping PostgreSQL last', async () => {
    const pid = postmasterPid(cwd)!;
    assert.ok(isAlive(pid));
    assert.equal(await service!.stop('SIGTERM'), 0);
    assert.ok(await waitUntil(() => !isAlive(pid), 10_000), 'PostgreSQL still runs after shutdown');
    assert.equal(postmasterPid(cwd), undefined);
    service = undefined;
  });

  it('recovers the database after the service was killed with SIGKILL', async () => {
    const first = await ServiceProcess.start(cwd, {});
    await first.waitForOutput(/API docs:/);
    const orphan = postmasterPid(cwd)!;
    await first.stop('SIGKILL');
    assert.ok(isAlive(orphan), 'the killed service left its PostgreSQL running');

    service = await ServiceProcess.start(cwd, {});
    await service.waitForOutput(/API docs:/);
    assert.match(service.stdout, /Stopping an orphaned embedded PostgreSQL/);
    assert.equal((await fetch(`${service.url}/health`)).status, 200);
    assert.ok(!isAlive(orphan) || postmasterPid(cwd) === orphan);
  });
});

describe('production configuration', () => {
  it('refuses to start, listing every missing or malformed variable in one message', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'connector-hub-prod-'));
    const service = await ServiceProcess.start(cwd, { NODE_ENV: 'production', WORKER_CONCURRENCY: 'lots' });
    const code = await service.exited;
    const created = readdirSync(cwd);
    rmSync(cwd, { recursive: true, force: true });
    assert.equal(code, 1);
    for (const name of ['WORKER_CONCURRENCY', 'DATABASE_URL', 'ENCRYPTION_KEYS', 'PUBLIC_BASE_URL', 'AUTH_JWKS_URL or AVALARA_TO_EXTRACTOR_TOKEN']) {
      assert.ok(service.stderr.includes(name), `${name} is not named in: ${service.stderr}`);
    }
    assert.ok(!created.includes('.data'), 'nothing is created when the configuration is refused');
  });
});

describe('web and worker roles on an external database', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  after(() => database?.drop());

  it('migrates a new database once when both roles start together, then runs the worker without HTTP and the web role with it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'connector-hub-roles-'));
    const env = { DATABASE_URL: database.url, AVALARA_TO_EXTRACTOR_TOKEN: 'role-test-token-0123456789' };
    const worker = await ServiceProcess.start(cwd, { ...env, PROCESS_ROLE: 'worker' });
    const web = await ServiceProcess.start(cwd, { ...env, PROCESS_ROLE: 'web' });
    try {
      await worker.waitForOutput(/started \(development, role: worker\)/);
      await web.waitForOutput(/started \(development, role: web\)/);
      assert.equal((await fetch(`${web.url}/health`)).status, 200);
      await assert.rejects(fetch(`${worker.url}/health`), 'the worker must not listen for HTTP');
      assert.ok(!existsSync(join(cwd, '.data', 'postgres')), 'no embedded database when DATABASE_URL is set');
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ name: string; runs: number }>('SELECT name, count(*)::int AS runs FROM migrations GROUP BY name ORDER BY name');
      await client.end();
      assert.ok(rows.length >= 2 && rows.every((row) => row.runs === 1), JSON.stringify(rows));
      assert.match(worker.stdout + web.stdout, /Applied migrations: /);
    } finally {
      assert.equal(await worker.stop(), 0);
      assert.equal(await web.stop(), 0);
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
