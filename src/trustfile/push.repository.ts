import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { sqlOrderBy, type Page, type PageQueryDto } from '../common/paging.js';
import { sqlPage, type SqlRows } from '../common/sql-page.js';
import type { PushDocument, WireItemResult } from './trustfile-wire.js';

export type PushState = 'pending' | 'pushed' | 'rejected';

export interface PendingDocument extends PushDocument {
  readonly transactionId: string;
}

export interface PushTarget {
  readonly connectionId: string;
  readonly connector: string;
  readonly companyToken: string;
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

/** Queries in one transaction; also the executor the activity log writes through. */
export class PushTx implements SqlRows {
  constructor(private readonly runner: QueryRunner) {}

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.runner.query(sql, params, true)).records as T[];
  }
}

/** The push's queries over the extraction store: its outbox, the documents it sends, what TrustFile answered. */
@Injectable()
export class PushRepository implements SqlRows {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, params, true)).records as T[];
    } finally {
      await runner.release();
    }
  }

  async transaction<T>(work: (tx: PushTx) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const result = await work(new PushTx(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
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
    const [row] = await this.rows<{ id: string; connector: string; company_token: string }>(
      `SELECT id, connector, company_token FROM connections WHERE id = $1 AND deleted_at IS NULL`,
      [connectionId],
    );
    return row && { connectionId: row.id, connector: row.connector, companyToken: row.company_token };
  }

  /**
   * The oldest pending documents at their current revision, with lines and taxes; money stays
   * decimal text all the way (numeric::text, never a JSON number). `after` continues past a
   * batch that is still being answered.
   */
  async pendingDocuments(target: PushTarget, limit: number, after?: { queuedAt: string; transactionId: string }): Promise<Array<PendingDocument & { queuedAt: string }>> {
    const rows = await this.rows<PendingRow>(
      `SELECT t.id, t.stream, t.external_id, t.revision, t.type, t.status, t.transaction_date, t.document_number, t.currency,
         t.subtotal::text, t.discount::text, t.shipping::text, t.shipping_tax::text, t.tax::text, t.total::text, t.tax_exempt,
         t.ship_from, t.ship_to, t.original_external_id, t.review_required, t.review_message,
         to_char(o.queued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS queued_at,
         (SELECT s.stream FROM extracted_transactions s
           WHERE s.connection_id = t.connection_id AND s.type = 'sale' AND s.external_id = t.original_external_id LIMIT 1) AS original_stream,
         COALESCE((SELECT json_agg(json_build_object('lineNumber', l.line_number, 'sku', l.sku, 'description', l.description,
             'quantity', l.quantity::text, 'amount', l.amount::text, 'discount', l.discount::text, 'tax', l.tax::text, 'taxCode', l.tax_code)
             ORDER BY l.line_number)
           FROM extracted_transaction_lines l WHERE l.transaction_id = t.id), '[]') AS lines,
         COALESCE((SELECT json_agg(json_build_object('name', x.name, 'rate', x.rate::text, 'amount', x.amount::text) ORDER BY x.position)
           FROM extracted_transaction_taxes x WHERE x.transaction_id = t.id), '[]') AS taxes
       FROM push_outbox o JOIN extracted_transactions t ON t.id = o.transaction_id
       WHERE o.connection_id = $1 AND o.state = 'pending'
         AND ($3::timestamp IS NULL OR (o.queued_at AT TIME ZONE 'UTC', o.transaction_id) > ($3::timestamp, $4::uuid))
       ORDER BY o.queued_at, o.transaction_id
       LIMIT $2`,
      [target.connectionId, limit, after?.queuedAt ?? null, after?.transactionId ?? null],
    );
    return rows.map((row) => ({
      transactionId: row.id,
      queuedAt: row.queued_at,
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
      originalStream: row.original_stream,
      reviewRequired: row.review_required,
      reviewMessage: row.review_message,
      lines: row.lines,
      taxes: row.taxes,
    }));
  }

  /**
   * Records TrustFile's answer per item. Only the revision that was sent is marked: when the
   * document changed meanwhile, its newer revision stays pending (the pushed revision is noted).
   */
  async recordOutcomes(tx: PushTx, connectionId: string, outcomes: readonly PushOutcome[]): Promise<void> {
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
  original_stream: string | null;
  review_required: boolean;
  review_message: string | null;
  queued_at: string;
  lines: PushDocument['lines'];
  taxes: PushDocument['taxes'];
}
