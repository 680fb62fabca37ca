import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlOrderBy, type Page, type PageQueryDto } from '../common/paging.js';
import { inTransaction, sqlPage, statementRows, TransactionRows, type SqlRows } from '../common/sql.js';
import type { PushDocument, WireItemResult } from './trustfile-wire.js';

export type PushState = 'pending' | 'pushed' | 'rejected';

/** Where a pending document sits in the outbox order: the next read continues after it. */
export interface PendingKey {
  readonly queuedAt: string;
  readonly transactionId: string;
}

export interface PendingDocument extends PushDocument {
  readonly transactionId: string;
  readonly key: PendingKey;
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
   * The oldest pending documents at their current revision, with lines and taxes; money stays
   * decimal text all the way (numeric::text). Three set-based reads, not a subquery per document.
   * `after` continues past a batch whose answer is still awaited.
   */
  async pendingDocuments(target: PushTarget, limit: number, after?: PendingKey): Promise<PendingDocument[]> {
    const rows = await this.rows<PendingRow>(
      `SELECT t.id, t.stream, t.external_id, t.revision, t.type, t.status, t.transaction_date, t.document_number, t.currency,
         t.subtotal::text, t.discount::text, t.shipping::text, t.shipping_tax::text, t.tax::text, t.total::text, t.tax_exempt,
         t.ship_from, t.ship_to, t.original_external_id, t.review_required, t.review_message,
         to_char(o.queued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS queued_at
       FROM push_outbox o JOIN extracted_transactions t ON t.id = o.transaction_id
       WHERE o.connection_id = $1 AND o.state = 'pending'
         AND ($3::timestamp IS NULL OR (o.queued_at AT TIME ZONE 'UTC', o.transaction_id) > ($3::timestamp, $4::uuid))
       ORDER BY o.queued_at, o.transaction_id
       LIMIT $2`,
      [target.connectionId, limit, after?.queuedAt ?? null, after?.transactionId ?? null],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [lines, taxes, originals] = await Promise.all([
      this.rows<LineRow>(
        `SELECT transaction_id, line_number, sku, description, quantity::text, amount::text, discount::text, tax::text, tax_code
         FROM extracted_transaction_lines WHERE transaction_id = ANY($1::uuid[]) ORDER BY transaction_id, line_number`,
        [ids],
      ),
      this.rows<TaxRow>(
        `SELECT transaction_id, name, rate::text, amount::text FROM extracted_transaction_taxes
         WHERE transaction_id = ANY($1::uuid[]) ORDER BY transaction_id, position`,
        [ids],
      ),
      this.originalStreams(target.connectionId, rows),
    ]);
    const linesOf = groupBy(lines, (line) => line.transaction_id);
    const taxesOf = groupBy(taxes, (tax) => tax.transaction_id);
    return rows.map((row) => ({
      transactionId: row.id,
      key: { queuedAt: row.queued_at, transactionId: row.id },
      connector: target.connector,
      stream: row.stream,
      externalId: row.external_id,
      revision: row.revision,
      type: row.type,
      status: row.status,
      transactionDate: row.transaction_date,
      documentNumber: row.document_number,
      currency: row.currency,
      subtotal: row.subtotal,
      discount: row.discount,
      shipping: row.shipping,
      shippingTax: row.shipping_tax,
      tax: row.tax,
      total: row.total,
      taxExempt: row.tax_exempt,
      shipFrom: row.ship_from,
      shipTo: row.ship_to,
      originalExternalId: row.original_external_id,
      originalStream: row.original_external_id ? (originals.get(row.original_external_id) ?? null) : null,
      reviewRequired: row.review_required,
      reviewMessage: row.review_message,
      lines: (linesOf.get(row.id) ?? []).map((line) => ({
        lineNumber: line.line_number,
        sku: line.sku,
        description: line.description,
        quantity: line.quantity,
        amount: line.amount,
        discount: line.discount,
        tax: line.tax,
        taxCode: line.tax_code,
      })),
      taxes: (taxesOf.get(row.id) ?? []).map((tax) => ({ name: tax.name, rate: tax.rate, amount: tax.amount })),
    }));
  }

  /** The stream of each refunded sale, for the refund's originalItemId. */
  private async originalStreams(connectionId: string, rows: readonly PendingRow[]): Promise<Map<string, string>> {
    const wanted = [...new Set(rows.flatMap((row) => (row.original_external_id ? [row.original_external_id] : [])))];
    if (wanted.length === 0) return new Map();
    const found = await this.rows<{ external_id: string; stream: string }>(
      `SELECT DISTINCT ON (external_id) external_id, stream FROM extracted_transactions
       WHERE connection_id = $1 AND type = 'sale' AND external_id = ANY($2::text[]) ORDER BY external_id, stream`,
      [connectionId, wanted],
    );
    return new Map(found.map((row) => [row.external_id, row.stream]));
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

interface PendingRow {
  id: string;
  stream: string;
  external_id: string;
  revision: number;
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
  ship_from: PushDocument['shipFrom'];
  ship_to: PushDocument['shipTo'];
  original_external_id: string | null;
  review_required: boolean;
  review_message: string | null;
  queued_at: string;
}

interface LineRow {
  transaction_id: string;
  line_number: number;
  sku: string | null;
  description: string | null;
  quantity: string;
  amount: string;
  discount: string;
  tax: string;
  tax_code: string | null;
}

interface TaxRow {
  transaction_id: string;
  name: string;
  rate: string | null;
  amount: string;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
