import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlOrderBy, type Page, type PageQueryDto } from '../common/paging.js';
import { sqlPage, statementRows, type SqlRows } from '../common/sql.js';

export interface ActivityRow {
  id: string;
  connection_id: string | null;
  occurred_at: Date;
  type: string;
  actor: string | null;
  message: string;
  details: Record<string, unknown> | null;
}

export interface ConnectorErrorRow {
  id: string;
  occurred_at: Date;
  component: string;
  code: string;
  message: string;
  connection_id: string | null;
}

export interface ConnectorStateRow {
  enabled: boolean;
  changed_at: Date;
  changed_by: string;
  push_paused_at: Date | null;
  push_paused_reason: string | null;
  push_probed_at: Date | null;
}

export interface NewActivity {
  readonly connectionId: string | null;
  readonly type: string;
  readonly message: string;
  /** The person or token that caused it; absent for the service's own work (scheduler, workers). */
  readonly actor?: string;
  readonly details?: Record<string, unknown>;
}

/** The only place that queries the connector's bookkeeping: activity log, connector errors, the connector switch. */
@Injectable()
export class OperationsRepository implements SqlRows {
  private readonly statements: SqlRows;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.statements = statementRows(dataSource);
  }

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.statements.rows<T>(sql, params);
  }


  async insertActivities(db: SqlRows, activities: readonly NewActivity[]): Promise<void> {
    if (activities.length === 0) return;
    await db.rows(
      `INSERT INTO connection_activities (connection_id, type, actor, message, details)
       SELECT x.connection_id, x.type, x.actor, left(x.message, 2048), x.details
       FROM jsonb_to_recordset($1::jsonb) AS x(connection_id uuid, type text, actor text, message text, details jsonb)`,
      [
        JSON.stringify(
          activities.map((a) => ({ connection_id: a.connectionId, type: a.type, actor: a.actor ?? null, message: a.message, details: a.details ?? null })),
        ),
      ],
    );
  }

  /** A connection's entries and the connector-wide ones, newest first, within [from, to). */
  listActivities(connectionId: string, from: Date, to: Date, type: string | undefined, query: PageQueryDto): Promise<Page<ActivityRow>> {
    const order = sqlOrderBy(query.pageSort?.length ? query.pageSort : ['occurredAt,DESC'], { occurredAt: 'a.occurred_at', type: 'a.type' }, 'a.id');
    return sqlPage<ActivityRow>(
      this,
      'a.*',
      `connection_activities a WHERE (a.connection_id = $1 OR a.connection_id IS NULL) AND a.occurred_at >= $2 AND a.occurred_at < $3
         AND ($4::text IS NULL OR a.type = $4)`,
      [connectionId, from, to, type ?? null],
      order,
      query,
    );
  }

  async deleteActivitiesBefore(before: Date): Promise<void> {
    await this.rows(`DELETE FROM connection_activities WHERE occurred_at < $1 RETURNING 1`, [before]);
  }

  async insertError(error: { component: string; code: string; message: string; connectionId?: string }): Promise<void> {
    await this.rows(`INSERT INTO connector_errors (component, code, message, connection_id) VALUES ($1, $2, left($3, 1024), $4) RETURNING id`, [
      error.component,
      error.code,
      error.message,
      error.connectionId ?? null,
    ]);
  }

  listErrors(component: string | undefined, query: PageQueryDto): Promise<Page<ConnectorErrorRow>> {
    const order = sqlOrderBy(query.pageSort?.length ? query.pageSort : ['occurredAt,DESC'], { occurredAt: 'e.occurred_at', component: 'e.component' }, 'e.id');
    return sqlPage<ConnectorErrorRow>(this, 'e.*', `connector_errors e WHERE ($1::text IS NULL OR e.component = $1)`, [component ?? null], order, query);
  }

  async connectorState(): Promise<ConnectorStateRow> {
    const [row] = await this.rows<ConnectorStateRow>(`SELECT * FROM connector_state WHERE id`);
    return row;
  }

  /** Sets the switch; returns the state before, so the caller records only real changes. */
  async setConnectorEnabled(enabled: boolean, by: string): Promise<{ before: boolean; state: ConnectorStateRow }> {
    const [row] = await this.rows<ConnectorStateRow & { before: boolean }>(
      `UPDATE connector_state s SET enabled = $1, changed_at = CASE WHEN s.enabled = $1 THEN s.changed_at ELSE now() END,
         changed_by = CASE WHEN s.enabled = $1 THEN s.changed_by ELSE $2 END
       FROM (SELECT enabled AS before FROM connector_state WHERE id FOR UPDATE) old
       WHERE s.id RETURNING s.*, old.before`,
      [enabled, by],
    );
    const { before, ...state } = row;
    return { before, state };
  }

  /** True when this call paused the push (it was running). */
  async pausePush(reason: string): Promise<boolean> {
    const rows = await this.rows(
      `UPDATE connector_state SET push_paused_at = now(), push_paused_reason = left($1, 1024), push_probed_at = now()
       WHERE id AND push_paused_at IS NULL RETURNING 1`,
      [reason],
    );
    return rows.length > 0;
  }

  /** True when this call resumed the push (it was paused). */
  async resumePush(): Promise<boolean> {
    const rows = await this.rows(`UPDATE connector_state SET push_paused_at = NULL, push_paused_reason = NULL WHERE id AND push_paused_at IS NOT NULL RETURNING 1`);
    return rows.length > 0;
  }

  /** Claims the next probe of a paused push: true for one caller per interval, whatever the number of workers. */
  async claimProbe(intervalSeconds: number): Promise<boolean> {
    const rows = await this.rows(
      `UPDATE connector_state SET push_probed_at = now()
       WHERE id AND push_paused_at IS NOT NULL AND (push_probed_at IS NULL OR push_probed_at <= now() - make_interval(secs => $1))
       RETURNING 1`,
      [intervalSeconds],
    );
    return rows.length > 0;
  }
}
