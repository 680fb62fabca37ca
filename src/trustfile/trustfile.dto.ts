import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { BooleanField, EnumField, StringField } from '../common/fields.js';
import { PageMetaDto, PageQueryDto } from '../common/paging.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class ListActivitiesQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'From this time or day (UTC), at most 365 days back; default 365 days back' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(TIMESTAMP, { message: 'from must be a date (2026-11-01) or a timestamp with a time zone' })
  readonly from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-12-01T00:00:00Z', description: 'Before this time, or up to and including this day; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(TIMESTAMP, { message: 'to must be a date (2026-12-01) or a timestamp with a time zone' })
  readonly to?: string;

  @StringField({ optional: true, maxLength: 64, example: 'push.batch', description: 'Only entries of this type' })
  readonly type?: string;
}

export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({
    example: 'sync.finished',
    description:
      'sync.started, sync.finished, push.batch, push.failed, push.paused, push.resumed, authorization.granted, authorization.refreshed, ' +
      'authorization.failed, authorization.revoked, connection.enabled, connection.disabled, checkpoint.moved, checkpoint.reset, connector.enabled, connector.disabled',
  })
  readonly type: string;
  @ApiProperty({ format: 'date-time' }) readonly occurredAt: string;
  @ApiPropertyOptional({ nullable: true, example: 'auth0|5f1c', description: 'The person or token that caused it; null for the service itself' })
  readonly actor: string | null;
  @ApiProperty({ example: 'Sync succeeded: 120 fetched, 4 inserted, 2 updated' }) readonly message: string;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true }) readonly details: Record<string, unknown> | null;
  @ApiProperty({ example: false, description: 'A connector-wide entry (the connector switch, TrustFile refusing the token)' })
  readonly connectorWide: boolean;
}

export class ActivityPage {
  @ApiProperty({ type: [ActivityDto] }) readonly content: ActivityDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}

export class BadItemErrorDto {
  @ApiPropertyOptional({ nullable: true, example: 'shipToAddress.postalCode' }) readonly field: string | null;
  @ApiProperty({ example: 'postal code is not valid for the region' }) readonly message: string;
}

export class BadItemDto {
  @ApiProperty({ enum: ['rejected', 'transform'], description: 'rejected: TrustFile refused it; transform: it did not match the canonical schema' })
  readonly kind: 'rejected' | 'transform';
  @ApiProperty({ example: 'orders' }) readonly stream: string;
  @ApiProperty({ example: '100234' }) readonly externalId: string;
  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'The extracted transaction (rejected items)' }) readonly transactionId: string | null;
  @ApiPropertyOptional({ nullable: true, example: 3, description: 'The revision TrustFile rejected' }) readonly revision: number | null;
  @ApiProperty({ type: [BadItemErrorDto] }) readonly errors: BadItemErrorDto[];
  @ApiProperty({ format: 'date-time' }) readonly occurredAt: string;
}

export class BadItemPage {
  @ApiProperty({ type: [BadItemDto] }) readonly content: BadItemDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}

export const ERROR_COMPONENTS = ['trustfile', 'queue', 'database', 'scheduler'] as const;

export class ListErrorsQuery extends PageQueryDto {
  @EnumField(ERROR_COMPONENTS, { optional: true, example: 'trustfile' })
  readonly component?: (typeof ERROR_COMPONENTS)[number];
}

export class ConnectorErrorDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ format: 'date-time' }) readonly occurredAt: string;
  @ApiProperty({ enum: ERROR_COMPONENTS }) readonly component: string;
  @ApiProperty({ example: 'TRUSTFILE.UNAUTHORIZED' }) readonly code: string;
  @ApiProperty({ example: 'TrustFile answered 401 to the outbound token (EXTRACTOR_TO_AVALARA_TOKEN); every push is paused until it is accepted again' })
  readonly message: string;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) readonly connectionId: string | null;
}

export class ConnectorErrorPage {
  @ApiProperty({ type: [ConnectorErrorDto] }) readonly content: ConnectorErrorDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}

export class PutConnectorQuery {
  @BooleanField({ description: 'false pauses all scheduling and pushing; true resumes them', example: false })
  readonly enabled: boolean;
}

export class QueueDepthDto {
  @ApiProperty({ example: 3 }) readonly queued: number;
  @ApiProperty({ example: 2 }) readonly active: number;
}

export class PushStateDto {
  @ApiProperty({ example: true, description: 'false: TRUSTFILE_API_URL is not set; documents stay pending' }) readonly configured: boolean;
  @ApiProperty({ example: false, description: 'TrustFile refused the outbound token; a probe resumes pushing by itself' }) readonly paused: boolean;
  @ApiPropertyOptional({ nullable: true }) readonly pausedReason: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) readonly pausedAt: string | null;
  @ApiProperty({ example: 120, description: 'Document revisions waiting to be pushed, all connections' }) readonly pending: number;
  @ApiPropertyOptional({ nullable: true, format: 'date-time', description: 'The last successful push of any connection' }) readonly lastPushAt: string | null;
}

export class ConnectorStateDto {
  @ApiProperty({ example: true }) readonly enabled: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the switch last changed' }) readonly changedAt: string;
  @ApiProperty({ example: 'trustfile-service' }) readonly changedBy: string;
  @ApiProperty({ example: '0.1.0' }) readonly version: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { active: 12, awaiting_authorization: 2, auth_error: 1 } })
  readonly connectionsByStatus: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/QueueDepthDto' }, example: { 'extraction-run': { queued: 3, active: 2 }, 'trustfile-push': { queued: 0, active: 1 } } })
  readonly queues: Record<string, QueueDepthDto>;
  @ApiPropertyOptional({ nullable: true, format: 'date-time', description: 'When the longest-waiting due connection became due (a growing gap means workers are short)' })
  readonly oldestDueAt: string | null;
  @ApiProperty({ type: PushStateDto }) readonly push: PushStateDto;
}
