import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.js';
import { HOST_ADAPTERS } from '../host-system/host-adapters.js';
import { ConnectorErrors } from '../operations/connector-errors.js';
import { ExtractionRepository } from './extraction.repository.js';
import { RunQueue } from './run-queue.js';
import { SyncRunner } from './sync-runner.js';

/** Due connections claimed per statement; a tick repeats until fewer are due. */
const CLAIM_BATCH = 2000;

/**
 * The worker role's side of extraction: a scheduler tick that queues a run for every due
 * connection, and `WORKER_CONCURRENCY` runs at a time taken from the queue.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Scheduler');
  private ticking?: Promise<number>;
  private readonly intervalSettings = Object.fromEntries(
    HOST_ADAPTERS.flatMap((adapter) => (adapter.intervalSetting ? [[adapter.connector.id, adapter.intervalSetting]] : [])),
  );

  constructor(
    private readonly repository: ExtractionRepository,
    private readonly queue: RunQueue,
    private readonly runner: SyncRunner,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
    private readonly errors: ConnectorErrors,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.processRole === 'web') return;
    await this.queue.work(this.config.workerConcurrency, (job) => this.runner.handle(job));
    this.registry.addInterval('extraction-scheduler', setInterval(() => void this.tick(), this.config.extraction.schedulerTickMs));
    void this.tick();
  }

  /** Queues a run for every due connection; returns how many. Overlapping ticks share one pass. */
  tick(): Promise<number> {
    this.ticking ??= this.enqueueDue()
      .catch(async (error: unknown) => {
        this.logger.error({ msg: 'Scheduling failed', error: (error as Error).message });
        await this.errors.record('scheduler', 'SCHEDULER.FAILED', `Scheduling runs failed: ${(error as Error).message}`, undefined, 60_000);
        return 0;
      })
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  /**
   * A run whose job ended without settling it (a worker killed on the last attempt) would block its
   * connection for good: it is failed, so the connection is scheduled again.
   */
  private async failAbandonedRuns(): Promise<void> {
    for (const runId of await this.repository.quietRuns(this.config.extraction.heartbeatSeconds * 2)) {
      try {
        if (await this.queue.isSettled(runId)) {
          await this.repository.failAbandoned(runId, { code: 'WORKER_LOST', message: 'The run stopped with its worker and has no attempts left' });
          this.logger.warn({ msg: 'Abandoned run failed', runId });
        }
      } catch (error) {
        this.logger.warn({ msg: 'Could not check a quiet run', runId, error: (error as Error).message });
      }
    }
  }

  private async enqueueDue(): Promise<number> {
    await this.failAbandonedRuns();
    await this.repository.transaction(async (tx) => {
      const resumed = await this.repository.resumeDeferred(tx);
      await this.queue.requeue(tx.boss, resumed);
      if (resumed.length > 0) this.logger.log({ msg: 'Resumed deferred runs', count: resumed.length });
    });
    let total = 0;
    for (;;) {
      const claimed = await this.repository.transaction(async (tx) => {
        const runs = await this.repository.claimDue(tx, CLAIM_BATCH, this.config.syncIntervalMinutes, this.intervalSettings);
        await this.queue.enqueue(tx.boss, runs.map((run) => run.id));
        return runs.length;
      });
      total += claimed;
      if (claimed < CLAIM_BATCH) break;
    }
    if (total > 0) this.logger.log({ msg: 'Queued scheduled runs', count: total });
    return total;
  }

  /** First step of a shutdown (before the queue stops): no more ticks, and runs stop at their next page. */
  async onModuleDestroy(): Promise<void> {
    if (this.registry.doesExist('interval', 'extraction-scheduler')) this.registry.deleteInterval('extraction-scheduler');
    this.runner.interrupt();
    await this.ticking;
  }
}
