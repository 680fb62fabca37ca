import { Injectable } from '@nestjs/common';
import type { JobWithMetadata } from 'pg-boss';
import { AppConfig } from '../config/app-config.js';
import { RUN_QUEUE, RunQueue } from '../extraction/run-queue.js';

export const PUSH_QUEUE = 'trustfile-push';

export interface PushJob {
  readonly connectionId: string;
}

/**
 * Push jobs on the extraction's pg-boss (same workers, same schema). The queue's `exclusive`
 * policy keyed by connection allows one job per connection queued, retrying or active at a time,
 * so pushes of one connection never run concurrently and a second request is a no-op.
 */
@Injectable()
export class PushQueue {
  private created?: Promise<void>;

  constructor(
    private readonly runQueue: RunQueue,
    private readonly config: AppConfig,
  ) {}

  private async boss() {
    const boss = await this.runQueue.start();
    this.created ??= boss
      .createQueue(PUSH_QUEUE, {
        policy: 'exclusive',
        retryLimit: 1000, // a TrustFile outage of days must not drop a connection's push; the outbox keeps the data anyway
        retryDelay: this.config.extraction.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: this.config.extraction.retryDelayMaxSeconds,
        heartbeatSeconds: this.config.extraction.heartbeatSeconds,
        expireInSeconds: 6 * 3600,
      })
      .catch((error: unknown) => {
        this.created = undefined;
        throw error;
      });
    await this.created;
    return boss;
  }

  async request(connectionIds: readonly string[]): Promise<void> {
    if (connectionIds.length === 0) return;
    const boss = await this.boss();
    await boss.insert(
      PUSH_QUEUE,
      connectionIds.map((connectionId) => ({ data: { connectionId } satisfies PushJob, singletonKey: connectionId })),
    );
  }

  /** Jobs waiting or running, per queue, as pg-boss's monitor last counted them. */
  async depth(): Promise<Record<string, { queued: number; active: number }>> {
    const boss = await this.boss();
    const depth: Record<string, { queued: number; active: number }> = {};
    for (const name of [RUN_QUEUE, PUSH_QUEUE]) {
      const queue = await boss.getQueue(name);
      depth[name] = { queued: queue?.queuedCount ?? 0, active: queue?.activeCount ?? 0 };
    }
    return depth;
  }

  async work(concurrency: number, handler: (job: JobWithMetadata<PushJob>) => Promise<void>): Promise<void> {
    await this.boss();
    await this.runQueue.workOn(PUSH_QUEUE, concurrency, handler);
  }
}
