import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';
import { SERVICE_TOKEN, TEST_ENCRYPTION_KEY } from './app.js';

/** Worker processes of this process that are still running. */
const LIVE = new Set<ChildProcess>();
let reaping = false;

/**
 * A test file that times out is ended with SIGTERM and its after() hooks never run: its workers
 * must not outlive it (they would go on taking jobs from the next files' databases' queues).
 */
function reapWithThisProcess(child: ChildProcess): void {
  LIVE.add(child);
  child.once('exit', () => LIVE.delete(child));
  if (reaping) return;
  reaping = true;
  const killAll = () => {
    for (const live of LIVE) live.kill('SIGKILL');
  };
  process.once('exit', killAll);
  process.once('SIGTERM', () => {
    killAll();
    process.exit(1);
  });
}

/** A real worker process (test/support/worker-process.ts) on the test's database. */
export class WorkerChild {
  output = '';
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  }

  /**
   * `compiled`: the production worker instead, `node dist/src/main.js` with PROCESS_ROLE=worker as
   * the Procfile runs it (after `npm run build`), with the service's own timings.
   */
  static async start(databaseUrl: string, env: Record<string, string> = {}, options: { compiled?: boolean } = {}): Promise<WorkerChild> {
    const args = options.compiled
      ? [join(PROJECT_ROOT, 'dist', 'src', 'main.js')]
      : ['--import', '@swc-node/register/esm-register', join(PROJECT_ROOT, 'test', 'support', 'worker-process.ts')];
    const child = spawn(process.execPath, args, {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        DATABASE_URL: databaseUrl,
        AVALARA_TO_EXTRACTOR_TOKEN: SERVICE_TOKEN,
        ENCRYPTION_KEYS: TEST_ENCRYPTION_KEY,
        WORKER_DATA_DIR: mkdtempSync(join(tmpdir(), 'connector-hub-worker-')),
        ...(options.compiled ? { PROCESS_ROLE: 'worker' } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    reapWithThisProcess(child);
    const worker = new WorkerChild(child);
    const deadline = Date.now() + 60_000;
    while (!(options.compiled ? /started \(/.test(worker.output) : worker.output.includes('worker ready'))) {
      if (child.exitCode !== null || Date.now() > deadline) assert.fail(`the worker did not start:\n${worker.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return worker;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** kill -9: no shutdown hook runs, the job's heartbeat just stops. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}
