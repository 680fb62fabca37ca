import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import type { Page } from '../common/paging.js';
import type { ConnectionDto } from '../connections/connection.dto.js';
import { ConnectionService } from '../connections/connection.service.js';
import { HOST_ADAPTERS } from '../host-system/host-adapters.js';
import { ActivityLog } from '../operations/activity-log.js';
import { ConnectorSwitch } from '../operations/connector-switch.js';
import type {
  ConnectionSyncStatusDto,
  ExtractedRecordDto,
  ListRecordsQuery,
  ListSyncsQuery,
  ListTransactionsQuery,
  StreamStateDto,
  SummaryDto,
  SummaryQuery,
  SyncRunDto,
  TransactionDetailDto,
  TransactionDto,
  TriggerSyncPayload,
} from './extraction.dto.js';
import { ExtractionRepository, type RunRow, type RunStreamRow, type TransactionRow } from './extraction.repository.js';
import { RunQueue } from './run-queue.js';

/** The rules of the extraction API: who may trigger what, and how runs, checkpoints and extracted data are shown. */
@Injectable()
export class ExtractionService {
  constructor(
    private readonly repository: ExtractionRepository,
    private readonly queue: RunQueue,
    private readonly connections: ConnectionService,
    private readonly connectorSwitch: ConnectorSwitch,
    private readonly activities: ActivityLog,
  ) {}

  /**
   * Queues a run now. A window (`from`/`to`) re-reads that period without touching checkpoints.
   * While a run is queued or running, another answers 409 with the active run's id.
   */
  async trigger(principal: Principal, connectionId: string, payload: TriggerSyncPayload): Promise<SyncRunDto> {
    const connection = await this.connections.get(principal, connectionId);
    const streams = payload.streams ? validateStreams(connection, payload.streams) : null;
    if ((payload.from == null) !== (payload.to == null)) {
      throw new ValidationFailedError([{ field: payload.from ? 'to' : 'from', message: 'from and to go together: both, or neither' }]);
    }
    if (payload.from && payload.to && payload.from > payload.to) throw new ValidationFailedError([{ field: 'to', message: 'must not be before from' }]);
    if (payload.from && payload.from > new Date().toISOString().slice(0, 10)) throw new ValidationFailedError([{ field: 'from', message: 'must not be in the future' }]);
    assertMaySync(connection);
    if (!(await this.connectorSwitch.isEnabled())) {
      throw new ConflictError('CONNECTOR.DISABLED', 'The connector is disabled (PUT /connector?enabled=true resumes it): no run starts until then');
    }
    try {
      const run = await this.repository.transaction(async (tx) => {
        await this.repository.lockConnection(tx, connectionId);
        const created = await this.repository.insertRun(tx, {
          connectionId,
          trigger: payload.from ? 'window' : 'manual',
          streams,
          from: payload.from ?? null,
          to: payload.to ?? null,
          requestedBy: principal.subject,
        });
        await this.queue.enqueue(tx.boss, [created.id]);
        return created;
      });
      return toRunDto(run, []);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        const active = await this.repository.activeRun(connectionId);
        throw new ConflictError('SYNC.ALREADY_ACTIVE', `A run of this connection is already ${active?.status ?? 'active'}; wait for it or cancel it`, {
          activeSyncId: active?.id ?? null,
        });
      }
      throw error;
    }
  }

  async listRuns(principal: Principal, connectionId: string, query: ListSyncsQuery): Promise<Page<SyncRunDto>> {
    await this.connections.get(principal, connectionId);
    const page = await this.repository.listRuns(connectionId, query);
    const streams = await this.repository.runStreams(page.content.map((run) => run.id));
    return { ...page, content: page.content.map((run) => toRunDto(run, streams.filter((s) => s.run_id === run.id))) };
  }

  async getRun(principal: Principal, connectionId: string, runId: string): Promise<SyncRunDto> {
    await this.connections.get(principal, connectionId);
    const run = await this.repository.findRun(connectionId, runId);
    if (!run) throw new NotFoundError('SYNC.NOT_FOUND', 'Sync', runId);
    return toRunDto(run, await this.repository.runStreams([run.id]));
  }

  async cancel(principal: Principal, connectionId: string, runId: string): Promise<SyncRunDto> {
    await this.connections.get(principal, connectionId);
    const cancelled = await this.repository.cancelRun(connectionId, runId);
    if (!cancelled) {
      const run = await this.repository.findRun(connectionId, runId);
      if (!run) throw new NotFoundError('SYNC.NOT_FOUND', 'Sync', runId);
      throw new ConflictError('SYNC.FINISHED', `The run is already ${run.status}`, { runStatus: run.status });
    }
    await this.queue.cancel(runId);
    return toRunDto(cancelled, await this.repository.runStreams([runId]));
  }

  async status(principal: Principal, connectionId: string): Promise<ConnectionSyncStatusDto> {
    const status = await this.connections.status(principal, connectionId);
    const [last, push] = await Promise.all([this.repository.lastRun(connectionId), this.repository.pushCounts(connectionId)]);
    return {
      ...status,
      lastRun: last ? toRunDto(last, await this.repository.runStreams([last.id])) : null,
      extracted: push.extracted,
      pending: push.pending,
      pushed: push.pushed,
      rejected: push.rejected,
      lastPushAt: iso(push.lastPushAt),
    };
  }

  async streams(principal: Principal, connectionId: string): Promise<StreamStateDto[]> {
    const connection = await this.connections.get(principal, connectionId);
    const checkpoints = new Map((await this.repository.checkpoints(connectionId)).map((row) => [row.stream, row]));
    return readableStreams(connection).map(({ name, enabled }) => {
      const checkpoint = checkpoints.get(name);
      return {
        stream: name,
        enabled,
        syncedThrough: iso(checkpoint?.synced_through ?? null),
        lastSuccessAt: iso(checkpoint?.last_success_at ?? null),
        records: Number(checkpoint?.records ?? 0),
        readInProgress: checkpoint?.read_until != null,
        updatedAt: iso(checkpoint?.updated_at ?? null),
        updatedBy: checkpoint?.updated_by ?? null,
      };
    });
  }

  /** Moves (or, with null, resets) a stream's checkpoint; refused while a run is active, which would overwrite it. */
  async moveCheckpoint(principal: Principal, connectionId: string, stream: string, syncedThrough: string | null): Promise<StreamStateDto> {
    const connection = await this.connections.get(principal, connectionId);
    if (!readableStreams(connection).some((s) => s.name === stream)) {
      throw new NotFoundError('STREAM.NOT_FOUND', 'Stream', `${stream} of connection ${connectionId}`);
    }
    const at = syncedThrough === null ? null : new Date(syncedThrough);
    if (at && Number.isNaN(at.getTime())) throw new ValidationFailedError([{ field: 'syncedThrough', message: 'must be a timestamp such as 2026-02-01T00:00:00Z' }]);
    if (at && at.getTime() > Date.now()) throw new ValidationFailedError([{ field: 'syncedThrough', message: 'must not be in the future' }]);
    await this.repository.transaction(async (tx) => {
      // Locked, so no run can be queued between the check and the move and then overwrite it.
      await this.repository.lockConnection(tx, connectionId);
      const active = await this.repository.activeRunIn(tx, connectionId);
      if (active) {
        throw new ConflictError('SYNC.ALREADY_ACTIVE', `A run is ${active.status}: cancel it or wait for it before moving the checkpoint`, { activeSyncId: active.id });
      }
      const before = await this.repository.checkpointIn(tx, connectionId, stream);
      await this.repository.moveCheckpoint(tx, connectionId, stream, at, principal.subject);
      await this.activities.record(
        at
          ? {
              connectionId,
              type: 'checkpoint.moved',
              actor: principal.subject,
              message: `The ${stream} checkpoint was moved to ${at.toISOString()}; the next run reads from there (minus the lookback)`,
              details: { stream, from: before?.synced_through?.toISOString() ?? null, to: at.toISOString() },
            }
          : {
              connectionId,
              type: 'checkpoint.reset',
              actor: principal.subject,
              message: `The ${stream} checkpoint was reset; the next run re-reads from the start date`,
              details: { stream, from: before?.synced_through?.toISOString() ?? null },
            },
        tx,
      );
    });
    return (await this.streams(principal, connectionId)).find((s) => s.stream === stream)!;
  }

  async listTransactions(principal: Principal, connectionId: string, query: ListTransactionsQuery): Promise<Page<TransactionDto>> {
    await this.connections.get(principal, connectionId);
    if (query.from && query.to && query.from > query.to) throw new ValidationFailedError([{ field: 'to', message: 'must not be before from' }]);
    const page = await this.repository.listTransactions(connectionId, query);
    return { ...page, content: page.content.map(toTransactionDto) };
  }

  async getTransaction(principal: Principal, connectionId: string, transactionId: string): Promise<TransactionDetailDto> {
    await this.connections.get(principal, connectionId);
    const found = await this.repository.findTransaction(connectionId, transactionId);
    if (!found) throw new NotFoundError('TRANSACTION.NOT_FOUND', 'Transaction', transactionId);
    return {
      ...toTransactionDto(found.row),
      lines: found.lines.map((line) => ({
        lineNumber: line.line_number,
        sku: line.sku,
        description: line.description,
        quantity: line.quantity,
        amount: line.amount,
        discount: line.discount,
        tax: line.tax,
        taxCode: line.tax_code,
      })),
      taxes: found.taxes.map((tax) => ({ name: tax.name, rate: tax.rate, amount: tax.amount })),
    };
  }

  async summary(principal: Principal, connectionId: string, query: SummaryQuery): Promise<SummaryDto> {
    await this.connections.get(principal, connectionId);
    if (query.from > query.to) throw new ValidationFailedError([{ field: 'to', message: 'must not be before from' }]);
    if (Date.parse(query.to) - Date.parse(query.from) > 366 * 86_400_000) {
      throw new ValidationFailedError([{ field: 'to', message: 'a summary covers at most 366 days' }]);
    }
    const rows = await this.repository.summary(connectionId, query.from, query.to);
    return {
      from: query.from,
      to: query.to,
      days: rows.map((row) => ({
        day: row.day,
        currency: row.currency,
        salesCount: Number(row.sales_count),
        refundCount: Number(row.refund_count),
        sales: row.sales,
        refunds: row.refunds,
        total: row.total,
        tax: row.tax,
        shipping: row.shipping,
        salesTax: row.sales_tax,
        refundsTax: row.refunds_tax,
        salesShipping: row.sales_shipping,
        refundsShipping: row.refunds_shipping,
      })),
    };
  }

  async listRecords(principal: Principal, connectionId: string, query: ListRecordsQuery): Promise<Page<ExtractedRecordDto>> {
    const connection = await this.connections.get(principal, connectionId);
    if (!readableStreams(connection).some((s) => s.name === query.stream)) {
      const known = readableStreams(connection).map((s) => s.name);
      throw new ValidationFailedError([{ field: 'stream', message: `"${query.stream}" is not a stream of ${connection.connector} (${known.join(', ') || 'none'})` }]);
    }
    const page = await this.repository.listRecords(connectionId, query.stream, query);
    return {
      ...page,
      content: page.content.map((row) => ({
        stream: row.stream,
        externalId: row.external_id,
        data: row.data,
        sourceModifiedAt: iso(row.source_modified_at),
        revision: row.revision,
        updatedAt: row.updated_at.toISOString(),
      })),
    };
  }
}

/** A run can be queued only for an enabled, authorized connection; the problem says which is missing. */
function assertMaySync(connection: ConnectionDto): void {
  const missing = [...(connection.enabled ? [] : ['enabled']), ...(connection.authorization.authorized ? [] : ['authorization'])];
  if (missing.length === 0) return;
  const why = [
    ...(connection.enabled ? [] : ['is not enabled (PUT { "enabled": true, "startDate": … })']),
    ...(connection.authorization.authorized ? [] : [connection.status === 'auth_error' ? 'must be authorized again' : 'is not authorized']),
  ];
  throw new ConflictError(connection.enabled ? 'SYNC.NOT_AUTHORIZED' : 'SYNC.NOT_ENABLED', `The connection ${why.join(' and ')}`, { missing });
}

/** The connection's import plugs that its adapter can read. */
function readableStreams(connection: ConnectionDto): Array<{ name: string; enabled: boolean }> {
  const adapter = HOST_ADAPTERS.find((candidate) => candidate.connector.id === connection.connector);
  if (!adapter) return [];
  return connection.plugs.filter((plug) => plug.direction === 'import' && adapter.readers[plug.name]).map((plug) => ({ name: plug.name, enabled: plug.enabled }));
}

function validateStreams(connection: ConnectionDto, requested: readonly string[]): string[] {
  const readable = readableStreams(connection);
  const errors = requested.flatMap((name) => {
    const stream = readable.find((s) => s.name === name);
    if (!stream) return [{ field: 'streams', message: `"${name}" is not a stream of ${connection.connector} (${readable.map((s) => s.name).join(', ') || 'none'})` }];
    if (!stream.enabled) return [{ field: 'streams', message: `"${name}" is disabled on this connection (plugs)` }];
    return [];
  });
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return [...new Set(requested)];
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function toRunDto(run: RunRow, streams: readonly RunStreamRow[]): SyncRunDto {
  return {
    id: run.id,
    connectionId: run.connection_id,
    trigger: run.trigger,
    status: run.status,
    attempt: run.attempt,
    requestedStreams: run.streams,
    from: run.window_from,
    to: run.window_to,
    requestedBy: run.requested_by,
    queuedAt: run.queued_at.toISOString(),
    startedAt: iso(run.started_at),
    finishedAt: iso(run.finished_at),
    // A run paused by the connector switch has no time: it resumes when the switch is on.
    resumeAt: run.status === 'deferred' && run.error_code !== 'CONNECTOR_DISABLED' ? iso(run.resume_at) : null,
    error: run.error_code ? { code: run.error_code, message: run.error_message ?? '' } : null,
    streams: streams.map((s) => ({
      stream: s.stream,
      status: s.status,
      fetched: Number(s.fetched),
      inserted: Number(s.inserted),
      updated: Number(s.updated),
      unchanged: Number(s.unchanged),
      failed: Number(s.failed),
      windowSince: iso(s.window_since),
      windowUntil: iso(s.window_until),
      syncedThrough: iso(s.synced_through),
    })),
  };
}

function toTransactionDto(row: TransactionRow): TransactionDto {
  return {
    id: row.id,
    stream: row.stream,
    externalId: row.external_id,
    type: row.type,
    status: row.status,
    transactionDate: row.transaction_date.toISOString(),
    documentNumber: row.document_number,
    currency: row.currency,
    subtotal: row.subtotal,
    discount: row.discount,
    shipping: row.shipping,
    shippingTax: row.shipping_tax,
    tax: row.tax,
    total: row.total,
    taxExempt: row.tax_exempt,
    shipFrom: row.ship_from as TransactionDto['shipFrom'],
    shipTo: row.ship_to as TransactionDto['shipTo'],
    originalExternalId: row.original_external_id,
    reviewRequired: row.review_required,
    reviewMessage: row.review_message,
    sourceModifiedAt: iso(row.source_modified_at),
    revision: row.revision,
    contentHash: row.content_hash,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    push: {
      state: row.push_state,
      pushedRevision: row.pushed_revision,
      pushedAt: iso(row.pushed_at),
      errors: row.push_state === 'rejected' ? (row.push_errors ?? []) : [],
    },
  };
}
