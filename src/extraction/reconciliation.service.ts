import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import type { PageQueryDto } from '../common/paging.js';
import { ConnectionService } from '../connections/connection.service.js';
import { ActivityLog } from '../operations/activity-log.js';
import { ExtractionRepository, type ReconciliationRow } from './extraction.repository.js';
import { ExtractionService } from './extraction.service.js';
import type { ReconciledDay } from './reconciliation.js';
import type { ReconciliationDto, ReconciliationPage, ReconciliationScheduleDto, RepairDto, RequestReconciliationPayload } from './reconciliation.dto.js';
import { ReconciliationScheduler } from './reconciliation-scheduler.js';

const MAX_DAYS = 93;

/** The rules of reconciliation: who may ask for one, over which period, and how a mismatch is repaired. */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly repository: ExtractionRepository,
    private readonly scheduler: ReconciliationScheduler,
    private readonly connections: ConnectionService,
    private readonly extraction: ExtractionService,
    private readonly activities: ActivityLog,
  ) {}

  /** Queued whatever the connection's state: without a working authorization it fails as AUTH_ERROR, saying so. */
  async request(principal: Principal, connectionId: string, payload: RequestReconciliationPayload): Promise<ReconciliationDto> {
    await this.connections.get(principal, connectionId);
    if (payload.from > payload.to) throw new ValidationFailedError([{ field: 'to', message: 'must not be before from' }]);
    if (payload.to > new Date().toISOString().slice(0, 10)) throw new ValidationFailedError([{ field: 'to', message: 'must not be in the future' }]);
    if (Date.parse(payload.to) - Date.parse(payload.from) > (MAX_DAYS - 1) * 86_400_000) {
      throw new ValidationFailedError([{ field: 'to', message: `a reconciliation covers at most ${MAX_DAYS} days` }]);
    }
    const created = await this.repository.transaction(async (tx) => {
      const row = await this.repository.insertReconciliation(tx, { connectionId, trigger: 'manual', from: payload.from, to: payload.to, requestedBy: principal.subject });
      await this.scheduler.enqueue(tx.boss, [row.id]);
      return row;
    });
    return toReconciliationDto(created);
  }

  async get(principal: Principal, connectionId: string, id: string): Promise<ReconciliationDto> {
    await this.connections.get(principal, connectionId);
    return toReconciliationDto(await this.find(connectionId, id));
  }

  async list(principal: Principal, connectionId: string, query: PageQueryDto): Promise<ReconciliationPage> {
    await this.connections.get(principal, connectionId);
    const page = await this.repository.listReconciliations(connectionId, query);
    return { content: page.content.map(toReconciliationDto), page: page.page };
  }

  /**
   * Makes the store match the source again: documents the source no longer has are voided (and
   * pushed as voided); missing and different ones are re-read by one window re-sync of the days
   * they were changed on at the source (upserts only, checkpoints untouched).
   */
  async repair(principal: Principal, connectionId: string, id: string): Promise<RepairDto> {
    await this.connections.get(principal, connectionId);
    const reconciliation = await this.find(connectionId, id);
    if (reconciliation.status !== 'succeeded') throw new ConflictError('RECONCILIATION.NOT_FINISHED', `The reconciliation is ${reconciliation.status}; only a finished one can be repaired`);
    if (reconciliation.matched) throw new ConflictError('RECONCILIATION.MATCHED', 'Every day matched: there is nothing to repair');
    if (reconciliation.repaired_at) throw new ConflictError('RECONCILIATION.REPAIRED', 'This reconciliation was already repaired; reconcile again to see what is left');
    const active = await this.repository.activeRun(connectionId);
    if (active) throw new ConflictError('SYNC.ALREADY_ACTIVE', `A run is ${active.status}: wait for it before repairing`, { activeSyncId: active.id });

    const differences = reconciliation.differences ?? [];
    const extra = differences.filter((d) => d.kind === 'extra');
    const reread = differences.filter((d) => d.kind !== 'extra');
    const voided = await this.repository.transaction(async (tx) => {
      const count = await this.repository.voidDocuments(tx, connectionId, extra);
      await this.repository.markRepaired(tx, id, null);
      await this.activities.record(
        {
          connectionId,
          type: 'reconciliation.repaired',
          actor: principal.subject,
          message: `Repair of reconciliation ${id}: ${count} document(s) the source no longer has voided, ${reread.length} to re-read`,
          details: { reconciliationId: id, voided: extra.map((d) => `${d.stream}:${d.externalId}`), reread: reread.map((d) => `${d.stream}:${d.externalId}`) },
        },
        tx,
      );
      return count;
    });
    let sync = null;
    if (reread.length > 0) {
      const days = reread.map((d) => d.modifiedDay ?? d.day).sort();
      sync = await this.extraction.trigger(principal, connectionId, { streams: [...new Set(reread.map((d) => d.stream))], from: days[0], to: days[days.length - 1] });
      await this.repository.transaction((tx) => this.repository.markRepaired(tx, id, sync!.id));
    }
    return { reconciliation: toReconciliationDto(await this.find(connectionId, id)), voided, sync };
  }

  async schedule(principal: Principal, connectionId: string): Promise<ReconciliationScheduleDto> {
    await this.connections.get(principal, connectionId);
    const row = await this.repository.reconciliationSchedule(connectionId);
    return { enabled: row?.enabled ?? false, lastDay: row?.last_day ?? null };
  }

  async setSchedule(principal: Principal, connectionId: string, enabled: boolean): Promise<ReconciliationScheduleDto> {
    await this.connections.get(principal, connectionId);
    const row = await this.repository.setReconciliationSchedule(connectionId, enabled, principal.subject);
    return { enabled: row.enabled, lastDay: row.last_day };
  }

  private async find(connectionId: string, id: string): Promise<ReconciliationRow> {
    const row = await this.repository.findReconciliation(connectionId, id);
    if (!row) throw new NotFoundError('RECONCILIATION.NOT_FOUND', 'Reconciliation', id);
    return row;
  }
}

function toReconciliationDto(row: ReconciliationRow): ReconciliationDto {
  return {
    id: row.id,
    connectionId: row.connection_id,
    trigger: row.trigger,
    status: row.status,
    from: row.from_day,
    to: row.to_day,
    requestedBy: row.requested_by,
    queuedAt: row.queued_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    matched: row.matched,
    days: (row.days ?? []) as ReconciledDay[] as ReconciliationDto['days'],
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    repairSyncId: row.repair_run_id,
    repairedAt: row.repaired_at?.toISOString() ?? null,
  };
}
