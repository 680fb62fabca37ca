import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlOrderBy, type Page, type PageQueryDto } from '../common/paging.js';
import { inTransaction, sqlPage, statementRows, TransactionRows, type SqlRows } from '../common/sql.js';
import { ITEM_ID, ITEM_JSON, LINE_JSON, TAX_JSON, type WireItemResult } from './trustfile-wire.js';

export type PushState = 'pending' | 'pushed' | 'rejected';

/** Where a pending document sits in the outbox order: the next read continues after it. */
export interface PendingKey {
  readonly queuedAt: string;
  readonly transactionId: string;
}

/** A pending document as the push sends it: its item, already JSON. */
export interface PendingItem {
  readonly transactionId: string;
  readonly revision: number;
  readonly itemId: string;
  readonly queuedAt: string;
  readonly json: string;
}

export interface PushTarget {
  readonly connectionId: string;
  readonly connector: string;
  readonly companyToken: string;
  readonly tenant: string;
}

export interface BadItemRow {
  kind: 'rejected' | 'transform';
  stream: string;
  external_id: string;
  transaction_id: string | null;
  revision: number | null;
  errors: Array<{ field: string | null; message: string }>;
  occurred_at: Date;
}

export interface PushOutcome {
  readonly transactionId: string;
  readonly revision: number;
  readonly result: WireItemResult;
}

/** The push's queries over the extraction store: its outbox, the documents it sends, what TrustFile answered. */
@Injectable()
export class PushRepository implements SqlRows {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.statements = statementRows(dataSource);
  }

  private readonly statements: SqlRows;

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.statements.rows<T>(sql, params);
  }

  transaction<T>(work: (tx: TransactionRows) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, (runner) => new TransactionRows(runner), work);
  }

  /** Live connections with something to push. */
  async connectionsWithPending(): Promise<string[]> {
    const rows = await this.rows<{ id: string }>(
      `SELECT c.id FROM connections c
       WHERE c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM push_outbox o WHERE o.connection_id = c.id AND o.state = 'pending')`,
    );
    return rows.map((row) => row.id);
  }

  async target(connectionId: string): Promise<PushTarget | undefined> {
    const [row] = await this.rows<{ id: string; connector: string; company_token: string; tenant: string }>(
      `SELECT id, connector, company_token, tenant FROM connections WHERE id = $1 AND deleted_at IS NULL`,
      [connectionId],
    );
    return row && { connectionId: row.id, connector: row.connector, companyToken: row.company_token, tenant: row.tenant };
  }

  /**
   * The oldest pending documents at their current revision, as wire items built by the database
   * (money as decimal text). Two statements: the batch's ids from the outbox's pending index, then
   * its documents, lines and taxes by id (with the ids as a value, the planner reads them by index
   * rather than scanning the tables). `after` continues past a batch whose answer is still awaited.
   */
  async pendingItems(target: PushTarget, limit: number, after?: PendingKey): Promise<PendingItem[]> {
    const keys = await this.rows<PendingKey>(
      `SELECT o.transaction_id AS "transactionId", to_char(o.queued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "queuedAt"
       FROM push_outbox o
       WHERE o.connection_id = $1 AND o.state = 'pending'
         AND ($3::timestamp IS NULL OR (o.queued_at AT TIME ZONE 'UTC', o.transaction_id) > ($3::timestamp, $4::uuid))
       ORDER BY o.queued_at, o.transaction_id
       LIMIT $2`,
      [target.connectionId, limit, after?.queuedAt ?? null, after?.transactionId ?? null],
    );
    if (keys.length === 0) return [];
    const items = await this.rows<Omit<PendingItem, 'queuedAt'>>(
      `WITH lines AS (
         SELECT el.transaction_id, '[' || string_agg(${LINE_JSON}, ',' ORDER BY el.line_number) || ']' AS lines
         FROM extracted_transaction_lines el WHERE el.transaction_id = ANY ($1::uuid[]) GROUP BY el.transaction_id
       ), taxes AS (
         SELECT et.transaction_id, '[' || string_agg(${TAX_JSON}, ',' ORDER BY et.position) || ']' AS taxes
         FROM extracted_transaction_taxes et WHERE et.transaction_id = ANY ($1::uuid[]) GROUP BY et.transaction_id
       )
       SELECT t.id AS "transactionId", t.revision, ${ITEM_ID} AS "itemId", ${ITEM_JSON} AS json
       FROM unnest($1::uuid[]) WITH ORDINALITY AS b(id, n)
       JOIN extracted_transactions t ON t.id = b.id
       JOIN connections c ON c.id = t.connection_id
       LEFT JOIN lines l ON l.transaction_id = t.id
       LEFT JOIN taxes x ON x.transaction_id = t.id
       LEFT JOIN LATERAL (
         SELECT sale.stream FROM extracted_transactions sale
         WHERE t.original_external_id IS NOT NULL AND sale.connection_id = t.connection_id AND sale.type = 'sale' AND sale.external_id = t.original_external_id
         ORDER BY sale.stream LIMIT 1
       ) s ON true
       ORDER BY b.n`,
      [keys.map((key) => key.transactionId)],
    );
    const queuedAt = new Map(keys.map((key) => [key.transactionId, key.queuedAt]));
    return items.map((item) => ({ ...item, queuedAt: queuedAt.get(item.transactionId)! }));
  }

  /**
   * Records TrustFile's answer per item. Only the revision that was sent is marked: when the
   * document changed meanwhile, its newer revision stays pending (the pushed revision is noted).
   */
  async recordOutcomes(tx: SqlRows, connectionId: string, outcomes: readonly PushOutcome[]): Promise<void> {
    await tx.rows(
      `UPDATE push_outbox o SET
         state = CASE WHEN o.revision <> x.revision THEN o.state WHEN x.status = 'rejected' THEN 'rejected' ELSE 'pushed' END,
         pushed_revision = CASE WHEN x.status = 'rejected' THEN o.pushed_revision ELSE GREATEST(COALESCE(o.pushed_revision, 0), x.revision) END,
         pushed_at = CASE WHEN x.status = 'rejected' THEN o.pushed_at ELSE now() END,
         rejected_at = CASE WHEN o.revision = x.revision AND x.status = 'rejected' THEN now() ELSE o.rejected_at END,
         errors = CASE WHEN o.revision = x.revision AND x.status = 'rejected' THEN x.errors ELSE o.errors END,
         attempts = o.attempts + 1
       FROM jsonb_to_recordset($2::jsonb) AS x(transaction_id uuid, revision integer, status text, errors jsonb)
       WHERE o.transaction_id = x.transaction_id AND o.connection_id = $1
       RETURNING 1`,
      [
        connectionId,
        JSON.stringify(outcomes.map((o) => ({ transaction_id: o.transactionId, revision: o.revision, status: o.result.status, errors: o.result.errors }))),
      ],
    );
    await tx.rows(
      `INSERT INTO push_connections (connection_id, last_push_at, last_attempt_at, last_error) VALUES ($1, now(), now(), NULL)
       ON CONFLICT (connection_id) DO UPDATE SET last_push_at = now(), last_attempt_at = now(), last_error = NULL
       RETURNING 1`,
      [connectionId],
    );
  }

  async recordFailure(connectionId: string, message: string): Promise<void> {
    await this.rows(
      `INSERT INTO push_connections (connection_id, last_attempt_at, last_error) VALUES ($1, now(), left($2, 1024))
       ON CONFLICT (connection_id) DO UPDATE SET last_attempt_at = now(), last_error = left($2, 1024)
       RETURNING 1`,
      [connectionId, message],
    );
  }

  async pendingTotal(): Promise<number> {
    const [row] = await this.rows<{ pending: string }>(`SELECT count(*) AS pending FROM push_outbox WHERE state = 'pending'`);
    return Number(row.pending);
  }

  async lastPushAt(): Promise<Date | null> {
    const [row] = await this.rows<{ last: Date | null }>(`SELECT max(last_push_at) AS last FROM push_connections`);
    return row.last;
  }

  async connectionsByStatus(): Promise<Record<string, number>> {
    const rows = await this.rows<{ status: string; count: string }>(`SELECT status, count(*) AS count FROM connections WHERE deleted_at IS NULL GROUP BY status ORDER BY status`);
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  }

  /** When the longest-waiting schedulable connection became due, or the oldest queued run was queued. */
  async oldestDueAt(): Promise<Date | null> {
    const [row] = await this.rows<{ oldest: Date | null }>(
      `SELECT LEAST(
         (SELECT min(next_sync_at) FROM connections
           WHERE enabled AND deleted_at IS NULL AND status NOT IN ('auth_error', 'disabled') AND next_sync_at <= now()),
         (SELECT min(queued_at) FROM extraction_runs WHERE status = 'queued')) AS oldest`,
    );
    return row.oldest;
  }

  /** Documents TrustFile rejected (at their current revision) and records that failed the canonical schema, newest first. */
  badItems(connectionId: string, query: PageQueryDto): Promise<Page<BadItemRow>> {
    const order = sqlOrderBy(query.pageSort?.length ? query.pageSort : ['occurredAt,DESC'], { occurredAt: 'b.occurred_at', externalId: 'b.external_id' }, 'b.external_id');
    return sqlPage<BadItemRow>(
      this,
      'b.*',
      `(SELECT 'rejected' AS kind, t.stream, t.external_id, t.id AS transaction_id, o.revision, o.errors, o.rejected_at AS occurred_at
          FROM push_outbox o JOIN extracted_transactions t ON t.id = o.transaction_id
          WHERE o.connection_id = $1 AND o.state = 'rejected'
        UNION ALL
        SELECT 'transform', f.stream, f.external_id, NULL, NULL, jsonb_build_array(jsonb_build_object('field', NULL, 'message', f.reason)), f.occurred_at
          FROM extraction_failures f WHERE f.connection_id = $1) b`,
      [connectionId],
      order,
      query,
    );
  }
}




