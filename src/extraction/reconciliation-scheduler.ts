import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Db } from 'pg-boss';
import { AppConfig } from '../config/app-config.js';
import { ExtractionRepository } from './extraction.repository.js';
import { ReconciliationRunner, type ReconciliationJob } from './reconciliation-runner.js';
import { RunQueue } from './run-queue.js';

export const RECONCILIATION_QUEUE = 'reconciliation';

/**
 * Reconciliations travel on the extraction's pg-boss: queued in the transaction that records
 * them, worked by the worker role; a tick queues the daily reconciliation of yesterday for the
 * connections that asked for one.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reconciliation');
  private created?: Promise<void>;
  private ticking?: Promise<void>;

  constructor(
    private readonly queue: RunQueue,
    private readonly repository: ExtractionRepository,
    private readonly runner: ReconciliationRunner,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  private async boss() {
    const boss = await this.queue.start();
    this.created ??= boss
      .createQueue(RECONCILIATION_QUEUE, { policy: 'standard', retryLimit: 2, retryDelay: this.config.extraction.retryDelaySeconds, retryBackoff: true, heartbeatSeconds: this.config.extraction.heartbeatSeconds })
      .catch((error: unknown) => {
        this.created = undefined;
        throw error;
      });
    await this.created;
    return boss;
  }

  async enqueue(db: Db, reconciliationIds: readonly string[]): Promise<void> {
    if (reconciliationIds.length === 0) return;
    const boss = await this.boss();
    await boss.insert(RECONCILIATION_QUEUE, reconciliationIds.map((id) => ({ id, data: { reconciliationId: id } satisfies ReconciliationJob })), { db });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.processRole === 'web') return;
    await this.boss();
    await this.queue.workOn<ReconciliationJob>(RECONCILIATION_QUEUE, 1, (job) => this.runner.handle(job));
    this.registry.addInterval('reconciliation-scheduler', setInterval(() => void this.tick(), this.config.extraction.schedulerTickMs * 4));
  }

  /** Queues the daily reconciliations due; overlapping ticks share one pass. */
  tick(): Promise<void> {
    this.ticking ??= this.repository
      .transaction(async (tx) => {
        const due = await this.repository.claimDueReconciliations(tx);
        await this.enqueue(tx.boss, due.map((row) => row.id));
        if (due.length > 0) this.logger.log({ msg: 'Queued daily reconciliations', count: due.length });
      })
      .catch((error: unknown) => this.logger.error({ msg: 'Scheduling reconciliations failed', error: (error as Error).message }))
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.registry.doesExist('interval', 'reconciliation-scheduler')) this.registry.deleteInterval('reconciliation-scheduler');
    await this.ticking;
  }
}
