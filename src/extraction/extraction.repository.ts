import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Db } from 'pg-boss';
import { DataSource } from 'typeorm';
import { sqlOrderBy, type Page, type PageQueryDto, type SortFields } from '../common/paging.js';
import { inTransaction, sqlPage, statementRows, TransactionRows, type SqlRows } from '../common/sql.js';
import { ActivityLog } from '../operations/activity-log.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import type { CanonicalReference, CanonicalTransaction } from '../host-system/canonical.js';

export const RUN_STATUSES = ['queued', 'running', 'deferred', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['scheduled', 'manual', 'window'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export type StreamStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface RunRow {
  id: string;
  connection_id: string;
  trigger: RunTrigger;
  status: RunStatus;
  attempt: number;
  streams: string[] | null;
  window_from: string | null;
  window_to: string | null;
  requested_by: string;
  worker: string | null;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error_code: string | null;
  error_message: string | null;
  resume_at: Date | null;
}

export interface RunStreamRow {
  run_id: string;
  stream: string;
  status: StreamStatus;
  fetched: string;
  inserted: string;
  updated: string;
  unchanged: string;
  failed: string;
  window_since: Date | null;
  window_until: Date | null;
  cursor: string | null;
  synced_through: Date | null;
}

export interface CheckpointRow {
  connection_id: string;
  stream: string;
  synced_through: Date | null;
  last_success_at: Date | null;
  read_since: Date | null;
  read_until: Date | null;
  read_cursor: string | null;
  updated_at: Date;
  updated_by: string;
}

export interface PageCounts {
  readonly fetched: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
}

/** A canonical document with the hash of its content (what decides whether it changed). */
export interface HashedTransaction {
  readonly document: CanonicalTransaction;
  readonly contentHash: string;
}
export interface HashedReference {
  readonly record: CanonicalReference;
  readonly contentHash: string;
}

/** What one upsert changed: the documents written (new or with a new revision), with their revision. */
export interface UpsertResult {
  readonly inserted: number;
  readonly updated: number;
  readonly changed: ReadonlyArray<{ id: string; externalId: string; revision: number }>;
}

export interface FailedRecord {
  readonly externalId: string;
  readonly reason: string;
  readonly record: unknown;
}

/** SQL inside one transaction of the extraction store; also usable as pg-boss's `db`, so jobs are queued in it. */
export class ExtractionTx extends TransactionRows {
  get boss(): Db {
    return { executeSql: async (text, values) => ({ rows: await this.rows(text, values) }) };
  }
}

export const RUN_SORT_FIELDS: SortFields = { queuedAt: 'r.queued_at', startedAt: 'r.started_at', finishedAt: 'r.finished_at', status: 'r.status' };
export const TRANSACTION_SORT_FIELDS: SortFields = {
  transactionDate: 't.transaction_date',
  updatedAt: 't.updated_at',
  externalId: 't.external_id',
  total: 't.total',
};

/** A run's columns, with its window days as yyyy-mm-dd text (node-postgres would make them local-midnight Dates). */
const RUN_COLUMNS = `id, connection_id, trigger, status, attempt, streams,
  to_char(window_from, 'YYYY-MM-DD') AS window_from, to_char(window_to, 'YYYY-MM-DD') AS window_to,
  requested_by, worker, queued_at, started_at, finished_at, error_code, error_message, resume_at`;

const RECONCILIATION_COLUMNS = `id, connection_id, trigger, status, to_char(from_day, 'YYYY-MM-DD') AS from_day, to_char(to_day, 'YYYY-MM-DD') AS to_day,
  requested_by, queued_at, started_at, finished_at, matched, days, differences, error_code, error_message, repair_run_id, repaired_at`;

/** What TrustFile holds of a document, from its outbox row (absent only before the push existed). */
const PUSH_COLUMNS = `COALESCE(o.state, 'pending') AS push_state, o.pushed_revision, o.pushed_at, o.errors AS push_errors`;

const TRANSACTION_COLUMNS = `
  external_id text, type text, status text, transaction_date timestamptz, document_number text, currency text,
  subtotal numeric, discount numeric, shipping numeric, shipping_tax numeric, tax numeric, total numeric,
  tax_exempt boolean, ship_from jsonb, ship_to jsonb, original_external_id text, review_required boolean,
  review_message text, source_modified_at timestamptz, content_hash text`;

/** The only place that queries the extraction store: runs, checkpoints, canonical documents. */
@Injectable()
export class ExtractionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivityLog,
    private readonly events: WebhookEvents,
  ) {
    this.statements = statementRows(dataSource);
  }

  private readonly statements: SqlRows;

  transaction<T>(work: (tx: ExtractionTx) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, (runner) => new ExtractionTx(runner), work);
  }

  /** One statement outside a transaction; the rows it returns (also for UPDATE … RETURNING). */
  private rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.statements.rows<T>(sql, params);
  }

  // ---- scheduling ------------------------------------------------------------------------

  /**
   * Claims due connections in one statement: enabled, live, not waiting for an authorization,
   * due, without an active run. Each gets a queued run, and its next sync time moves one interval
   * on; connections another scheduler is claiming right now are skipped.
   */
  claimDue(tx: ExtractionTx, limit: number, defaultMinutes: number, intervalSettings: Record<string, { name: string; minutesPerUnit: number }>) {
    return tx.rows<{ id: string; connection_id: string }>(
      `WITH due AS (
         SELECT c.id FROM connections c
         WHERE c.enabled AND c.deleted_at IS NULL AND c.status NOT IN ('auth_error', 'disabled')
           AND c.next_sync_at <= now()
           AND (SELECT s.enabled FROM connector_state s WHERE s.id)
           AND NOT EXISTS (SELECT 1 FROM extraction_runs r WHERE r.connection_id = c.id AND r.status IN ('queued', 'running', 'deferred'))
         ORDER BY c.next_sync_at
         LIMIT $1
         FOR UPDATE OF c SKIP LOCKED
       ), advanced AS (
         UPDATE connections c
         SET next_sync_at = now() + make_interval(mins => COALESCE(
           c.sync_interval_minutes,
           (c.settings ->> ($3::jsonb -> c.connector ->> 'name'))::integer * ($3::jsonb -> c.connector ->> 'minutesPerUnit')::integer,
           $2))
         FROM due WHERE c.id = due.id
         RETURNING c.id
       )
       INSERT INTO extraction_runs (connection_id, trigger, status, requested_by)
       SELECT id, 'scheduled', 'queued', 'scheduler' FROM advanced
       ON CONFLICT DO NOTHING
       RETURNING id, connection_id`,
      [limit, defaultMinutes, JSON.stringify(intervalSettings)],
    );
  }

  // ---- runs ------------------------------------------------------------------------------

  async insertRun(
    tx: ExtractionTx,
    run: { connectionId: string; trigger: RunTrigger; streams: string[] | null; from: string | null; to: string | null; requestedBy: string },
  ): Promise<RunRow> {
    const [row] = await tx.rows<RunRow>(
      `INSERT INTO extraction_runs (connection_id, trigger, status, streams, window_from, window_to, requested_by)
       VALUES ($1, $2, 'queued', $3, $4, $5, $6) RETURNING ${RUN_COLUMNS}`,
      [run.connectionId, run.trigger, run.streams, run.from, run.to, run.requestedBy],
    );
    return row;
  }

  /**
   * Serializes a trigger or a checkpoint move with the scheduler's claim of the same connection
   * (which skips locked rows) and with each other.
   */
  async lockConnection(tx: ExtractionTx, connectionId: string): Promise<void> {
    await tx.rows(`SELECT id FROM connections WHERE id = $1 FOR UPDATE`, [connectionId]);
  }

  async activeRunIn(tx: ExtractionTx, connectionId: string): Promise<RunRow | undefined> {
    const [row] = await tx.rows<RunRow>(`SELECT ${RUN_COLUMNS} FROM extraction_runs WHERE connection_id = $1 AND status IN ('queued', 'running', 'deferred')`, [connectionId]);
    return row;
  }

  async activeRun(connectionId: string): Promise<RunRow | undefined> {
    const [row] = await this.rows<RunRow>(`SELECT ${RUN_COLUMNS} FROM extraction_runs WHERE connection_id = $1 AND status IN ('queued', 'running', 'deferred')`, [connectionId]);
    return row;
  }

  async findRun(connectionId: string, runId: string): Promise<RunRow | undefined> {
    const [row] = await this.rows<RunRow>(`SELECT ${RUN_COLUMNS} FROM extraction_runs WHERE id = $1 AND connection_id = $2`, [runId, connectionId]);
    return row;
  }

  async runStatus(runId: string): Promise<RunStatus | undefined> {
    const [row] = await this.rows<{ status: RunStatus }>(`SELECT status FROM extraction_runs WHERE id = $1`, [runId]);
    return row?.status;
  }

  async lastRun(connectionId: string): Promise<RunRow | undefined> {
    const [row] = await this.rows<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM extraction_runs WHERE connection_id = $1 ORDER BY queued_at DESC, id DESC LIMIT 1`,
      [connectionId],
    );
    return row;
  }

  listRuns(connectionId: string, query: PageQueryDto & { status?: RunStatus }): Promise<Page<RunRow>> {
    const order = sqlOrderBy(query.pageSort?.length ? query.pageSort : ['queuedAt,DESC'], RUN_SORT_FIELDS, 'r.id');
    return this.page<RunRow>(RUN_COLUMNS, `extraction_runs r WHERE r.connection_id = $1 AND ($2::text IS NULL OR r.status = $2)`, [connectionId, query.status ?? null], order, query);
  }

  runStreams(runIds: readonly string[]): Promise<RunStreamRow[]> {
    if (runIds.length === 0) return Promise.resolve([]);
    return this.rows<RunStreamRow>(`SELECT * FROM extraction_run_streams WHERE run_id = ANY($1::uuid[]) ORDER BY stream`, [runIds]);
  }

  /** Starts attempt `attempt` of a queued (or interrupted) run; undefined when it is no longer to be run. */
  async beginAttempt(runId: string, attempt: number, worker: string): Promise<RunRow | undefined> {
    return this.transaction(async (tx) => {
      const [row] = await tx.rows<RunRow>(
        `UPDATE extraction_runs
         SET status = 'running', attempt = $2, worker = $3, started_at = COALESCE(started_at, now()), updated_at = now(),
             error_code = NULL, error_message = NULL
         WHERE id = $1 AND status IN ('queued', 'running') AND attempt < $2
         RETURNING ${RUN_COLUMNS}`,
        [runId, attempt, worker],
      );
      if (row) {
        await this.activities.record(
          {
            connectionId: row.connection_id,
            type: attempt === 1 ? 'sync.started' : 'sync.retried',
            actor: row.trigger === 'scheduled' ? undefined : row.requested_by,
            message: attempt === 1 ? `A ${row.trigger} run started` : `The run resumed from its last page (attempt ${attempt})`,
            details: { syncId: row.id, trigger: row.trigger, attempt },
          },
          tx,
        );
      }
      return row;
    });
  }


  /**
   * Locks the run for this page's commit, if this attempt still owns it. A worker that was taken
   * for dead (and replaced) or a cancelled run gets false, and its page is rolled back.
   */
  async holdsRun(tx: ExtractionTx, runId: string, attempt: number): Promise<boolean> {
    const affected = await tx.affected(
      `UPDATE extraction_runs SET updated_at = now() WHERE id = $1 AND attempt = $2 AND status = 'running'`,
      [runId, attempt],
    );
    return affected === 1;
  }

  /**
   * Settles an attempt; a final outcome is written to the activity log and published to webhooks
   * (sync.succeeded / sync.failed) in the same transaction. False when the attempt no longer owns the run.
   */
  async finishAttempt(runId: string, attempt: number, status: RunStatus, error?: { code: string; message: string }): Promise<boolean> {
    const finished = status === 'queued' ? null : new Date();
    return this.transaction(async (tx) => {
      const [row] = await tx.rows<{ connection_id: string; trigger: RunTrigger }>(
        `UPDATE extraction_runs SET status = $3, finished_at = $4, error_code = $5, error_message = $6, updated_at = now()
         WHERE id = $1 AND attempt = $2 AND status = 'running' RETURNING connection_id, trigger`,
        [runId, attempt, status, finished, error?.code ?? null, error?.message.slice(0, 1024) ?? null],
      );
      if (row && status !== 'queued') await this.runFinished(tx, runId, row.connection_id, status, error);
      return row !== undefined;
    });
  }

  /**
   * The host's daily budget is spent: the run waits until `resumeAt` with its read position kept
   * (it stays the connection's active run). False when the attempt no longer owns the run.
   */
  async deferAttempt(runId: string, attempt: number, resumeAt: Date, reason: { code: string; message: string }): Promise<boolean> {
    return this.transaction(async (tx) => {
      const [row] = await tx.rows<{ connection_id: string }>(
        `UPDATE extraction_runs SET status = 'deferred', resume_at = $3, error_code = $4, error_message = left($5, 1024), updated_at = now()
         WHERE id = $1 AND attempt = $2 AND status = 'running' RETURNING connection_id`,
        [runId, attempt, resumeAt, reason.code, reason.message],
      );
      if (!row) return false;
      await tx.rows(`UPDATE extraction_run_streams SET status = 'pending' WHERE run_id = $1 AND status = 'running' RETURNING stream`, [runId]);
      await tx.rows(`UPDATE connections SET status = 'ready' WHERE id = $1 AND status = 'syncing' RETURNING id`, [row.connection_id]);
      await this.activities.record(
        {
          connectionId: row.connection_id,
          type: 'sync.deferred',
          message: `The run waits until ${resumeAt.toISOString()}: ${reason.message}`,
          details: { syncId: runId, resumeAt: resumeAt.toISOString(), code: reason.code },
        },
        tx,
      );
      return true;
    });
  }

  /** Whether the connector switch is on (runs check it between pages). */
  async connectorEnabled(): Promise<boolean> {
    const [row] = await this.rows<{ enabled: boolean }>(`SELECT enabled FROM connector_state WHERE id`);
    return row?.enabled ?? true;
  }

  /**
   * Deferred runs whose time has come, queued again (their attempt count goes on): those waiting
   * for a host's budget at their resume time, those paused by the connector switch once it is on.
   * Nothing resumes while the switch is off.
   */
  resumeDeferred(tx: ExtractionTx): Promise<Array<{ id: string; attempt: number }>> {
    return tx.rows<{ id: string; attempt: number }>(
      `WITH due AS (
         SELECT id FROM extraction_runs
         WHERE status = 'deferred' AND (resume_at <= now() OR error_code = 'CONNECTOR_DISABLED')
           AND (SELECT enabled FROM connector_state WHERE id)
         ORDER BY resume_at LIMIT 500 FOR UPDATE SKIP LOCKED
       )
       UPDATE extraction_runs r SET status = 'queued', error_code = NULL, error_message = NULL, updated_at = now() FROM due WHERE r.id = due.id
       RETURNING r.id, r.attempt`,
    );
  }

  /** The activity and the webhook of a run's final outcome, with its counters. */
  private async runFinished(tx: ExtractionTx, runId: string, connectionId: string, status: RunStatus, error?: { code: string; message: string }): Promise<void> {
    // Record counts (int4: node-postgres gives them as numbers), not amounts.
    const [run] = await tx.rows<{ tenant: string; trigger: RunTrigger; fetched: number; inserted: number; updated: number; unchanged: number; failed: number }>(
      `SELECT c.tenant, r.trigger, COALESCE(sum(s.fetched), 0)::int AS fetched, COALESCE(sum(s.inserted), 0)::int AS inserted,
         COALESCE(sum(s.updated), 0)::int AS updated, COALESCE(sum(s.unchanged), 0)::int AS unchanged, COALESCE(sum(s.failed), 0)::int AS failed
       FROM extraction_runs r JOIN connections c ON c.id = r.connection_id LEFT JOIN extraction_run_streams s ON s.run_id = r.id
       WHERE r.id = $1 GROUP BY c.tenant, r.trigger`,
      [runId],
    );
    const { tenant, trigger, ...counts } = run;
    const outcome = status === 'succeeded' ? 'succeeded' : status === 'cancelled' ? 'was cancelled' : `failed (${error?.code ?? 'unknown'}: ${error?.message ?? ''})`;
    await this.activities.record(
      {
        connectionId,
        type: 'sync.finished',
        message: `The ${trigger} run ${outcome}: ${counts.fetched} fetched, ${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed`,
        details: { syncId: runId, status, ...counts, error: error ?? null },
      },
      tx,
    );
    if (status === 'succeeded' || status === 'failed') {
      await this.events.publish(tx, tenant, status === 'succeeded' ? 'sync.succeeded' : 'sync.failed', {
        connectionId,
        syncId: runId,
        trigger,
        status,
        ...counts,
        error: error ?? null,
      });
    }
  }


  /** Cancels a queued or running run; a running one stops at its next page. */
  async cancelRun(connectionId: string, runId: string): Promise<RunRow | undefined> {
    const [row] = await this.rows<RunRow>(
      `UPDATE extraction_runs SET status = 'cancelled', finished_at = now(), updated_at = now()
       WHERE id = $1 AND connection_id = $2 AND status IN ('queued', 'running', 'deferred') RETURNING ${RUN_COLUMNS}`,
      [runId, connectionId],
    );
    if (row) await this.dataSource.query(`UPDATE extraction_run_streams SET status = 'cancelled' WHERE run_id = $1 AND status IN ('pending', 'running')`, [runId]);
    return row;
  }

  /** Runs that look abandoned: running, or waiting for a retry, untouched for `seconds` (their job may be gone). */
  async quietRuns(seconds: number): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(
      `SELECT id FROM extraction_runs WHERE (status = 'running' OR (status = 'queued' AND error_code IS NOT NULL))
         AND updated_at < now() - make_interval(secs => $1) ORDER BY updated_at LIMIT 100`,
      [seconds],
    );
    return rows.map((row) => row.id);
  }

  /** A run whose job will never run again (retries exhausted while it was not running): failed. */
  async failAbandoned(runId: string, error: { code: string; message: string }): Promise<void> {
    await this.transaction(async (tx) => {
      const [failed] = await tx.rows<{ connection_id: string }>(
        `WITH failed AS (
           UPDATE extraction_runs SET status = 'failed', finished_at = now(), error_code = $2, error_message = $3, updated_at = now()
           WHERE id = $1 AND status IN ('queued', 'running') RETURNING connection_id
         ), marked AS (
           UPDATE connections c SET status = 'error', status_detail = $4 FROM failed WHERE c.id = failed.connection_id AND c.status = 'syncing'
         )
         SELECT connection_id FROM failed`,
        [runId, error.code, error.message.slice(0, 1024), `${error.code}: ${error.message}`.slice(0, 1024)],
      );
      if (failed) await this.runFinished(tx, runId, failed.connection_id, 'failed', error);
    });
  }


  // ---- run streams and checkpoints ---------------------------------------------------------

  async runStream(runId: string, stream: string): Promise<RunStreamRow | undefined> {
    const [row] = await this.rows<RunStreamRow>(`SELECT * FROM extraction_run_streams WHERE run_id = $1 AND stream = $2`, [runId, stream]);
    return row;
  }

  /** Only while attempt `attempt` owns the run: a replaced worker cannot touch the new attempt's progress. */
  async startRunStream(runId: string, attempt: number, stream: string, window: { since: Date; until: Date; cursor: string | null }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO extraction_run_streams (run_id, stream, status, window_since, window_until, cursor, started_at)
       SELECT $1, $2, 'running', $3, $4, $5, now() WHERE EXISTS (SELECT 1 FROM extraction_runs r WHERE r.id = $1 AND r.attempt = $6 AND r.status = 'running')
       ON CONFLICT (run_id, stream) DO UPDATE SET status = 'running' WHERE extraction_run_streams.status <> 'succeeded'`,
      [runId, stream, window.since, window.until, window.cursor, attempt],
    );
  }

  async checkpointIn(tx: ExtractionTx, connectionId: string, stream: string): Promise<Pick<CheckpointRow, 'synced_through'> | undefined> {
    const [row] = await tx.rows<Pick<CheckpointRow, 'synced_through'>>(`SELECT synced_through FROM extraction_checkpoints WHERE connection_id = $1 AND stream = $2`, [connectionId, stream]);
    return row;
  }

  async checkpoint(connectionId: string, stream: string): Promise<CheckpointRow | undefined> {
    const [row] = await this.rows<CheckpointRow>(`SELECT * FROM extraction_checkpoints WHERE connection_id = $1 AND stream = $2`, [connectionId, stream]);
    return row;
  }

  checkpoints(connectionId: string): Promise<Array<CheckpointRow & { records: string }>> {
    return this.rows(
      `SELECT k.*,
         (SELECT count(*) FROM extracted_transactions t WHERE t.connection_id = k.connection_id AND t.stream = k.stream)
         + (SELECT count(*) FROM extracted_records e WHERE e.connection_id = k.connection_id AND e.stream = k.stream) AS records
       FROM extraction_checkpoints k WHERE k.connection_id = $1`,
      [connectionId],
    );
  }

  /** Records the window a scheduled or manual read covers, so an interrupted read resumes it. */
  async beginRead(runId: string, attempt: number, connectionId: string, stream: string, since: Date, until: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO extraction_checkpoints (connection_id, stream, read_since, read_until, read_cursor, updated_by)
       SELECT $2, $3, $4, $5, NULL, 'extraction'
       WHERE EXISTS (SELECT 1 FROM extraction_runs r WHERE r.id = $1 AND r.attempt = $6 AND r.status = 'running')
       ON CONFLICT (connection_id, stream) DO UPDATE SET read_since = $4, read_until = $5, read_cursor = NULL, updated_at = now()`,
      [runId, connectionId, stream, since, until, attempt],
    );
  }

  /** After a page: the read's cursor (in the checkpoint, or on the run stream for a window run) and the counters. */
  async savePage(tx: ExtractionTx, runId: string, stream: string, cursor: string, counts: PageCounts, checkpointOf?: string): Promise<void> {
    await tx.affected(
      `UPDATE extraction_run_streams
       SET fetched = fetched + $3, inserted = inserted + $4, updated = updated + $5, unchanged = unchanged + $6, failed = failed + $7, cursor = $8
       WHERE run_id = $1 AND stream = $2`,
      [runId, stream, counts.fetched, counts.inserted, counts.updated, counts.unchanged, counts.failed, cursor],
    );
    if (checkpointOf) {
      await tx.affected(`UPDATE extraction_checkpoints SET read_cursor = $3, updated_at = now() WHERE connection_id = $1 AND stream = $2`, [
        checkpointOf,
        stream,
        cursor,
      ]);
    }
  }

  /** A stream read to the end of its window: for a scheduled or manual read, the checkpoint moves to the window's end. */
  async completeStream(tx: ExtractionTx, runId: string, stream: string, until: Date, checkpointOf?: string): Promise<void> {
    await tx.affected(
      `UPDATE extraction_run_streams SET status = 'succeeded', synced_through = $3, finished_at = now() WHERE run_id = $1 AND stream = $2`,
      [runId, stream, until],
    );
    if (checkpointOf) {
      await tx.affected(
        `UPDATE extraction_checkpoints
         SET synced_through = GREATEST(synced_through, $3), last_success_at = now(), read_since = NULL, read_until = NULL, read_cursor = NULL,
             updated_at = now(), updated_by = 'extraction'
         WHERE connection_id = $1 AND stream = $2`,
        [checkpointOf, stream, until],
      );
    }
  }

  /** The streams attempt `attempt` was reading end with it, unless another attempt has taken the run over. */
  async failStreams(runId: string, attempt: number, status: 'failed' | 'cancelled'): Promise<void> {
    await this.dataSource.query(
      `UPDATE extraction_run_streams s SET status = $2, finished_at = now()
       WHERE s.run_id = $1 AND s.status = 'running' AND EXISTS (SELECT 1 FROM extraction_runs r WHERE r.id = $1 AND r.attempt = $3)`,
      [runId, status, attempt],
    );
  }

  async moveCheckpoint(tx: ExtractionTx, connectionId: string, stream: string, syncedThrough: Date | null, by: string): Promise<CheckpointRow> {
    const [row] = await tx.rows<CheckpointRow>(
      `INSERT INTO extraction_checkpoints (connection_id, stream, synced_through, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connection_id, stream) DO UPDATE
       SET synced_through = $3, read_since = NULL, read_until = NULL, read_cursor = NULL, updated_at = now(), updated_by = $4
       RETURNING *`,
      [connectionId, stream, syncedThrough, by],
    );
    return row;
  }

  // ---- reconciliations -------------------------------------------------------------------

  async insertReconciliation(
    db: ExtractionTx | undefined,
    row: { connectionId: string; trigger: 'manual' | 'scheduled'; from: string; to: string; requestedBy: string },
  ): Promise<ReconciliationRow> {
    const sql = `INSERT INTO reconciliations (connection_id, trigger, status, from_day, to_day, requested_by)
       VALUES ($1, $2, 'queued', $3, $4, $5) RETURNING ${RECONCILIATION_COLUMNS}`;
    const params = [row.connectionId, row.trigger, row.from, row.to, row.requestedBy];
    const [created] = db ? await db.rows<ReconciliationRow>(sql, params) : await this.rows<ReconciliationRow>(sql, params);
    return created;
  }

  async findReconciliation(connectionId: string, id: string): Promise<ReconciliationRow | undefined> {
    const [row] = await this.rows<ReconciliationRow>(`SELECT ${RECONCILIATION_COLUMNS} FROM reconciliations WHERE id = $1 AND connection_id = $2`, [id, connectionId]);
    return row;
  }

  listReconciliations(connectionId: string, query: PageQueryDto): Promise<Page<ReconciliationRow>> {
    const order = sqlOrderBy(query.pageSort?.length ? query.pageSort : ['queuedAt,DESC'], { queuedAt: 'queued_at', from: 'from_day' }, 'id');
    return this.page<ReconciliationRow>(RECONCILIATION_COLUMNS, `reconciliations WHERE connection_id = $1`, [connectionId], order, query);
  }

  /** Queued -> running; undefined when it is not queued (already taken, or finished). */
  async beginReconciliation(id: string): Promise<ReconciliationRow | undefined> {
    const [row] = await this.rows<ReconciliationRow>(
      `UPDATE reconciliations SET status = 'running', started_at = now() WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${RECONCILIATION_COLUMNS}`,
      [id],
    );
    return row;
  }

  async finishReconciliation(id: string, result: { matched: boolean; days: unknown; differences: unknown } | { error: { code: string; message: string } }): Promise<void> {
    if ('error' in result) {
      await this.rows(`UPDATE reconciliations SET status = 'failed', finished_at = now(), error_code = $2, error_message = left($3, 1024) WHERE id = $1 RETURNING id`, [
        id,
        result.error.code,
        result.error.message,
      ]);
      return;
    }
    await this.rows(`UPDATE reconciliations SET status = 'succeeded', finished_at = now(), matched = $2, days = $3, differences = $4 WHERE id = $1 RETURNING id`, [
      id,
      result.matched,
      JSON.stringify(result.days),
      JSON.stringify(result.differences),
    ]);
  }

  async markRepaired(tx: ExtractionTx, id: string, runId: string | null): Promise<void> {
    await tx.rows(`UPDATE reconciliations SET repair_run_id = $2, repaired_at = now() WHERE id = $1 RETURNING id`, [id, runId]);
  }

  /** The stored documents of a period, as reconciliation compares them. */
  storedForReconciliation(connectionId: string, from: string, to: string): Promise<StoredComparedRow[]> {
    return this.rows<StoredComparedRow>(
      `SELECT t.stream, t.external_id, t.type, t.status, to_char(t.transaction_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, t.currency,
         t.total::text AS total, t.tax::text AS tax, t.shipping::text AS shipping, t.content_hash, COALESCE(o.state = 'pushed', false) AS pushed
       FROM extracted_transactions t LEFT JOIN push_outbox o ON o.transaction_id = t.id
       WHERE t.connection_id = $1
         AND t.transaction_date >= $2::date::timestamp AT TIME ZONE 'UTC'
         AND t.transaction_date < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'`,
      [connectionId, from, to],
    );
  }

  /**
   * Documents the source no longer has are voided (a new revision, pushed as voided), so they stop
   * counting; a later read that finds them again makes them active again.
   */
  async voidDocuments(tx: ExtractionTx, connectionId: string, documents: ReadonlyArray<{ stream: string; externalId: string }>): Promise<number> {
    if (documents.length === 0) return 0;
    const rows = await tx.rows<{ id: string }>(
      `WITH voided AS (
         UPDATE extracted_transactions t SET status = 'voided', revision = t.revision + 1, updated_at = now(),
           content_hash = left('voided:' || t.content_hash, 64)
         FROM jsonb_to_recordset($2::jsonb) AS x(stream text, external_id text)
         WHERE t.connection_id = $1 AND t.stream = x.stream AND t.external_id = x.external_id AND t.status = 'active'
         RETURNING t.id, t.revision
       ), queued AS (
         ${queueForPush('voided')}
       )
       SELECT id FROM voided`,
      [connectionId, JSON.stringify(documents.map((d) => ({ stream: d.stream, external_id: d.externalId })))],
    );
    return rows.length;
  }

  async reconciliationSchedule(connectionId: string): Promise<{ enabled: boolean; last_day: string | null } | undefined> {
    const [row] = await this.rows<{ enabled: boolean; last_day: string | null }>(
      `SELECT enabled, to_char(last_day, 'YYYY-MM-DD') AS last_day FROM reconciliation_schedules WHERE connection_id = $1`,
      [connectionId],
    );
    return row;
  }

  async setReconciliationSchedule(connectionId: string, enabled: boolean, by: string): Promise<{ enabled: boolean; last_day: string | null }> {
    const [row] = await this.rows<{ enabled: boolean; last_day: string | null }>(
      `INSERT INTO reconciliation_schedules (connection_id, enabled, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (connection_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING enabled, to_char(last_day, 'YYYY-MM-DD') AS last_day`,
      [connectionId, enabled, by],
    );
    return row;
  }

  /**
   * Claims the daily reconciliations due (yesterday, UTC, not yet queued) of enabled, live
   * connections, and queues them in one statement; schedulers claiming at once skip each other.
   */
  claimDueReconciliations(tx: ExtractionTx): Promise<ReconciliationRow[]> {
    return tx.rows<ReconciliationRow>(
      `WITH due AS (
         SELECT s.connection_id FROM reconciliation_schedules s JOIN connections c ON c.id = s.connection_id
         WHERE s.enabled AND c.enabled AND c.deleted_at IS NULL
           AND (s.last_day IS NULL OR s.last_day < (now() AT TIME ZONE 'UTC')::date - 1)
           AND (SELECT enabled FROM connector_state WHERE id)
         FOR UPDATE OF s SKIP LOCKED
       ), advanced AS (
         UPDATE reconciliation_schedules s SET last_day = (now() AT TIME ZONE 'UTC')::date - 1
         FROM due WHERE s.connection_id = due.connection_id RETURNING s.connection_id, s.last_day
       )
       INSERT INTO reconciliations (connection_id, trigger, status, from_day, to_day, requested_by)
       SELECT connection_id, 'scheduled', 'queued', last_day, last_day, 'scheduler' FROM advanced
       RETURNING ${RECONCILIATION_COLUMNS}`,
    );
  }

  // ---- the canonical store ---------------------------------------------------------------

  /**
   * Inserts new documents and writes changed ones with the next revision; a document whose content
   * hash did not change is not touched. Lines and taxes of written documents are replaced.
   */
  async upsertTransactions(tx: ExtractionTx, connectionId: string, stream: string, runId: string, documents: readonly HashedTransaction[]): Promise<UpsertResult> {
    if (documents.length === 0) return { inserted: 0, updated: 0, changed: [] };
    const input = JSON.stringify(
      documents.map(({ document: d, contentHash }) => ({
        external_id: d.externalId,
        type: d.type,
        status: d.status,
        transaction_date: d.transactionDate,
        document_number: d.documentNumber,
        currency: d.currency,
        subtotal: d.subtotal,
        discount: d.discount,
        shipping: d.shipping,
        shipping_tax: d.shippingTax,
        tax: d.tax,
        total: d.total,
        tax_exempt: d.taxExempt,
        ship_from: d.shipFrom,
        ship_to: d.shipTo,
        original_external_id: d.originalExternalId,
        review_required: d.reviewRequired,
        review_message: d.reviewMessage?.slice(0, 1024) ?? null,
        source_modified_at: d.sourceModifiedAt,
        content_hash: contentHash,
      })),
    );
    // The outbox row is written by the same statement: a document cannot change without
    // "revision N must reach TrustFile" being recorded, and a newer revision replaces a pending older one.
    const written = await tx.rows<{ id: string; external_id: string; revision: number; inserted: boolean }>(
      `WITH written AS (
       INSERT INTO extracted_transactions AS t (
         connection_id, stream, external_id, type, status, transaction_date, document_number, currency, subtotal, discount,
         shipping, shipping_tax, tax, total, tax_exempt, ship_from, ship_to, original_external_id, review_required,
         review_message, source_modified_at, content_hash, first_run_id, last_run_id)
       SELECT $1, $2, x.external_id, x.type, x.status, x.transaction_date, x.document_number, x.currency, x.subtotal, x.discount,
         x.shipping, x.shipping_tax, x.tax, x.total, x.tax_exempt, x.ship_from, x.ship_to, x.original_external_id, x.review_required,
         x.review_message, x.source_modified_at, x.content_hash, $3, $3
       FROM jsonb_to_recordset($4::jsonb) AS x(${TRANSACTION_COLUMNS})
       ON CONFLICT (connection_id, stream, external_id) DO UPDATE SET
         type = EXCLUDED.type, status = EXCLUDED.status, transaction_date = EXCLUDED.transaction_date,
         document_number = EXCLUDED.document_number, currency = EXCLUDED.currency, subtotal = EXCLUDED.subtotal,
         discount = EXCLUDED.discount, shipping = EXCLUDED.shipping, shipping_tax = EXCLUDED.shipping_tax, tax = EXCLUDED.tax,
         total = EXCLUDED.total, tax_exempt = EXCLUDED.tax_exempt, ship_from = EXCLUDED.ship_from, ship_to = EXCLUDED.ship_to,
         original_external_id = EXCLUDED.original_external_id, review_required = EXCLUDED.review_required,
         review_message = EXCLUDED.review_message, source_modified_at = EXCLUDED.source_modified_at,
         content_hash = EXCLUDED.content_hash, last_run_id = EXCLUDED.last_run_id, revision = t.revision + 1, updated_at = now()
       WHERE t.content_hash <> EXCLUDED.content_hash
       RETURNING t.id, t.external_id, t.revision, (t.xmax = 0) AS inserted
       ), queued AS (
         ${queueForPush('written')}
       )
       SELECT * FROM written`,
      [connectionId, stream, runId, input],
    );
    if (written.length === 0) return { inserted: 0, updated: 0, changed: [] };

    const byExternalId = new Map(documents.map((item) => [item.document.externalId, item.document]));
    const updatedIds = written.filter((row) => !row.inserted).map((row) => row.id);
    if (updatedIds.length > 0) {
      await tx.affected(`DELETE FROM extracted_transaction_lines WHERE transaction_id = ANY($1::uuid[])`, [updatedIds]);
      await tx.affected(`DELETE FROM extracted_transaction_taxes WHERE transaction_id = ANY($1::uuid[])`, [updatedIds]);
    }
    const lines = written.flatMap((row) =>
      byExternalId.get(row.external_id)!.lines.map((line) => ({
        transaction_id: row.id,
        line_number: line.lineNumber,
        sku: line.sku,
        description: line.description?.slice(0, 1024) ?? null,
        quantity: line.quantity,
        amount: line.amount,
        discount: line.discount,
        tax: line.tax,
        tax_code: line.taxCode,
      })),
    );
    if (lines.length > 0) {
      await tx.affected(
        `INSERT INTO extracted_transaction_lines (transaction_id, line_number, sku, description, quantity, amount, discount, tax, tax_code)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(transaction_id uuid, line_number integer, sku text, description text,
           quantity numeric, amount numeric, discount numeric, tax numeric, tax_code text)`,
        [JSON.stringify(lines)],
      );
    }
    const taxes = written.flatMap((row) =>
      byExternalId.get(row.external_id)!.taxes.map((tax, index) => ({ transaction_id: row.id, position: index + 1, name: tax.name, rate: tax.rate, amount: tax.amount })),
    );
    if (taxes.length > 0) {
      await tx.affected(
        `INSERT INTO extracted_transaction_taxes (transaction_id, position, name, rate, amount)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(transaction_id uuid, position integer, name text, rate numeric, amount numeric)`,
        [JSON.stringify(taxes)],
      );
    }
    return {
      inserted: written.filter((row) => row.inserted).length,
      updated: updatedIds.length,
      changed: written.map((row) => ({ id: row.id, externalId: row.external_id, revision: row.revision })),
    };
  }

  async upsertReferences(tx: ExtractionTx, connectionId: string, stream: string, runId: string, records: readonly HashedReference[]): Promise<UpsertResult> {
    if (records.length === 0) return { inserted: 0, updated: 0, changed: [] };
    const input = JSON.stringify(
      records.map(({ record, contentHash }) => ({
        external_id: record.externalId,
        data: record.data,
        source_modified_at: record.sourceModifiedAt,
        content_hash: contentHash,
      })),
    );
    const written = await tx.rows<{ external_id: string; revision: number; inserted: boolean }>(
      `INSERT INTO extracted_records AS e (connection_id, stream, external_id, data, source_modified_at, content_hash, last_run_id)
       SELECT $1, $2, x.external_id, x.data, x.source_modified_at, x.content_hash, $3
       FROM jsonb_to_recordset($4::jsonb) AS x(external_id text, data jsonb, source_modified_at timestamptz, content_hash text)
       ON CONFLICT (connection_id, stream, external_id) DO UPDATE SET
         data = EXCLUDED.data, source_modified_at = EXCLUDED.source_modified_at, content_hash = EXCLUDED.content_hash,
         last_run_id = EXCLUDED.last_run_id, revision = e.revision + 1, updated_at = now()
       WHERE e.content_hash <> EXCLUDED.content_hash
       RETURNING e.external_id, e.revision, (e.xmax = 0) AS inserted`,
      [connectionId, stream, runId, input],
    );
    const inserted = written.filter((row) => row.inserted).length;
    return { inserted, updated: written.length - inserted, changed: [] };
  }

  /** Records that failed to transform are kept with their reason; ones that now transform are cleared. */
  async recordFailures(tx: ExtractionTx, connectionId: string, stream: string, runId: string, failed: readonly FailedRecord[], succeeded: readonly string[]): Promise<void> {
    if (succeeded.length > 0) {
      await tx.affected(`DELETE FROM extraction_failures WHERE connection_id = $1 AND stream = $2 AND external_id = ANY($3::text[])`, [
        connectionId,
        stream,
        succeeded,
      ]);
    }
    if (failed.length === 0) return;
    await tx.affected(
      `INSERT INTO extraction_failures (connection_id, stream, external_id, run_id, reason, record)
       SELECT $1, $2, x.external_id, $3, x.reason, x.record FROM jsonb_to_recordset($4::jsonb) AS x(external_id text, reason text, record jsonb)
       ON CONFLICT (connection_id, stream, external_id) DO UPDATE
       SET run_id = EXCLUDED.run_id, reason = EXCLUDED.reason, record = EXCLUDED.record, occurred_at = now()`,
      [connectionId, stream, runId, JSON.stringify(failed.map((f) => ({ external_id: f.externalId.slice(0, 255), reason: f.reason.slice(0, 1024), record: f.record })))],
    );
  }

  /** Currencies of already-extracted sales, for refunds whose source gives none. */
  async saleCurrencies(tx: ExtractionTx, connectionId: string, externalIds: readonly string[]): Promise<Map<string, string>> {
    if (externalIds.length === 0) return new Map();
    const rows = await tx.rows<{ external_id: string; currency: string }>(
      `SELECT external_id, currency FROM extracted_transactions
       WHERE connection_id = $1 AND type = 'sale' AND external_id = ANY($2::text[]) AND currency IS NOT NULL`,
      [connectionId, externalIds],
    );
    return new Map(rows.map((row) => [row.external_id, row.currency]));
  }

  // ---- reading extracted data --------------------------------------------------------------

  listTransactions(
    connectionId: string,
    query: PageQueryDto & { type?: string; status?: string; from?: string; to?: string; externalId?: string },
  ): Promise<Page<TransactionRow>> {
    const where = `t.connection_id = $1 AND ($2::text IS NULL OR t.type = $2) AND ($3::text IS NULL OR t.status = $3)
      AND ($4::date IS NULL OR t.transaction_date >= $4::date::timestamp AT TIME ZONE 'UTC')
      AND ($5::date IS NULL OR t.transaction_date < ($5::date + 1)::timestamp AT TIME ZONE 'UTC')
      AND ($6::text IS NULL OR t.external_id = $6)`;
    const filter = [connectionId, query.type ?? null, query.status ?? null, query.from ?? null, query.to ?? null, query.externalId ?? null];
    const order = sqlOrderBy(query.pageSort?.length ? query.pageSort : ['transactionDate,DESC'], TRANSACTION_SORT_FIELDS, 't.id');
    return this.page<TransactionRow>(
      `t.*, ${PUSH_COLUMNS}`,
      `extracted_transactions t LEFT JOIN push_outbox o ON o.transaction_id = t.id WHERE ${where}`,
      filter,
      order,
      query,
    );
  }

  /** How much of the connection's extracted data has reached TrustFile. */
  async pushCounts(connectionId: string): Promise<PushCounts> {
    const [row] = await this.rows<{ extracted: string; pending: string; pushed: string; rejected: string; last_push_at: Date | null }>(
      `SELECT
         (SELECT count(*) FROM extracted_transactions WHERE connection_id = $1) AS extracted,
         count(*) FILTER (WHERE o.state = 'pending') AS pending,
         count(*) FILTER (WHERE o.state = 'pushed') AS pushed,
         count(*) FILTER (WHERE o.state = 'rejected') AS rejected,
         (SELECT last_push_at FROM push_connections WHERE connection_id = $1) AS last_push_at
       FROM push_outbox o WHERE o.connection_id = $1`,
      [connectionId],
    );
    return { extracted: Number(row.extracted), pending: Number(row.pending), pushed: Number(row.pushed), rejected: Number(row.rejected), lastPushAt: row.last_push_at };
  }

  async findTransaction(connectionId: string, id: string): Promise<{ row: TransactionRow; lines: LineRow[]; taxes: TaxRow[] } | undefined> {
    const [row] = await this.rows<TransactionRow>(
      `SELECT t.*, ${PUSH_COLUMNS} FROM extracted_transactions t LEFT JOIN push_outbox o ON o.transaction_id = t.id WHERE t.id = $1 AND t.connection_id = $2`,
      [id, connectionId],
    );
    if (!row) return undefined;
    const lines = await this.rows<LineRow>(`SELECT * FROM extracted_transaction_lines WHERE transaction_id = $1 ORDER BY line_number`, [id]);
    const taxes = await this.rows<TaxRow>(`SELECT * FROM extracted_transaction_taxes WHERE transaction_id = $1 ORDER BY position`, [id]);
    return { row, lines, taxes };
  }

  /** Per UTC day and currency, active documents only; sums stay numeric and leave as text. */
  summary(connectionId: string, from: string, to: string): Promise<SummaryRow[]> {
    return this.rows<SummaryRow>(
      `SELECT day, currency, sales_count, refund_count,
         (sales - refunds)::text AS total, (sales_tax - refunds_tax)::text AS tax, (sales_shipping - refunds_shipping)::text AS shipping,
         sales::text AS sales, refunds::text AS refunds, sales_tax::text AS sales_tax, refunds_tax::text AS refunds_tax,
         sales_shipping::text AS sales_shipping, refunds_shipping::text AS refunds_shipping
       FROM (
         SELECT to_char(t.transaction_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, t.currency,
           count(*) FILTER (WHERE t.type = 'sale') AS sales_count,
           count(*) FILTER (WHERE t.type = 'refund') AS refund_count,
           COALESCE(sum(t.total) FILTER (WHERE t.type = 'sale'), 0) AS sales,
           COALESCE(sum(t.total) FILTER (WHERE t.type = 'refund'), 0) AS refunds,
           COALESCE(sum(t.tax) FILTER (WHERE t.type = 'sale'), 0) AS sales_tax,
           COALESCE(sum(t.tax) FILTER (WHERE t.type = 'refund'), 0) AS refunds_tax,
           COALESCE(sum(t.shipping) FILTER (WHERE t.type = 'sale'), 0) AS sales_shipping,
           COALESCE(sum(t.shipping) FILTER (WHERE t.type = 'refund'), 0) AS refunds_shipping
         FROM extracted_transactions t
         WHERE t.connection_id = $1 AND t.status = 'active'
           AND t.transaction_date >= $2::date::timestamp AT TIME ZONE 'UTC'
           AND t.transaction_date < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
         GROUP BY 1, 2
       ) AS days
       ORDER BY day, currency`,
      [connectionId, from, to],
    );
  }

  listRecords(connectionId: string, stream: string, query: PageQueryDto): Promise<Page<RecordRow>> {
    const order = sqlOrderBy(query.pageSort?.length ? query.pageSort : ['updatedAt,DESC'], { updatedAt: 'e.updated_at', externalId: 'e.external_id' }, 'e.external_id');
    return this.page<RecordRow>('e.*', `extracted_records e WHERE e.connection_id = $1 AND e.stream = $2`, [connectionId, stream], order, query);
  }

  private page<T>(columns: string, source: string, filter: unknown[], order: string, query: PageQueryDto): Promise<Page<T>> {
    return sqlPage<T>(this.statements, columns, source, filter, order, query);
  }
}

export interface TransactionRow {
  id: string;
  connection_id: string;
  stream: string;
  external_id: string;
  type: 'sale' | 'refund';
  status: 'active' | 'voided';
  transaction_date: Date;
  document_number: string | null;
  currency: string | null;
  subtotal: string;
  discount: string;
  shipping: string;
  shipping_tax: string;
  tax: string;
  total: string;
  tax_exempt: boolean;
  ship_from: Record<string, unknown> | null;
  ship_to: Record<string, unknown> | null;
  original_external_id: string | null;
  review_required: boolean;
  review_message: string | null;
  source_modified_at: Date | null;
  revision: number;
  content_hash: string;
  created_at: Date;
  updated_at: Date;
  push_state: 'pending' | 'pushed' | 'rejected';
  pushed_revision: number | null;
  pushed_at: Date | null;
  push_errors: Array<{ field: string | null; message: string }> | null;
}

export interface PushCounts {
  readonly extracted: number;
  readonly pending: number;
  readonly pushed: number;
  readonly rejected: number;
  readonly lastPushAt: Date | null;
}
export interface LineRow {
  line_number: number;
  sku: string | null;
  description: string | null;
  quantity: string;
  amount: string;
  discount: string;
  tax: string;
  tax_code: string | null;
}
export interface TaxRow {
  position: number;
  name: string;
  rate: string | null;
  amount: string;
}
export interface SummaryRow {
  day: string;
  currency: string | null;
  sales_count: string;
  refund_count: string;
  sales: string;
  refunds: string;
  total: string;
  tax: string;
  shipping: string;
  sales_tax: string;
  refunds_tax: string;
  sales_shipping: string;
  refunds_shipping: string;
}
export interface RecordRow {
  stream: string;
  external_id: string;
  data: Record<string, unknown>;
  source_modified_at: Date | null;
  revision: number;
  created_at: Date;
  updated_at: Date;
}

export interface ReconciliationRow {
  id: string;
  connection_id: string;
  trigger: 'manual' | 'scheduled';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  from_day: string;
  to_day: string;
  requested_by: string;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  matched: boolean | null;
  days: unknown[] | null;
  differences: Array<{ stream: string; externalId: string; kind: 'missing' | 'extra' | 'different'; day: string; modifiedDay: string | null }> | null;
  error_code: string | null;
  error_message: string | null;
  repair_run_id: string | null;
  repaired_at: Date | null;
}

export interface StoredComparedRow {
  stream: string;
  external_id: string;
  type: 'sale' | 'refund';
  status: 'active' | 'voided';
  day: string;
  currency: string | null;
  total: string;
  tax: string;
  shipping: string;
  content_hash: string;
  pushed: boolean;
}

/**
 * SQL: "revision N of these documents must reach TrustFile", for the rows (id, revision) of the
 * CTE `written` (documents inserted or changed by the same statement, connection $1). A newer
 * revision replaces a pending older one, and a document pushed or rejected before is pending again.
 */
function queueForPush(written: string): string {
  return `INSERT INTO push_outbox AS o (transaction_id, connection_id, revision, state)
         SELECT w.id, $1, w.revision, 'pending' FROM ${written} w
         ON CONFLICT (transaction_id) DO UPDATE SET
           revision = EXCLUDED.revision, state = 'pending', queued_at = now(), attempts = 0, errors = NULL, rejected_at = NULL`;
}
