import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { HostHttpClient, HostHttpError, type HostCallLog } from '../host-system/host-http-client.js';
import { ActivityLog } from '../operations/activity-log.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import { ConnectorErrors } from '../operations/connector-errors.js';
import { OperationsRepository } from '../operations/operations.repository.js';
import { PushRepository, type PendingItem, type PushOutcome, type PushTarget } from './push.repository.js';
import { parsePushAnswer, pushRequestText, TrustFileProtocolError, type WireItemResult } from './trustfile-wire.js';

interface Counts {
  sent: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface PushSummary extends Readonly<Counts> {
  /** Why the push stopped before the outbox was empty, if it did. */
  readonly stopped?: 'disabled' | 'paused' | 'shutdown';
}

/** TrustFile refused the outbound token: every push pauses until a probe succeeds. */
class PushRefused extends Error {}

/**
 * Sends a connection's pending revisions to TrustFile in batches, oldest first, and records each
 * item's answer in the transaction that marks the outbox. Delivery is at least once; TrustFile's
 * create-or-update by the stable itemId makes it exactly once per revision. 429, 5xx and timeouts
 * are retried (Retry-After honoured) by the HTTP client, then by the queue; 413 splits the batch;
 * 401/403 pause every push; rejected items wait until their document changes.
 */
@Injectable()
export class PushService {
  private readonly logger = new Logger('Push');
  private readonly http: HostHttpClient;
  private stopping = false;

  constructor(
    private readonly repository: PushRepository,
    private readonly operations: OperationsRepository,
    private readonly activities: ActivityLog,
    private readonly errors: ConnectorErrors,
    private readonly events: WebhookEvents,
    private readonly config: AppConfig,
  ) {
    const { requestTimeoutMs, retries, retryDelayMs } = config.trustfile;
    this.http = new HostHttpClient(
      { retries, timeoutMs: requestTimeoutMs, baseDelayMs: retryDelayMs, maxDelayMs: 30_000, maxRetryAfterMs: 300_000, rateLimitResetHeaders: [] },
      (entry: HostCallLog) => (entry.outcome === 'ok' ? this.logger.debug(entry) : this.logger.warn(entry)),
    );
  }

  get enabled(): boolean {
    return this.config.trustfile.apiUrl !== undefined;
  }

  /** Between two batches, a shutting-down worker stops; what is not marked stays pending. */
  interrupt(): void {
    this.stopping = true;
  }

  /**
   * Pushes until nothing is pending. Pipelined: while one batch is in flight, the next one is
   * read and the previous answer recorded, so TrustFile's latency and the database's overlap.
   */
  async pushConnection(connectionId: string): Promise<PushSummary> {
    const totals: Counts = { sent: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const target = await this.repository.target(connectionId);
    if (!target || !this.enabled) return { ...totals, stopped: 'disabled' };
    let recording: Promise<void> = Promise.resolve();
    let recordFailure: unknown;
    const settle = async () => {
      await recording;
      if (recordFailure) throw recordFailure;
    };
    try {
      let documents = await this.repository.pendingItems(target, this.config.trustfile.batchSize);
      while (documents.length > 0) {
        const stopped = await this.mustStop();
        if (stopped) {
          await settle();
          return { ...totals, stopped };
        }
        const sending = this.deliver(target, documents);
        const last = documents[documents.length - 1];
        const next = this.repository.pendingItems(target, this.config.trustfile.batchSize, { queuedAt: last.queuedAt, transactionId: last.transactionId });
        next.catch(() => undefined); // awaited below; a failure while the batch is in flight must not go unhandled
        const outcomes = await sending;
        await settle();
        recording = this.record(target, outcomes, totals).catch((error: unknown) => {
          recordFailure = error;
        });
        documents = await next;
      }
      await settle();
      return totals;
    } catch (error) {
      await recording;
      if (error instanceof PushRefused) return { ...totals, stopped: 'paused' };
      await this.repository.recordFailure(connectionId, (error as Error).message).catch(() => undefined);
      throw error;
    }
  }

  private async mustStop(): Promise<PushSummary['stopped']> {
    const state = await this.operations.connectorState();
    if (!state.enabled) return 'disabled';
    if (state.push_paused_at) return 'paused';
    return this.stopping ? 'shutdown' : undefined;
  }

  /** One request and TrustFile's answer per item; a batch TrustFile finds too large is halved until it fits. */
  private async deliver(target: PushTarget, items: readonly PendingItem[]): Promise<PushOutcome[]> {
    let answer: Map<string, WireItemResult>;
    try {
      answer = await this.post(target, items);
    } catch (error) {
      if (error instanceof HostHttpError && error.status === 413 && items.length > 1) {
        const half = Math.ceil(items.length / 2);
        return [...(await this.deliver(target, items.slice(0, half))), ...(await this.deliver(target, items.slice(half)))];
      }
      if (error instanceof HostHttpError && error.status === 413) {
        answer = new Map([[items[0].itemId, { itemId: items[0].itemId, status: 'rejected', errors: [{ field: null, message: 'TrustFile refused the item as too large (413)' }] }]]);
      } else if (error instanceof HostHttpError && (error.status === 401 || error.status === 403)) {
        await this.pause(target, error.status);
        throw new PushRefused();
      } else {
        throw error;
      }
    }
    return items.map((item) => ({ transactionId: item.transactionId, revision: item.revision, result: answer.get(item.itemId)! }));
  }

  /** Marks the outbox from TrustFile's answer and logs the batch, in one transaction. */
  private async record(target: PushTarget, outcomes: readonly PushOutcome[], totals: Counts): Promise<void> {
    const counts: Counts = { sent: outcomes.length, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    for (const { result } of outcomes) counts[result.status] += 1;
    await this.repository.transaction(async (tx) => {
      await this.repository.recordOutcomes(tx, target.connectionId, outcomes);
      await this.activities.record(
        {
          connectionId: target.connectionId,
          type: 'push.batch',
          message: `Pushed ${counts.sent} item(s) to TrustFile: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.rejected} rejected`,
          details: { ...counts },
        },
        tx,
      );
      const rejected = outcomes.filter((outcome) => outcome.result.status === 'rejected');
      if (rejected.length > 0) {
        await this.events.publish(tx, target.tenant, 'push.rejected', {
          connectionId: target.connectionId,
          items: rejected.map(({ transactionId, revision, result }) => ({ itemId: result.itemId, transactionId, revision, errors: result.errors })),
        });
      }
    });
    for (const key of Object.keys(totals) as Array<keyof Counts>) totals[key] += counts[key];
  }

  private async post(target: PushTarget, items: readonly PendingItem[]): Promise<Map<string, WireItemResult>> {
    const response = await this.http.request({
      method: 'POST',
      url: this.itemsUrl(),
      headers: { authorization: `Bearer ${this.config.trustfile.outboundToken ?? ''}` },
      jsonText: pushRequestText(target.companyToken, items.map((item) => item.json)),
      idempotent: true, // create-or-update by itemId: a repeated post is harmless
    });
    try {
      return parsePushAnswer(response.body, items.map((item) => item.itemId));
    } catch (error) {
      if (error instanceof TrustFileProtocolError) {
        await this.errors.record('trustfile', 'TRUSTFILE.PROTOCOL', `TrustFile's answer could not be read: ${error.message}`, target.connectionId);
      }
      throw error;
    }
  }

  private itemsUrl(): string {
    return `${this.config.trustfile.apiUrl!.replace(/\/+$/, '')}${this.config.trustfile.itemsPath}`;
  }

  private async pause(target: PushTarget, status: number): Promise<void> {
    const reason = `TrustFile answered ${status} to the outbound token (EXTRACTOR_TO_AVALARA_TOKEN)`;
    if (await this.operations.pausePush(reason)) {
      this.logger.error({ msg: 'Push paused: TrustFile refused the outbound token', status });
      await this.errors.record('trustfile', status === 401 ? 'TRUSTFILE.UNAUTHORIZED' : 'TRUSTFILE.FORBIDDEN', `${reason}; every push is paused until it is accepted again`, target.connectionId);
      await this.activities.record({ connectionId: null, type: 'push.paused', message: `${reason}: pushing is paused for every connection; nothing is lost` });
    }
  }

  /**
   * While paused, one worker at a time asks TrustFile whether the token works again: an empty
   * batch for a live connection. Success resumes every push.
   */
  async probe(): Promise<boolean> {
    if (!this.enabled || !(await this.operations.claimProbe(this.config.trustfile.probeIntervalSeconds))) return false;
    const [connectionId] = await this.repository.connectionsWithPending();
    const target = connectionId ? await this.repository.target(connectionId) : undefined;
    try {
      if (target) await this.post(target, []);
    } catch (error) {
      this.logger.warn({ msg: 'Push probe failed; still paused', error: (error as Error).message });
      return false;
    }
    if (await this.operations.resumePush()) {
      this.logger.log({ msg: 'Push resumed: TrustFile accepts the outbound token again' });
      await this.activities.record({ connectionId: null, type: 'push.resumed', message: 'TrustFile accepts the outbound token again: pushing resumed' });
    }
    return true;
  }
}
