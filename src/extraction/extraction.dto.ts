import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { DateField, EnumField, StringField } from '../common/fields.js';
import { PageMetaDto, PageQueryDto } from '../common/paging.js';
import { ConnectionStatusDto } from '../connections/connection.dto.js';
import { RUN_STATUSES, RUN_TRIGGERS, type RunStatus, type RunTrigger } from './extraction.repository.js';

/** An ISO-8601 timestamp with a time zone (`2026-02-01T00:00:00Z`). */
function TimestampField(options: { example: string; description?: string }): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, format: 'date-time', example: options.example, description: options.description }),
    IsISO8601({ strict: true }, { message: ({ property }) => `${property} must be an ISO-8601 timestamp such as 2026-02-01T00:00:00Z` }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: ({ property }) => `${property} must carry a time zone (Z or ±hh:mm)` }),
  );
}

/** Body of POST /connections/{id}/syncs: empty for a sync now; streams and/or a window to re-read a period. */
export class TriggerSyncPayload {
  @ApiPropertyOptional({ type: [String], example: ['orders'], description: 'Only these streams (default: every enabled import plug)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  readonly streams?: string[];

  @DateField({ optional: true, example: '2026-01-01', description: 'Re-read from this UTC day (with `to`): upserts only, checkpoints untouched' })
  readonly from?: string;

  @DateField({ optional: true, example: '2026-01-31', description: 'Re-read up to and including this UTC day' })
  readonly to?: string;
}

export class ListSyncsQuery extends PageQueryDto {
  @EnumField(RUN_STATUSES, { optional: true, example: 'succeeded' })
  readonly status?: RunStatus;
}

export class RunErrorDto {
  @ApiProperty({ example: 'HOST_UNAVAILABLE', description: 'AUTH_ERROR, HOST_UNAVAILABLE, HOST_UNREACHABLE, HOST_RATE_LIMITED, HOST_REFUSED, INTERRUPTED, CONNECTION_DISABLED, INTERNAL, …' })
  readonly code: string;
  @ApiProperty({ example: 'GET api.bigcommerce.com/stores/abc/v2/orders answered 503' })
  readonly message: string;
}

export class SyncStreamDto {
  @ApiProperty({ example: 'orders' }) readonly stream: string;
  @ApiProperty({ enum: ['pending', 'running', 'succeeded', 'failed', 'cancelled'], example: 'succeeded' }) readonly status: string;
  @ApiProperty({ example: 250, description: 'Records read from the host' }) readonly fetched: number;
  @ApiProperty({ example: 240 }) readonly inserted: number;
  @ApiProperty({ example: 4, description: 'Changed at the source: written with the next revision' }) readonly updated: number;
  @ApiProperty({ example: 5, description: 'Read again, unchanged: nothing written' }) readonly unchanged: number;
  @ApiProperty({ example: 1, description: 'Could not be transformed: kept with the reason' }) readonly failed: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: '2026-01-01T00:00:00.000Z' }) readonly windowSince: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: '2026-11-30T23:59:00.000Z' }) readonly windowUntil: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: '2026-11-30T23:59:00.000Z', description: 'Source time reached once the stream finished' })
  readonly syncedThrough: string | null;
}

export class SyncRunDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ format: 'uuid' }) readonly connectionId: string;
  @ApiProperty({ enum: RUN_TRIGGERS, example: 'scheduled' }) readonly trigger: RunTrigger;
  @ApiProperty({ enum: RUN_STATUSES, example: 'running' }) readonly status: RunStatus;
  @ApiProperty({ example: 1, description: 'Attempt number (retries after transient failures, or after a worker was lost)' }) readonly attempt: number;
  @ApiPropertyOptional({ type: [String], nullable: true, example: null, description: 'The streams asked for (null: every enabled import plug)' })
  readonly requestedStreams: string[] | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, example: null }) readonly from: string | null;
  @ApiPropertyOptional({ format: 'date', nullable: true, example: null }) readonly to: string | null;
  @ApiProperty({ example: 'scheduler' }) readonly requestedBy: string;
  @ApiProperty({ format: 'date-time' }) readonly queuedAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) readonly startedAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) readonly finishedAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'deferred: when it resumes (the host’s daily budget resets, or a long rate-limit wait ends)' }) readonly resumeAt: string | null;
  @ApiPropertyOptional({ type: RunErrorDto, nullable: true }) readonly error: RunErrorDto | null;
  @ApiProperty({ type: [SyncStreamDto], description: 'Per stream, updated after every page' }) readonly streams: SyncStreamDto[];
}

export class SyncRunPage {
  @ApiProperty({ type: [SyncRunDto] }) readonly content: SyncRunDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}

/** GET /connections/{id}/status: the connection's state and its extraction. */
export class ConnectionSyncStatusDto extends ConnectionStatusDto {
  @ApiPropertyOptional({ type: SyncRunDto, nullable: true, description: 'The latest run: while it runs, its progress per stream' })
  declare readonly lastRun: SyncRunDto | null;
  @ApiProperty({ example: 1204, description: 'Sales and refund documents extracted' }) readonly extracted: number;
  @ApiProperty({ example: 1190, description: 'Documents TrustFile holds at their current revision' }) readonly pushed: number;
  @ApiProperty({ example: 12, description: 'Documents whose current revision waits to be pushed' }) readonly pending: number;
  @ApiProperty({ example: 2, description: 'Documents TrustFile rejected at their current revision (see baditems)' }) readonly rejected: number;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'The last successful push of this connection' }) readonly lastPushAt: string | null;
}

export class StreamStateDto {
  @ApiProperty({ example: 'orders' }) readonly stream: string;
  @ApiProperty({ example: true }) readonly enabled: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: '2026-11-30T23:59:00.000Z', description: 'Source time the stream has been read up to' })
  readonly syncedThrough: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) readonly lastSuccessAt: string | null;
  @ApiProperty({ example: 1204, description: 'Documents or records stored for the stream' }) readonly records: number;
  @ApiProperty({ example: false, description: 'A read was interrupted and resumes from its last page' }) readonly readInProgress: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) readonly updatedAt: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'extraction', description: 'Who last moved the checkpoint' }) readonly updatedBy: string | null;
}

export class MoveCheckpointPayload {
  @TimestampField({ example: '2026-02-01T00:00:00Z', description: 'The next run reads from here (minus the lookback)' })
  readonly syncedThrough: string;
}

export const TRANSACTION_TYPES = ['sale', 'refund'] as const;
export const TRANSACTION_STATUSES = ['active', 'voided'] as const;

export class ListTransactionsQuery extends PageQueryDto {
  @EnumField(TRANSACTION_TYPES, { optional: true, example: 'sale' }) readonly type?: (typeof TRANSACTION_TYPES)[number];
  @EnumField(TRANSACTION_STATUSES, { optional: true, example: 'active' }) readonly status?: (typeof TRANSACTION_STATUSES)[number];
  @DateField({ optional: true, example: '2026-01-01', description: 'transactionDate on or after this UTC day' }) readonly from?: string;
  @DateField({ optional: true, example: '2026-01-31', description: 'transactionDate on or before this UTC day' }) readonly to?: string;
  @StringField({ optional: true, example: '100234' }) readonly externalId?: string;
}

export class AddressDto {
  @ApiPropertyOptional({ nullable: true, example: '12 Main St' }) readonly line1: string | null;
  @ApiPropertyOptional({ nullable: true, example: null }) readonly line2: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Austin' }) readonly city: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'TX' }) readonly region: string | null;
  @ApiPropertyOptional({ nullable: true, example: '78701' }) readonly postalCode: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'US' }) readonly country: string | null;
}

export class TransactionLineDto {
  @ApiProperty({ example: 1 }) readonly lineNumber: number;
  @ApiPropertyOptional({ nullable: true, example: 'SKU-1' }) readonly sku: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Blue mug' }) readonly description: string | null;
  @ApiProperty({ example: '2', description: 'Decimal string' }) readonly quantity: string;
  @ApiProperty({ example: '100.0000', description: 'Decimal string, before tax' }) readonly amount: string;
  @ApiProperty({ example: '0.0000' }) readonly discount: string;
  @ApiProperty({ example: '8.2500' }) readonly tax: string;
  @ApiPropertyOptional({ nullable: true, example: null }) readonly taxCode: string | null;
}

export class TransactionTaxDto {
  @ApiProperty({ example: 'TX State Tax' }) readonly name: string;
  @ApiPropertyOptional({ nullable: true, example: '0.0625', description: 'A fraction: 0.0625 = 6.25 %' }) readonly rate: string | null;
  @ApiProperty({ example: '6.2500' }) readonly amount: string;
}

export class TransactionPushErrorDto {
  @ApiPropertyOptional({ nullable: true, example: 'shipToAddress.postalCode' }) readonly field: string | null;
  @ApiProperty({ example: 'postal code is not valid for the region' }) readonly message: string;
}

export class TransactionPushDto {
  @ApiProperty({ enum: ['pending', 'pushed', 'rejected'], description: 'pushed: TrustFile holds the current revision' }) readonly state: 'pending' | 'pushed' | 'rejected';
  @ApiPropertyOptional({ nullable: true, example: 2, description: 'The latest revision TrustFile accepted' }) readonly pushedRevision: number | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) readonly pushedAt: string | null;
  @ApiProperty({ type: [TransactionPushErrorDto], description: "TrustFile's reasons, when rejected" }) readonly errors: TransactionPushErrorDto[];
}

export class TransactionDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ example: 'orders' }) readonly stream: string;
  @ApiProperty({ example: '100234', description: "The host's id of the document" }) readonly externalId: string;
  @ApiProperty({ enum: TRANSACTION_TYPES, example: 'sale' }) readonly type: string;
  @ApiProperty({ enum: TRANSACTION_STATUSES, example: 'active' }) readonly status: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T17:04:11.000Z', description: 'When the sale or refund happened (UTC)' }) readonly transactionDate: string;
  @ApiPropertyOptional({ nullable: true, example: '100234' }) readonly documentNumber: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'USD' }) readonly currency: string | null;
  @ApiProperty({ example: '100.0000' }) readonly subtotal: string;
  @ApiProperty({ example: '0.0000' }) readonly discount: string;
  @ApiProperty({ example: '9.9900', description: 'Excluding tax' }) readonly shipping: string;
  @ApiProperty({ example: '0.8200' }) readonly shippingTax: string;
  @ApiProperty({ example: '9.0700', description: 'All tax, shipping tax included' }) readonly tax: string;
  @ApiProperty({ example: '119.0600', description: 'Tax included' }) readonly total: string;
  @ApiProperty({ example: false }) readonly taxExempt: boolean;
  @ApiPropertyOptional({ type: AddressDto, nullable: true }) readonly shipFrom: AddressDto | null;
  @ApiPropertyOptional({ type: AddressDto, nullable: true }) readonly shipTo: AddressDto | null;
  @ApiPropertyOptional({ nullable: true, example: null, description: 'Refunds: the sale they refund' }) readonly originalExternalId: string | null;
  @ApiProperty({ example: false }) readonly reviewRequired: boolean;
  @ApiPropertyOptional({ nullable: true, example: null }) readonly reviewMessage: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) readonly sourceModifiedAt: string | null;
  @ApiProperty({ example: 1, description: 'Goes up each time the document changes at the source' }) readonly revision: number;
  @ApiProperty({ example: 'm3t7lK…', description: 'Hash of the content that decides whether it changed' }) readonly contentHash: string;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt: string;
  @ApiProperty({ type: TransactionPushDto, description: 'What TrustFile holds of this document' }) readonly push: TransactionPushDto;
}

export class TransactionDetailDto extends TransactionDto {
  @ApiProperty({ type: [TransactionLineDto] }) readonly lines: TransactionLineDto[];
  @ApiProperty({ type: [TransactionTaxDto] }) readonly taxes: TransactionTaxDto[];
}

export class TransactionPage {
  @ApiProperty({ type: [TransactionDto] }) readonly content: TransactionDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}

export class SummaryQuery {
  @DateField({ example: '2026-01-01' }) readonly from: string;
  @DateField({ example: '2026-01-31' }) readonly to: string;
}

export class SummaryDayDto {
  @ApiProperty({ format: 'date', example: '2026-01-05' }) readonly day: string;
  @ApiPropertyOptional({ nullable: true, example: 'USD' }) readonly currency: string | null;
  @ApiProperty({ example: 12 }) readonly salesCount: number;
  @ApiProperty({ example: 1 }) readonly refundCount: number;
  @ApiProperty({ example: '1523.4500', description: 'Sum of sale totals (tax included)' }) readonly sales: string;
  @ApiProperty({ example: '19.9900', description: 'Sum of refund totals' }) readonly refunds: string;
  @ApiProperty({ example: '1503.4600', description: 'sales − refunds' }) readonly total: string;
  @ApiProperty({ example: '110.2100', description: 'Tax on sales − tax refunded' }) readonly tax: string;
  @ApiProperty({ example: '45.0000', description: 'Shipping on sales − shipping refunded (tax excluded)' }) readonly shipping: string;
  @ApiProperty({ example: '111.8500' }) readonly salesTax: string;
  @ApiProperty({ example: '1.6400' }) readonly refundsTax: string;
  @ApiProperty({ example: '45.0000' }) readonly salesShipping: string;
  @ApiProperty({ example: '0.0000' }) readonly refundsShipping: string;
}

export class SummaryDto {
  @ApiProperty({ format: 'date' }) readonly from: string;
  @ApiProperty({ format: 'date' }) readonly to: string;
  @ApiProperty({ type: [SummaryDayDto] }) readonly days: SummaryDayDto[];
}

export class ListRecordsQuery extends PageQueryDto {
  @StringField({ example: 'users', maxLength: 64, description: 'A reference stream of the connector (AroFlo: users, suppliers, payments)' })
  readonly stream: string;
}

export class ExtractedRecordDto {
  @ApiProperty({ example: 'users' }) readonly stream: string;
  @ApiProperty({ example: 'U-1001' }) readonly externalId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { id: 'U-1001', name: 'Ada', address_city: 'Sydney' } }) readonly data: Record<string, unknown>;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) readonly sourceModifiedAt: string | null;
  @ApiProperty({ example: 1 }) readonly revision: number;
  @ApiProperty({ format: 'date-time' }) readonly updatedAt: string;
}

export class ExtractedRecordPage {
  @ApiProperty({ type: [ExtractedRecordDto] }) readonly content: ExtractedRecordDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}
