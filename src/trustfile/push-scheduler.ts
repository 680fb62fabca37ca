import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.js';
import { ConnectorErrors } from '../operations/connector-errors.js';
import { OperationsRepository } from '../operations/operations.repository.js';
import { PushQueue } from './push-queue.js';
import { PushRepository } from './push.repository.js';
import { PushService } from './push.service.js';

const ACTIVITY_RETENTION_DAYS = 365;
const RETENTION_EVERY_MS = 3600_000;

/**
 * The worker role's side of the push: a tick that requests a push job for every connection with
 * pending revisions (a no-op where one is queued or running), probes TrustFile while the push is
 * paused, and works push jobs.
 */
@Injectable()
export class PushScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PushScheduler');
  private ticking?: Promise<void>;
  private lastRetention = 0;

  constructor(
    private readonly queue: PushQueue,
    private readonly push: PushService,
    private readonly repository: PushRepository,
    private readonly operations: OperationsRepository,
    private readonly errors: ConnectorErrors,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.processRole === 'web') return;
    if (!this.push.enabled) {
      this.logger.warn({ msg: 'TRUSTFILE_API_URL is not set: the push to TrustFile is disabled; extracted documents stay pending' });
    }
    await this.queue.work(this.config.workerConcurrency, async (job) => {
      const summary = await this.push.pushConnection(job.data.connectionId);
      if (summary.sent > 0) this.logger.log({ msg: 'Pushed', connectionId: job.data.connectionId, ...summary });
    });
    this.registry.addInterval('trustfile-push', setInterval(() => void this.tick(), this.config.trustfile.tickMs));
    void this.tick();
  }

  tick(): Promise<void> {
    this.ticking ??= this.requestPushes()
      .catch(async (error: unknown) => {
        this.logger.error({ msg: 'Push scheduling failed', error: (error as Error).message });
        await this.errors.record('scheduler', 'PUSH.SCHEDULING_FAILED', `Push scheduling failed: ${(error as Error).message}`, undefined, 60_000);
      })
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async requestPushes(): Promise<void> {
    if (Date.now() - this.lastRetention > RETENTION_EVERY_MS) {
      this.lastRetention = Date.now();
      await this.operations.deleteActivitiesBefore(new Date(Date.now() - ACTIVITY_RETENTION_DAYS * 86_400_000));
    }
    if (!this.push.enabled) return;
    const state = await this.operations.connectorState();
    if (!state.enabled) return;
    if (state.push_paused_at && !(await this.push.probe())) return;
    await this.queue.request(await this.repository.connectionsWithPending());
  }

  async onModuleDestroy(): Promise<void> {
    if (this.registry.doesExist('interval', 'trustfile-push')) this.registry.deleteInterval('trustfile-push');
    this.push.interrupt();
    await this.ticking;
  }
}
