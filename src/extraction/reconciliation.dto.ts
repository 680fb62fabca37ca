import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BooleanField, DateField } from '../common/fields.js';
import { PageMetaDto } from '../common/paging.js';
import { SyncRunDto } from './extraction.dto.js';

export class RequestReconciliationPayload {
  @DateField({ example: '2026-03-01', description: 'First UTC day to verify' }) readonly from: string;
  @DateField({ example: '2026-03-31', description: 'Last UTC day to verify (at most 93 days after from, not in the future)' }) readonly to: string;
}

export class DayFiguresDto {
  @ApiProperty({ example: 41 }) readonly salesCount: number;
  @ApiProperty({ example: 2 }) readonly refundCount: number;
  @ApiProperty({ example: '4120.5500', description: 'Sales minus refunds' }) readonly total: string;
  @ApiProperty({ example: '310.1200' }) readonly tax: string;
  @ApiProperty({ example: '95.0000' }) readonly shipping: string;
}

export class ReconciledDayDto {
  @ApiProperty({ format: 'date', example: '2026-03-01' }) readonly day: string;
  @ApiPropertyOptional({ nullable: true, example: 'USD' }) readonly currency: string | null;
  @ApiProperty({ type: DayFiguresDto, description: "The source's own documents, re-read" }) readonly source: DayFiguresDto;
  @ApiProperty({ type: DayFiguresDto, description: 'Active documents in the store' }) readonly extracted: DayFiguresDto;
  @ApiPropertyOptional({ type: DayFiguresDto, nullable: true, description: 'Documents TrustFile holds at their current revision; null without the push' })
  readonly pushed: DayFiguresDto | null;
  @ApiProperty({ example: true }) readonly matched: boolean;
  @ApiProperty({ type: [String], description: 'External ids the source has and the store does not count' }) readonly missing: string[];
  @ApiProperty({ type: [String], description: 'External ids the store counts and the source does not have (or voided)' }) readonly extra: string[];
  @ApiProperty({ type: [String], description: 'External ids whose content differs (content hash)' }) readonly different: string[];
}

export class ReconciliationDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ format: 'uuid' }) readonly connectionId: string;
  @ApiProperty({ enum: ['manual', 'scheduled'] }) readonly trigger: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) readonly status: string;
  @ApiProperty({ format: 'date' }) readonly from: string;
  @ApiProperty({ format: 'date' }) readonly to: string;
  @ApiProperty({ example: 'auth0|5f1c' }) readonly requestedBy: string;
  @ApiProperty({ format: 'date-time' }) readonly queuedAt: string;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) readonly startedAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) readonly finishedAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Every day matched; null until it succeeded' }) readonly matched: boolean | null;
  @ApiProperty({ type: [ReconciledDayDto] }) readonly days: ReconciledDayDto[];
  @ApiPropertyOptional({ nullable: true, type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } })
  readonly error: { code: string; message: string } | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'The window run the repair queued' }) readonly repairSyncId: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) readonly repairedAt: string | null;
}

export class ReconciliationPage {
  @ApiProperty({ type: [ReconciliationDto] }) readonly content: ReconciliationDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}

export class RepairDto {
  @ApiProperty({ type: ReconciliationDto }) readonly reconciliation: ReconciliationDto;
  @ApiProperty({ example: 1, description: 'Documents the source no longer has, voided (and pushed as voided)' }) readonly voided: number;
  @ApiPropertyOptional({ type: SyncRunDto, nullable: true, description: 'The window re-sync of the days the differing documents were changed on' })
  readonly sync: SyncRunDto | null;
}

export class ReconciliationSchedulePayload {
  @BooleanField({ example: true, description: 'Reconcile yesterday (UTC) every day' }) readonly enabled: boolean;
}

export class ReconciliationScheduleDto {
  @ApiProperty({ example: true }) readonly enabled: boolean;
  @ApiPropertyOptional({ nullable: true, format: 'date', description: 'The last day a daily reconciliation was queued for' }) readonly lastDay: string | null;
}
