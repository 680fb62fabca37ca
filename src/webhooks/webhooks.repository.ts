import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlOrderBy, type Page, type PageQueryDto } from '../common/paging.js';
import { sqlPage, statementRows, type SqlRows } from '../common/sql.js';

export interface SubscriptionRow {
  id: string;
  tenant: string;
  url: string;
  events: string[];
  description: string | null;
  secret_encrypted: string;
  created_at: Date;
  created_by: string;
}

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  created_at: Date;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  attempt_log: Array<{ at: string; status: number | null; error: string | null; ms: number }>;
}

export interface DueDelivery {
  id: string;
  subscription_id: string;
  event_type: string;
  /** The exact text that is signed and sent. */
  body: string;
  attempts: number;
  url: string;
  secret_encrypted: string;
}

/** The only place that queries webhook subscriptions and their delivery outbox. */
@Injectable()
export class WebhooksRepository implements SqlRows {
  private readonly statements: SqlRows;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.statements = statementRows(dataSource);
  }

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.statements.rows<T>(sql, params);
  }


  async insertSubscription(row: Omit<SubscriptionRow, 'created_at'>): Promise<SubscriptionRow> {
    const [created] = await this.rows<SubscriptionRow>(
      `INSERT INTO webhook_subscriptions (id, tenant, url, events, description, secret_encrypted, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [row.id, row.tenant, row.url, row.events, row.description, row.secret_encrypted, row.created_by],
    );
    return created;
  }

  /** `tenants` undefined: every tenant (the service token). */
  listSubscriptions(tenants: string[] | undefined, query: PageQueryDto): Promise<Page<SubscriptionRow>> {
    const order = sqlOrderBy(query.pageSort?.length ? query.pageSort : ['createdAt,DESC'], { createdAt: 's.created_at', url: 's.url' }, 's.id');
    return sqlPage<SubscriptionRow>(this, 's.*', `webhook_subscriptions s WHERE ($1::uuid[] IS NULL OR s.tenant = ANY($1::uuid[]))`, [tenants ?? null], order, query);
  }

  async findSubscription(id: string, tenants: string[] | undefined): Promise<SubscriptionRow | undefined> {
    const [row] = await this.rows<SubscriptionRow>(`SELECT * FROM webhook_subscriptions WHERE id = $1 AND ($2::uuid[] IS NULL OR tenant = ANY($2::uuid[]))`, [id, tenants ?? null]);
    return row;
  }

  async deleteSubscription(id: string): Promise<void> {
    await this.rows(`DELETE FROM webhook_subscriptions WHERE id = $1 RETURNING id`, [id]);
  }

  listDeliveries(subscriptionId: string, state: string | undefined, query: PageQueryDto): Promise<Page<DeliveryRow>> {
    const order = sqlOrderBy(query.pageSort?.length ? query.pageSort : ['createdAt,DESC'], { createdAt: 'd.created_at', state: 'd.state' }, 'd.id');
    return sqlPage<DeliveryRow>(
      this,
      'd.*',
      `webhook_deliveries d WHERE d.subscription_id = $1 AND ($2::text IS NULL OR d.state = $2)`,
      [subscriptionId, state ?? null],
      order,
      query,
    );
  }

  /** Tries the delivery again now, with a fresh retry schedule; its id (the webhook-id) stays. */
  async redeliver(subscriptionId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
    const [row] = await this.rows<DeliveryRow>(
      `UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = clock_timestamp()
       WHERE id = $1 AND subscription_id = $2 RETURNING *`,
      [deliveryId, subscriptionId],
    );
    return row;
  }

  /**
   * Claims due deliveries for `leaseSeconds`: a worker that dies while delivering leaves them to
   * be claimed again when the lease ends (at least once), and two workers never send one at once.
   */
  claimDue(limit: number, leaseSeconds: number): Promise<DueDelivery[]> {
    return this.rows<DueDelivery>(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
         WHERE d.state = 'pending' AND d.next_attempt_at <= clock_timestamp()
         ORDER BY d.next_attempt_at LIMIT $1
         FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_deliveries d SET next_attempt_at = clock_timestamp() + make_interval(secs => $2)
       FROM due, webhook_subscriptions s
       WHERE d.id = due.id AND s.id = d.subscription_id
       RETURNING d.id, d.subscription_id, d.event_type, d.payload::text AS body, d.attempts, s.url, s.secret_encrypted`,
      [limit, leaseSeconds],
    );
  }

  /** Records one attempt; `retryInSeconds` null means no further attempt (delivered, or given up). */
  async recordAttempt(id: string, outcome: { delivered: boolean; status: number | null; error: string | null; ms: number; retryInSeconds: number | null }): Promise<void> {
    await this.rows(
      `UPDATE webhook_deliveries SET
         attempts = attempts + 1,
         state = CASE WHEN $2 THEN 'delivered' WHEN $6::double precision IS NULL THEN 'failed' ELSE 'pending' END,
         delivered_at = CASE WHEN $2 THEN clock_timestamp() ELSE delivered_at END,
         next_attempt_at = CASE WHEN $6::double precision IS NULL THEN next_attempt_at ELSE clock_timestamp() + make_interval(secs => $6::double precision) END,
         last_status = $3, last_error = left($4, 1024),
         attempt_log = attempt_log || jsonb_build_array(jsonb_build_object('at', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'status', $3::integer, 'error', left($4, 1024), 'ms', $5::integer))
       WHERE id = $1 RETURNING id`,
      [id, outcome.delivered, outcome.status, outcome.error, Math.round(outcome.ms), outcome.retryInSeconds],
    );
  }
}
