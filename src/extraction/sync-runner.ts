import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import type { JobWithMetadata } from 'pg-boss';
import { Principal } from '../auth/principal.js';
import { AppConfig } from '../config/app-config.js';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import { ConnectionRepository } from '../connections/connection.repository.js';
import type { ReadWindow } from '../host-system/adapter.js';
import { TransformError, type CanonicalRecord, type CanonicalTransaction } from '../host-system/canonical.js';
import type { HostAdapter } from '../host-system/host-adapter.js';
import { HOST_ADAPTERS } from '../host-system/host-adapters.js';
import { HostHttpError } from '../host-system/host-http-client.js';
import { HostCallsUnavailable } from '../host-system/host-limits.js';
import { HostHttpClientFactory } from '../host-system/host-http.factory.js';
import { AuthorizationLostError, HostCredentialsService, type HostCredentials } from '../host-system/oauth/host-credentials.service.js';
import { ExtractionRepository, type ExtractionTx, type FailedRecord, type HashedReference, type HashedTransaction, type RunRow } from './extraction.repository.js';
import type { RunJob } from './run-queue.js';

/** The worker is stopping: the page in flight is dropped (its transaction never began) and the run stays resumable. */
class RunInterrupted extends Error {}
/** The connector switch was turned off (PUT /connector?enabled=false): the run waits, resumable, until it is on again. */
class ConnectorDisabled extends Error {
  readonly code = 'CONNECTOR_DISABLED';
}
/** This attempt no longer owns the run: it was cancelled, or another worker took it over. */
class RunSuperseded extends Error {}
/** The host refused the authorization twice in a row (after a renewal): the connection needs a new one. */
class AuthorizationRefused extends Error {}

type Adapter = HostAdapter<unknown, unknown>;

/** A run paused by the connector switch resumes when the switch is on again, not at a time. */
const PAUSED_UNTIL_ENABLED = new Date('9999-12-31T00:00:00Z');

export interface RunError {
  readonly code: string;
  readonly message: string;
}

/**
 * Runs one extraction run: every planned stream, page by page. Each page's canonical documents,
 * the stream's cursor and the run's counters commit in one transaction, fenced by the attempt
 * number, so a crash at any instant resumes at the last committed page and a replaced worker can
 * commit nothing more.
 */
@Injectable()
export class SyncRunner {
  private readonly logger = new Logger('Extraction');
  private readonly worker = `${hostname()}:${process.pid}`;
  private readonly stopping = new AbortController();

  constructor(
    private readonly repository: ExtractionRepository,
    private readonly connections: ConnectionRepository,
    private readonly credentials: HostCredentialsService,
    private readonly http: HostHttpClientFactory,
    private readonly config: AppConfig,
  ) {}

  /** Between pages, every run of this process stops; the current page is not committed. */
  interrupt(): void {
    this.stopping.abort();
  }

  async handle(job: JobWithMetadata<RunJob>): Promise<void> {
    const attempt = (job.data.attemptBase ?? 0) + job.retryCount + 1;
    const run = await this.repository.beginAttempt(job.data.runId, attempt, this.worker);
    if (!run) return; // cancelled, finished, or an attempt that was already superseded
    const item = await this.connections.findVisible(Principal.service(), run.connection_id);
    const connection = item?.connection;
    if (!connection || !connection.enabled) {
      await this.repository.finishAttempt(run.id, attempt, 'cancelled', { code: 'CONNECTION_DISABLED', message: 'The connection was disabled or deleted' });
      return;
    }
    const adapter = HOST_ADAPTERS.find((candidate) => candidate.connector.id === connection.connector);
    if (!adapter) {
      await this.repository.finishAttempt(run.id, attempt, 'failed', { code: 'NO_ADAPTER', message: `No host adapter reads ${connection.connector}` });
      return;
    }
    await this.connections.markSyncing(connection.id);
    this.logger.log({ msg: 'Run started', runId: run.id, connectionId: connection.id, attempt, trigger: run.trigger });
    try {
      const context = new RunContext(this, run, attempt, connection, adapter, job.signal);
      for (const stream of plannedStreams(run, connection, adapter)) await context.readStream(stream);
      const finished = await this.repository.finishAttempt(run.id, attempt, 'succeeded');
      await this.connections.markSynced(connection.id, finished); // not finished: cancelled at the last moment
      this.logger.log({ msg: 'Run succeeded', runId: run.id, connectionId: connection.id, attempt });
    } catch (error) {
      await this.settleFailure(run, attempt, job, connection, error);
    }
  }

  private async settleFailure(run: RunRow, attempt: number, job: JobWithMetadata<RunJob>, connection: ConnectionEntity, error: unknown): Promise<void> {
    if (error instanceof RunSuperseded || (job.signal.aborted && !this.stopping.signal.aborted)) {
      await this.repository.failStreams(run.id, attempt, 'cancelled');
      const now = await this.repository.runStatus(run.id);
      if (now !== 'running') await this.connections.markSynced(connection.id, false); // cancelled; a takeover keeps it syncing
      return;
    }
    if (error instanceof RunInterrupted || this.stopping.signal.aborted) {
      // Back to the queue: pg-boss retries the job, another worker resumes from the checkpoint.
      await this.repository.finishAttempt(run.id, attempt, 'queued', { code: 'INTERRUPTED', message: 'The worker stopped; the run resumes from its last page' });
      throw error;
    }
    const reason = describeFailure(error);
    if (error instanceof ConnectorDisabled) {
      this.logger.log({ msg: 'Run paused by the connector switch', runId: run.id, connectionId: connection.id, attempt });
      await this.repository.deferAttempt(run.id, attempt, PAUSED_UNTIL_ENABLED, reason);
      return;
    }
    if (error instanceof HostCallsUnavailable) {
      // Not a failure: the run waits for the host's budget (daily, or a long rate-limit wait) with its read position kept.
      this.logger.log({ msg: 'Run deferred', runId: run.id, connectionId: connection.id, attempt, resumeAt: error.resumeAt.toISOString() });
      await this.repository.deferAttempt(run.id, attempt, error.resumeAt, reason);
      return;
    }
    this.logger.warn({ msg: 'Run failed', runId: run.id, connectionId: connection.id, attempt, code: reason.code, error: reason.message });
    if (error instanceof AuthorizationRefused || error instanceof AuthorizationLostError) {
      await this.repository.failStreams(run.id, attempt, 'failed');
      await this.repository.finishAttempt(run.id, attempt, 'failed', reason);
      if (error instanceof AuthorizationRefused) await this.connections.markAuthorizationLost(connection.id, reason.message);
      return; // no retry: nothing changes until the connection is authorized again
    }
    const retrying = job.retryCount < job.retryLimit;
    await this.repository.failStreams(run.id, attempt, 'failed');
    await this.repository.finishAttempt(run.id, attempt, retrying ? 'queued' : 'failed', reason);
    if (!retrying) await this.connections.markSyncFailed(connection.id, `${reason.code}: ${reason.message}`);
    if (retrying) throw error; // the queue retries with backoff; the next attempt resumes from the checkpoint
  }

  /** What a RunContext works with. */
  get deps() {
    return { repository: this.repository, credentials: this.credentials, http: this.http, config: this.config, stopping: this.stopping.signal };
  }
}

/** One attempt of one run. */
class RunContext {
  private hostCredentials?: HostCredentials;

  constructor(
    private readonly runner: SyncRunner,
    private readonly run: RunRow,
    private readonly attempt: number,
    private readonly connection: ConnectionEntity,
    private readonly adapter: Adapter,
    /** Aborted by pg-boss when this attempt's claim on the job is gone. */
    private readonly claim: AbortSignal,
  ) {}

  async readStream(stream: string): Promise<void> {
    const { repository, config } = this.runner.deps;
    const previous = await repository.runStream(this.run.id, stream);
    if (previous?.status === 'succeeded') return;
    const isWindow = this.run.trigger === 'window';
    const window = isWindow ? this.windowRead(previous) : await this.checkpointRead(stream);
    const checkpointOf = isWindow ? undefined : this.connection.id;
    await repository.startRunStream(this.run.id, this.attempt, stream, { since: window.since, until: window.until, cursor: window.cursor ?? null });

    const reader = this.adapter.readers[stream];
    const transform = this.adapter.transforms[stream];
    const http = this.runner.deps.http.forConnection(this.adapter, this.connection.settings);
    let cursor = window.cursor;
    let renewedAfter401 = false;
    for (;;) {
      const credentials = await this.credentials();
      const context = { http, credentials: this.adapter.readerCredentials(config, credentials.secret), settings: this.connection.settings };
      const pages = reader(context, { since: window.since, until: window.until, cursor })[Symbol.asyncIterator]();
      try {
        // The next page is read from the host while this one commits: one page ahead at most, and
        // pages still commit one transaction each, in order. A page read ahead is only ever used
        // after the one before it committed; when the run stops, it is dropped.
        let next = pages.next();
        for (;;) {
          const page = await next;
          if (page.done) break;
          if (this.runner.deps.stopping.aborted) throw new RunInterrupted();
          if (this.claim.aborted) throw new RunSuperseded();
          if (!(await this.runner.deps.repository.connectorEnabled())) throw new ConnectorDisabled('The connector was disabled; the run resumes from its last page when it is enabled again');
          next = pages.next();
          next.catch(() => undefined); // its failure is met at the next await, if the loop gets there
          await this.storePage(stream, page.value.records, page.value.cursor, transform, checkpointOf);
          cursor = page.value.cursor;
          renewedAfter401 = false;
        }
        break;
      } catch (error) {
        void pages.return?.(undefined)?.catch(() => undefined);
        if (!(error instanceof HostHttpError) || error.status !== 401) throw error;
        if (renewedAfter401) throw new AuthorizationRefused(`${this.adapter.connector.name} refused the authorization again after it was renewed (401)`);
        renewedAfter401 = true;
        this.hostCredentials = await this.runner.deps.credentials.forConnection(this.connection.id, accessTokenOf(credentials));
      }
    }
    await repository.transaction(async (tx) => {
      if (!(await repository.holdsRun(tx, this.run.id, this.attempt))) throw new RunSuperseded();
      await repository.completeStream(tx, this.run.id, stream, window.until, checkpointOf);
    });
  }

  private async credentials(): Promise<HostCredentials> {
    this.hostCredentials ??= await this.runner.deps.credentials.forConnection(this.connection.id);
    return this.hostCredentials;
  }

  /** A window re-read keeps its own window and cursor on the run; checkpoints are not touched. */
  private windowRead(previous: { window_since: Date | null; window_until: Date | null; cursor: string | null } | undefined): ReadWindow {
    if (previous?.window_since && previous.window_until) return { since: previous.window_since, until: previous.window_until, cursor: previous.cursor ?? undefined };
    const since = new Date(`${this.run.window_from}T00:00:00Z`);
    const dayAfter = new Date(`${this.run.window_to}T00:00:00Z`).getTime() + 86_400_000;
    return { since, until: new Date(Math.min(dayAfter, this.safeNow().getTime())) };
  }

  /** Resumes the stream's interrupted read, else reads from its checkpoint (minus the lookback) or the start date to now. */
  private async checkpointRead(stream: string): Promise<ReadWindow> {
    const { repository } = this.runner.deps;
    const checkpoint = await repository.checkpoint(this.connection.id, stream);
    if (checkpoint?.read_since && checkpoint.read_until) {
      return { since: checkpoint.read_since, until: checkpoint.read_until, cursor: checkpoint.read_cursor ?? undefined };
    }
    const start = new Date(`${this.connection.startDate}T00:00:00Z`);
    const since = checkpoint?.synced_through
      ? new Date(Math.max(start.getTime(), checkpoint.synced_through.getTime() - this.adapter.lookbackMinutes * 60_000))
      : start;
    const until = new Date(Math.max(since.getTime(), this.safeNow().getTime()));
    await repository.beginRead(this.run.id, this.attempt, this.connection.id, stream, since, until);
    return { since, until };
  }

  private safeNow(): Date {
    return new Date(Date.now() - this.runner.deps.config.extraction.safetyLagSeconds * 1000);
  }

  private async storePage(stream: string, records: readonly unknown[], cursor: string, transform: (record: never) => CanonicalRecord, checkpointOf?: string): Promise<void> {
    const { repository } = this.runner.deps;
    const transactions = new Map<string, CanonicalTransaction>();
    const references = new Map<string, Extract<CanonicalRecord, { kind: 'reference' }>>();
    const failed: FailedRecord[] = [];
    const failures = new Map<string, FailedRecord>();
    for (const raw of records) {
      try {
        const record = storable(transform(raw as never));
        if (record.kind === 'transaction') transactions.set(record.externalId, record);
        else references.set(record.externalId, record);
      } catch (error) {
        const externalId = (error instanceof TransformError && error.externalId ? error.externalId : recordId(raw)).slice(0, 255);
        failures.set(externalId, { externalId, reason: error instanceof TransformError ? error.message : `unexpected: ${(error as Error)?.message}`, record: raw });
      }
    }
    for (const id of [...transactions.keys(), ...references.keys()]) failures.delete(id);
    failed.push(...failures.values());
    await repository.transaction(async (tx) => {
      if (!(await repository.holdsRun(tx, this.run.id, this.attempt))) throw new RunSuperseded();
      const documents = await this.withSaleCurrencies(tx, [...transactions.values()]);
      const hashedTransactions: HashedTransaction[] = documents.map((document) => ({ document, contentHash: contentHash(document) }));
      const hashedReferences: HashedReference[] = [...references.values()].map((record) => ({ record, contentHash: contentHash(record) }));
      const a = await repository.upsertTransactions(tx, this.connection.id, stream, this.run.id, hashedTransactions);
      const b = await repository.upsertReferences(tx, this.connection.id, stream, this.run.id, hashedReferences);
      await repository.recordFailures(tx, this.connection.id, stream, this.run.id, failed, [...transactions.keys(), ...references.keys()]);
      const stored = transactions.size + references.size;
      await repository.savePage(
        tx,
        this.run.id,
        stream,
        cursor,
        { fetched: records.length, inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: stored - (a.inserted + b.inserted + a.updated + b.updated), failed: failed.length },
        checkpointOf,
      );
    });
  }

  /** A refund whose source gives no currency takes its sale's; without one it is flagged for review. */
  private withSaleCurrencies(tx: ExtractionTx, documents: CanonicalTransaction[]): Promise<CanonicalTransaction[]> {
    return withSaleCurrencies(documents, (missing) => this.runner.deps.repository.saleCurrencies(tx, this.connection.id, missing));
  }

}

/**
 * A refund whose source gives no currency takes its sale's: from the same read, or as `stored`
 * has it; without one it is flagged for review. Shared by syncs and reconciliations, so both
 * store and compare the same documents.
 */
export async function withSaleCurrencies(
  documents: CanonicalTransaction[],
  stored: (saleExternalIds: string[]) => Promise<Map<string, string>>,
): Promise<CanonicalTransaction[]> {
  if (!documents.some((d) => d.currency === null)) return documents;
  const currencies = await stored(documents.filter((d) => d.currency === null && d.originalExternalId !== null).map((d) => d.originalExternalId!));
  for (const d of documents) if (d.type === 'sale' && d.currency !== null) currencies.set(d.externalId, d.currency);
  return documents.map((document) => {
    if (document.currency !== null) return document;
    const currency = document.originalExternalId ? currencies.get(document.originalExternalId) : undefined;
    if (currency) return { ...document, currency };
    const message = `The currency is unknown: the source gives none and sale ${document.originalExternalId ?? '(unknown)'} has not been extracted`;
    return { ...document, reviewRequired: true, reviewMessage: document.reviewMessage ? `${document.reviewMessage}; ${message}` : message };
  });
}

const LIMITS = { externalId: 255, documentNumber: 255, sku: 255, taxName: 255, taxCode: 64 } as const;

/**
 * What the store's columns accept; a document outside it is a failed record of its own rather than
 * an error that would roll back its whole page, page after page.
 */
export function storable(record: CanonicalRecord): CanonicalRecord {
  const refuse = (why: string): never => {
    throw new TransformError(why, record.externalId.slice(0, LIMITS.externalId));
  };
  if (!record.externalId || record.externalId.length > LIMITS.externalId) refuse(`the id is empty or longer than ${LIMITS.externalId} characters`);
  if (record.kind === 'reference') return record;
  if (!['sale', 'refund'].includes(record.type) || !['active', 'voided'].includes(record.status)) refuse(`type ${record.type} / status ${record.status} is not a document type or status`);
  if (record.currency !== null && !/^[A-Z]{3}$/.test(record.currency)) refuse(`currency ${JSON.stringify(record.currency).slice(0, 20)} is not an ISO 4217 code`);
  if ((record.documentNumber?.length ?? 0) > LIMITS.documentNumber) refuse('the document number is too long');
  if (Number.isNaN(Date.parse(record.transactionDate))) refuse('the transaction date is not a date');
  const numbers = new Set(record.lines.map((line) => line.lineNumber));
  if (numbers.size !== record.lines.length) refuse('two lines have the same line number');
  if (record.lines.some((line) => (line.sku?.length ?? 0) > LIMITS.sku || (line.taxCode?.length ?? 0) > LIMITS.taxCode)) refuse('a line sku or tax code is too long');
  if (record.taxes.some((tax) => tax.name.length > LIMITS.taxName)) refuse('a tax name is too long');
  return record;
}

/** The streams a run reads: the connection's enabled import plugs that the adapter can read (and, if the run names some, only those). */
export function plannedStreams(run: Pick<RunRow, 'streams'>, connection: Pick<ConnectionEntity, 'plugs'>, adapter: Adapter): string[] {
  return connection.plugs
    .filter((plug) => plug.direction === 'import' && plug.enabled && adapter.readers[plug.name] && adapter.transforms[plug.name])
    .map((plug) => plug.name)
    .filter((name) => !run.streams || run.streams.includes(name));
}

/** The content that decides whether a document changed: everything but the host's modification time. */
export function contentHash(record: CanonicalRecord): string {
  const { sourceModifiedAt: _ignored, ...content } = record;
  return createHash('sha256').update(stableJson(content)).digest('base64url');
}

/** JSON with every object's keys sorted (and undefined members left out), so that equal content is equal text. */
function stableJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let json = '[';
    for (let i = 0; i < value.length; i += 1) json += (i === 0 ? '' : ',') + stableJson(value[i]);
    return `${json}]`;
  }
  let json = '{';
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    json += `${json.length === 1 ? '' : ','}${quotedKey(key)}:${stableJson(member)}`;
  }
  return `${json}}`;
}

/** JSON.stringify of an object key, remembered: documents repeat the same few dozen keys. */
const QUOTED_KEYS = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size < 10_000) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

function recordId(raw: unknown): string {
  const id = (raw as { id?: unknown })?.id;
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  return `sha256:${createHash('sha256').update(stableJson(raw)).digest('base64url')}`;
}

function accessTokenOf(credentials: HostCredentials): string | undefined {
  const token = credentials.secret.accessToken;
  return typeof token === 'string' ? token : undefined;
}

export function describeFailure(error: unknown): RunError {
  if (error instanceof AuthorizationRefused) return { code: 'AUTH_ERROR', message: error.message };
  if (error instanceof AuthorizationLostError) return { code: 'AUTH_ERROR', message: error.message };
  if (error instanceof HostHttpError) {
    const code = error.status === undefined ? 'HOST_UNREACHABLE' : error.status === 429 ? 'HOST_RATE_LIMITED' : error.status >= 500 ? 'HOST_UNAVAILABLE' : 'HOST_REFUSED';
    return { code, message: error.message };
  }
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && /^[A-Z_.]{3,64}$/.test(code)) return { code, message: (error as Error).message };
  return { code: 'INTERNAL', message: (error as Error)?.message ?? String(error) };
}
