import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PgBoss, type Db, type JobWithMetadata } from 'pg-boss';
import { AppConfig } from '../config/app-config.js';
import { typeOrmOptions } from '../database/typeorm-options.js';
import { ConnectorErrors } from '../operations/connector-errors.js';

export const RUN_QUEUE = 'extraction-run';

export interface RunJob {
  readonly runId: string;
  /** Attempts the run already had before this job (a deferred run queued again); absent: 0. */
  readonly attemptBase?: number;
}

/**
 * The job queue the runs travel on: pg-boss in its own schema of the same database. Jobs are
 * queued in the caller's transaction (the one that creates the run), so a run is never without
 * its job, nor a job without its run. Workers claim jobs with SKIP LOCKED; a worker that stops
 * sending heartbeats (killed) has its job given to another worker.
 */
@Injectable()
export class RunQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RunQueue');
  private boss?: PgBoss;
  private started?: Promise<PgBoss>;

  constructor(
    private readonly config: AppConfig,
    private readonly errors: ConnectorErrors,
  ) {}

  /** Workers start the queue at boot; a web process only when it first queues a run. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.processRole !== 'web') await this.start();
  }

  /** Idempotent: the first caller starts pg-boss (installing or migrating its schema under its own lock). */
  start(): Promise<PgBoss> {
    this.started ??= (async () => {
      const url = this.config.database.url!;
      const worker = this.config.processRole !== 'web';
      const boss = new PgBoss({
        connectionString: url,
        ssl: (typeOrmOptions(this.config) as { ssl?: unknown }).ssl, // the same TLS rules as the application's pool
        max: Math.max(2, this.config.workerConcurrency + 1),
        application_name: 'connector-hub-queue',
        supervise: worker,
        schedule: false,
        superviseIntervalSeconds: this.config.extraction.superviseIntervalSeconds,
        monitorIntervalSeconds: this.config.extraction.superviseIntervalSeconds,
      });
      boss.on('error', (error) => {
        this.logger.error({ msg: 'Job queue error', error: (error as Error).message });
        void this.errors.record('queue', 'QUEUE.ERROR', `The job queue reported: ${(error as Error).message}`, undefined, 60_000);
      });
      await boss.start();
      await boss.createQueue(RUN_QUEUE, {
        policy: 'standard',
        retryLimit: this.config.extraction.retryLimit,
        retryDelay: this.config.extraction.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: this.config.extraction.retryDelayMaxSeconds,
        heartbeatSeconds: this.config.extraction.heartbeatSeconds,
        expireInSeconds: 6 * 3600,
      });
      this.boss = boss;
      return boss;
    })().catch((error: unknown) => {
      this.started = undefined; // the next caller tries again (a database that was briefly away)
      throw error;
    });
    return this.started;
  }

  async enqueue(db: Db, runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0) return;
    const boss = await this.start();
    // The first job's id is the run id, and every job of a run is keyed by it: cancelling a run
    // finds its jobs, and a run has one job at a time.
    await boss.insert(RUN_QUEUE, runIds.map((runId) => ({ id: runId, singletonKey: runId, data: { runId } satisfies RunJob })), { db });
  }

  /** For health: the queue answers, with how many runs wait and run. */
  async ping(): Promise<{ queued: number; active: number }> {
    const boss = await this.start();
    const queue = await boss.getQueue(RUN_QUEUE);
    return { queued: queue?.queuedCount ?? 0, active: queue?.activeCount ?? 0 };
  }

  /** A deferred run's new job: its attempts go on from where they were. */
  async requeue(db: Db, runs: ReadonlyArray<{ id: string; attempt: number }>): Promise<void> {
    if (runs.length === 0) return;
    const boss = await this.start();
    await boss.insert(RUN_QUEUE, runs.map((run) => ({ id: randomUUID(), singletonKey: run.id, data: { runId: run.id, attemptBase: run.attempt } satisfies RunJob })), { db });
  }

  /** True when no job of the run will be worked again (each failed for good, cancelled, completed, or gone). */
  async isSettled(runId: string): Promise<boolean> {
    const boss = await this.start();
    const jobs = [...(await boss.findJobs<RunJob>(RUN_QUEUE, { id: runId })), ...(await boss.findJobs<RunJob>(RUN_QUEUE, { key: runId }))];
    return jobs.every((job) => job.state === 'failed' || job.state === 'cancelled' || job.state === 'completed');
  }

  async cancel(runId: string): Promise<void> {
    const boss = await this.start();
    const jobs = await boss.findJobs<RunJob>(RUN_QUEUE, { key: runId });
    const ids = [...new Set([runId, ...jobs.map((job) => job.id)])];
    await boss.cancel(RUN_QUEUE, ids);
  }

  /** Runs `handler` for each job, `concurrency` at a time in this process; a throw fails the attempt (retried with backoff). */
  async work(concurrency: number, handler: (job: JobWithMetadata<RunJob>) => Promise<void>): Promise<void> {
    await this.workOn(RUN_QUEUE, concurrency, handler);
  }

  /** Works one job at a time per slot of any queue on this pg-boss (runs, pushes, reconciliations). */
  async workOn<T extends object>(queue: string, concurrency: number, handler: (job: JobWithMetadata<T>) => Promise<void>): Promise<void> {
    const boss = await this.start();
    const options = {
      localConcurrency: concurrency,
      batchSize: 1,
      includeMetadata: true,
      pollingIntervalSeconds: this.config.extraction.pollingIntervalSeconds,
    } as const;
    await boss.work<T, void, typeof options>(queue, options, async ([job]) => handler(job));
  }

  /** Stops taking jobs and waits, up to SHUTDOWN_GRACE_SECONDS, for the jobs in progress. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    const boss = await this.started.catch(() => undefined);
    await boss?.stop({ graceful: true, timeout: this.config.shutdownGraceSeconds * 1000 }).catch(() => undefined);
  }
}
