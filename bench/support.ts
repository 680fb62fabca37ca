/**
 * What the benchmarks share: an embedded PostgreSQL with a fresh migrated database per part,
 * fakes and workers in child processes (so their CPU is not charged to the process measured),
 * and the way figures are printed.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { loadConfig, type AppConfig } from '../src/config/app-config.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { runPendingMigrations } from '../src/database/migrate.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { SERVICE_TOKEN, TEST_ENCRYPTION_KEY } from '../test/support/app.js';
import { WorkerChild } from '../test/support/worker-child.js';
import { clusterCpuTicks, cpuTicks } from './cpu.js';

/** A fake in a child process: `file` run again with `env`, announcing `FAKE <url>` on stdout. */
export class ChildFake {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static start(file: string, env: Record<string, string>): Promise<ChildFake> {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', file], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    return new Promise((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /FAKE (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) resolve(new ChildFake(child, match[1]));
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.on('exit', (code) => reject(new Error(`the fake exited with ${code}: ${output}`)));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Child side of ChildFake: announces the URL, then serves until SIGTERM or until the parent goes away. */
export function announceFake(url: string, stop: () => Promise<void>): void {
  const exit = async () => {
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void exit());
  process.stdin.on('end', () => void exit());
  process.stdin.resume();
  process.stdout.write(`FAKE ${url}\n`);
}

export class Database {
  readonly pool: pg.Pool;

  constructor(readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ n: string }>(sql, params);
    return Number(row.n);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

export class Bench {
  private readonly cleanups: Array<() => Promise<unknown>> = [];

  private constructor(
    readonly embedded: EmbeddedPostgres,
    readonly dir: string,
  ) {}

  /** Runs `parts` on a fresh embedded PostgreSQL, removing everything afterwards. */
  static async run(name: string, parts: (bench: Bench) => Promise<boolean[]>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), `connector-hub-bench-${name}-`));
    let embedded: EmbeddedPostgres | undefined;
    let bench: Bench | undefined;
    try {
      embedded = await EmbeddedPostgres.start({ dataDir: join(dir, 'pg'), database: 'bench' });
      postgresPort = Number(new URL(embedded.url).port);
      bench = new Bench(embedded, dir);
      const started = performance.now();
      const results = await parts(bench);
      console.log(`${results.every(Boolean) ? 'All targets met.' : 'Some targets were not met.'} (${((performance.now() - started) / 60_000).toFixed(1)} min)`);
    } finally {
      await bench?.cleanUp();
      await embedded?.stop();
      // As root the cluster lives outside the temp folder (see EmbeddedPostgres), linked from it.
      const cluster = join(dir, 'pg', 'postgres');
      if (existsSync(cluster) && lstatSync(cluster).isSymbolicLink()) rmSync(dirname(realpathSync(cluster)), { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Runs `cleanup` at the end, last registered first. */
  defer(cleanup: () => Promise<unknown>): void {
    this.cleanups.push(cleanup);
  }

  async cleanUp(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
  }

  /** A fresh, migrated database on the embedded server. */
  async database(name: string): Promise<Database> {
    const admin = new pg.Client({ connectionString: this.embedded.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(this.embedded.url);
    url.pathname = `/${name}`;
    const database = new Database(url.toString());
    await runPendingMigrations(this.config(database.url, 'web'));
    this.defer(() => database.close());
    return database;
  }

  config(databaseUrl: string, role: 'all' | 'web', env: Record<string, string> = {}): AppConfig {
    const dataDir = join(this.dir, `app-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dataDir);
    return loadConfig(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        DATABASE_SSL: 'disable',
        AVALARA_TO_EXTRACTOR_TOKEN: SERVICE_TOKEN,
        ENCRYPTION_KEYS: TEST_ENCRYPTION_KEY,
        PUBLIC_BASE_URL: 'http://127.0.0.1',
        PROCESS_ROLE: role,
        ...env,
      },
      { dataDir },
    );
  }

  async worker(databaseUrl: string, env: Record<string, string>, options: { compiled?: boolean } = {}): Promise<WorkerChild> {
    const dataDir = join(this.dir, `worker-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dataDir);
    const worker = await WorkerChild.start(
      databaseUrl,
      { NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_SSL: 'disable', PUBLIC_BASE_URL: 'http://127.0.0.1', WORKER_DATA_DIR: dataDir, ...env },
      options,
    );
    this.defer(() => worker.kill());
    return worker;
  }

  async fake(file: string, env: Record<string, string>): Promise<ChildFake> {
    const fake = await ChildFake.start(file, env);
    this.defer(() => fake.stop());
    return fake;
  }
}

/** The port of the bench's own PostgreSQL cluster, once it runs. */
let postgresPort: number | undefined;

/** CPU seconds of a process, or of the bench's PostgreSQL cluster (not other clusters on the machine). */
export function cpuSeconds(pid?: number): number {
  if (pid === undefined && postgresPort !== undefined) return (clusterCpuTicks(postgresPort) ?? cpuTicks() ?? 0) / 100;
  return (cpuTicks(pid) ?? 0) / 100;
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

export function rate(count: number, ms: number): string {
  return ((count * 1000) / ms).toFixed(0);
}

export function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

/** Fails when the worker died: a benchmark must not wait for a process that is gone. */
export function assertAlive(worker: WorkerChild): void {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
    throw new Error(`the worker exited (${worker.child.exitCode ?? worker.child.signalCode}):\n${worker.output.slice(-2000)}`);
  }
}
