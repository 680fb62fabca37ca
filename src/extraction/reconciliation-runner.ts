import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { JobWithMetadata } from 'pg-boss';
import { Principal } from '../auth/principal.js';
import { AppConfig } from '../config/app-config.js';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { CanonicalTransaction } from '../host-system/canonical.js';
import type { HostAdapter } from '../host-system/host-adapter.js';
import { HOST_ADAPTERS } from '../host-system/host-adapters.js';
import { HostHttpError } from '../host-system/host-http-client.js';
import { HostRateLimitWait } from '../host-system/host-limits.js';
import { HostHttpClientFactory } from '../host-system/host-http.factory.js';
import { HostCredentialsService, type HostCredentials } from '../host-system/oauth/host-credentials.service.js';
import { ActivityLog } from '../operations/activity-log.js';
import { ExtractionRepository, type ReconciliationRow } from './extraction.repository.js';
import { reconcile, type ComparedDocument } from './reconciliation.js';
import { contentHash, describeFailure, plannedStreams, storable, withSaleCurrencies } from './sync-runner.js';

export interface ReconciliationJob {
  readonly reconciliationId: string;
}

type Adapter = HostAdapter<unknown, unknown>;

const MAX_RATE_LIMIT_WAIT_MS = 60_000;
const MAX_RATE_LIMIT_WAITS = 3;

/**
 * A read-only verification run: re-reads the period from the source through the same readers and
 * transforms as a sync, writes no document, and compares the source with the store (and with what
 * TrustFile holds) per UTC day and currency.
 */
@Injectable()
export class ReconciliationRunner {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    private readonly repository: ExtractionRepository,
    private readonly connections: ConnectionRepository,
    private readonly credentials: HostCredentialsService,
    private readonly http: HostHttpClientFactory,
    private readonly activities: ActivityLog,
    private readonly config: AppConfig,
  ) {}

  async handle(job: JobWithMetadata<ReconciliationJob>): Promise<void> {
    const reconciliation = await this.repository.beginReconciliation(job.data.reconciliationId);
    if (!reconciliation) return;
    try {
      const connection = (await this.connections.findVisible(Principal.service(), reconciliation.connection_id))?.connection;
      if (!connection) throw Object.assign(new Error('The connection was deleted'), { code: 'CONNECTION_DELETED' });
      const adapter = HOST_ADAPTERS.find((candidate) => candidate.connector.id === connection.connector);
      if (!adapter) throw Object.assign(new Error(`No host adapter reads ${connection.connector}`), { code: 'NO_ADAPTER' });
      const source = await this.readSourceWaiting(connection, adapter, reconciliation);
      const stored = (await this.repository.storedForReconciliation(connection.id, reconciliation.from_day, reconciliation.to_day)).map(
        (row): ComparedDocument => ({
          stream: row.stream,
          externalId: row.external_id,
          type: row.type,
          status: row.status,
          day: row.day,
          currency: row.currency,
          total: row.total,
          tax: row.tax,
          shipping: row.shipping,
          contentHash: row.content_hash,
          pushed: row.pushed,
        }),
      );
      const outcome = reconcile(source, stored, this.config.trustfile.apiUrl !== undefined);
      await this.repository.finishReconciliation(reconciliation.id, outcome);
      const mismatched = outcome.days.filter((day) => !day.matched);
      await this.activities.record({
        connectionId: connection.id,
        type: 'reconciliation.finished',
        actor: reconciliation.trigger === 'manual' ? reconciliation.requested_by : undefined,
        message: outcome.matched
          ? `Reconciliation of ${period(reconciliation)}: every day matches the source`
          : `Reconciliation of ${period(reconciliation)}: ${mismatched.length} day(s) differ from the source (${outcome.differences.length} document(s))`,
        details: { reconciliationId: reconciliation.id, matched: outcome.matched, differingDays: mismatched.map((day) => `${day.day}/${day.currency}`) },
      });
      this.logger.log({ msg: 'Reconciled', reconciliationId: reconciliation.id, connectionId: connection.id, matched: outcome.matched, differences: outcome.differences.length });
    } catch (error) {
      const reason = describeFailure(error);
      this.logger.warn({ msg: 'Reconciliation failed', reconciliationId: reconciliation.id, code: reason.code, error: reason.message });
      await this.repository.finishReconciliation(reconciliation.id, { error: reason });
    }
  }

  /**
   * readSource, read again from the start after a rate-limit wait of up to a minute (the shared
   * budget steps aside from longer sleeps than a sync should take; a read-only check has no
   * checkpoint to defer to, and one minute is what the HTTP client itself waits out). Longer waits,
   * and a spent daily budget, fail it with their code.
   */
  private async readSourceWaiting(connection: ConnectionEntity, adapter: Adapter, reconciliation: ReconciliationRow): Promise<ComparedDocument[]> {
    for (let waits = 0; ; waits += 1) {
      try {
        return await this.readSource(connection, adapter, reconciliation);
      } catch (error) {
        const waitMs = error instanceof HostRateLimitWait ? error.resumeAt.getTime() - Date.now() : Infinity;
        if (waits >= MAX_RATE_LIMIT_WAITS || waitMs > MAX_RATE_LIMIT_WAIT_MS) throw error;
        this.logger.log({ msg: 'Reconciliation waits for the rate limit', reconciliationId: reconciliation.id, waitMs: Math.max(0, Math.round(waitMs)) });
        await sleep(Math.max(0, waitMs));
      }
    }
  }

  /** The source's documents dated in the period, as a sync would store them (hash included). */
  private async readSource(connection: ConnectionEntity, adapter: Adapter, reconciliation: ReconciliationRow): Promise<ComparedDocument[]> {
    // Everything dated in the period was modified at or after its first day: read from there to now.
    const window = { since: new Date(`${reconciliation.from_day}T00:00:00Z`), until: new Date(Date.now() - this.config.extraction.safetyLagSeconds * 1000) };
    const http = this.http.forConnection(adapter, connection.settings);
    const documents: Array<{ stream: string; document: CanonicalTransaction }> = [];
    for (const stream of plannedStreams({ streams: null }, connection, adapter)) {
      const transform = adapter.transforms[stream];
      await this.withCredentials(connection.id, async (credentials) => {
        const context = { http, credentials: adapter.readerCredentials(this.config, credentials.secret), settings: connection.settings };
        const read: Array<{ stream: string; document: CanonicalTransaction }> = [];
        let referenceStream = false;
        for await (const page of adapter.readers[stream](context, window)) {
          for (const raw of page.records) {
            let record;
            try {
              record = storable(transform(raw as never));
            } catch {
              continue; // not storable: a sync records it as a failed record, not a document either
            }
            if (record.kind !== 'transaction') {
              referenceStream = true; // users, suppliers…: no sales figures to reconcile
              break;
            }
            const day = record.transactionDate.slice(0, 10);
            if (day >= reconciliation.from_day && day <= reconciliation.to_day) read.push({ stream, document: record });
          }
          if (referenceStream) break;
        }
        documents.push(...read);
      });
    }
    const completed = await withSaleCurrencies(
      documents.map((d) => d.document),
      (missing) => this.repository.transaction((tx) => this.repository.saleCurrencies(tx, connection.id, missing)),
    );
    return documents.map(({ stream }, index) => {
      const document = completed[index];
      return {
        stream,
        externalId: document.externalId,
        type: document.type,
        status: document.status,
        day: document.transactionDate.slice(0, 10),
        currency: document.currency,
        total: document.total,
        tax: document.tax,
        shipping: document.shipping,
        contentHash: contentHash(document),
        modifiedDay: document.sourceModifiedAt?.slice(0, 10) ?? null,
      };
    });
  }

  /** Runs `work` with the connection's credentials; after a 401 they are renewed once and `work` runs again. */
  private async withCredentials(connectionId: string, work: (credentials: HostCredentials) => Promise<void>): Promise<void> {
    let credentials = await this.credentials.forConnection(connectionId);
    try {
      await work(credentials);
    } catch (error) {
      if (!(error instanceof HostHttpError) || error.status !== 401) throw error;
      const token = credentials.secret.accessToken;
      credentials = await this.credentials.forConnection(connectionId, typeof token === 'string' ? token : undefined);
      await work(credentials);
    }
  }


}

function period(reconciliation: Pick<ReconciliationRow, 'from_day' | 'to_day'>): string {
  return reconciliation.from_day === reconciliation.to_day ? reconciliation.from_day : `${reconciliation.from_day} to ${reconciliation.to_day}`;
}
