import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BaseResourceDto } from '../common/base-resource.js';
import { BooleanField, DateField, EnumField, IntField, NestedArrayField, ObjectField, StringField, UuidField } from '../common/fields.js';
import { PageMetaDto, PageQueryDto } from '../common/paging.js';
import { CONNECTION_STATUSES, type ConnectionPlug, type ConnectionStatus } from './connection.entity.js';

export class PlugSelection {
  @StringField({ example: 'payments', maxLength: 64 })
  readonly name: string;

  @BooleanField({ example: true })
  readonly enabled: boolean;
}

/** Body of POST /connections. */
export class CreateConnectionPayload {
  @UuidField({
    optional: true,
    example: '3f0c9a52-7d1e-4b8a-9c6f-2e5d4a1b0c9d',
    description: 'The id to create it with (TrustFile PostConnection posts its connectionId); generated when omitted. Posting the same id with the same content again answers 200 with the connection; with different content, 409',
  })
  readonly id?: string;

  @StringField({ example: 'AROFLO', maxLength: 64, description: 'A connector id from GET /connectors' })
  readonly connector: string;

  @StringField({ example: 'AroFlo – Sydney branch' })
  readonly name: string;

  @UuidField({ optional: true, example: '1a855cf0-d29b-4fb2-a238-abd2c0d03856', description: 'Required unless tenantIntegration is given' })
  readonly tenant?: string;

  @UuidField({ optional: true, example: '8b2fa840-6896-493a-8d05-a67b95e5889e', description: 'The tenant integration this connection serves' })
  readonly tenantIntegration?: string | null;

  @UuidField({ optional: true, example: '5b1f54ad-8f5c-4c2e-9d65-0c41a0a7c2aa', description: 'TrustFile company to push into; generated when omitted. Only the service token may set it (403 otherwise)' })
  readonly companyToken?: string;

  @BooleanField({ optional: true, example: false, description: 'Default false: the extractor does not sync it yet' })
  readonly enabled?: boolean;

  @DateField({ optional: true, example: '2018-04-01', description: 'First day of data to extract (yyyy-mm-dd)' })
  readonly startDate?: string | null;

  @NestedArrayField(() => PlugSelection, { optional: true, maxItems: 50, description: 'Default: every import plug enabled' })
  readonly plugs?: PlugSelection[];

  @ObjectField({ optional: true, example: { max_records_per_page: 500 }, description: "Validated against the connector's settingsSchema" })
  readonly settings?: Record<string, unknown>;

  @IntField({ optional: true, min: 1, max: 525_600, example: 60, description: 'Overrides SYNC_INTERVAL_MINUTES' })
  readonly syncIntervalMinutes?: number | null;
}

/**
 * Body of PUT and PATCH /connections/{id}: only the fields sent change (the spec's
 * `{ "enabled": true, "startDate": "2018-04-01" }`); `settings` is merged as a JSON merge patch.
 */
export class UpdateConnectionPayload {
  @StringField({ optional: true, example: 'AroFlo – Sydney branch' })
  readonly name?: string;

  @UuidField({ optional: true, example: '8b2fa840-6896-493a-8d05-a67b95e5889e' })
  readonly tenantIntegration?: string | null;

  @UuidField({ optional: true, example: '5b1f54ad-8f5c-4c2e-9d65-0c41a0a7c2aa', description: 'Only the service token may change it (403 otherwise)' })
  readonly companyToken?: string;

  @BooleanField({ optional: true, example: true, description: 'Enabling needs a startDate and an authorization' })
  readonly enabled?: boolean;

  @DateField({ optional: true, example: '2018-04-01' })
  readonly startDate?: string | null;

  @NestedArrayField(() => PlugSelection, { optional: true, maxItems: 50, description: 'Plugs named here change; others stay' })
  readonly plugs?: PlugSelection[];

  @ObjectField({ optional: true, example: { max_records_per_page: 500 } })
  readonly settings?: Record<string, unknown>;

  @IntField({ optional: true, min: 1, max: 525_600, example: 60, description: 'null = use SYNC_INTERVAL_MINUTES' })
  readonly syncIntervalMinutes?: number | null;

  @IntField({ optional: true, example: 3, description: 'Expected current version (alternative to If-Match)' })
  readonly version?: number;
}

/**
 * Body of PUT /connections/{id}/credentials: the fields of the connector's `credentialsSchema`
 * (GET /connectors/{connector}), validated against it. Write-only: stored encrypted, never returned.
 */
export type CredentialsPayload = Record<string, unknown>;

export const CREDENTIALS_BODY_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: "The fields of the connector's credentialsSchema (GET /connectors/{connector}); write-only, stored encrypted",
  example: { secretKey: '…', uEncoded: 'JSc6TyBMUCAgCg==', pEncoded: 'ZCNAOVtOTjUySjQjQ2U0WDVMCg==', orgEncoded: 'JSZKUyZRQCAgCg==' },
} as const;

export class ListConnectionsQuery extends PageQueryDto {
  @StringField({ optional: true, maxLength: 64, example: 'AROFLO' }) readonly connector?: string;
  @BooleanField({ optional: true, example: true }) readonly enabled?: boolean;
  @EnumField(CONNECTION_STATUSES, { optional: true, example: 'ready' }) readonly status?: ConnectionStatus;
  @UuidField({ optional: true, example: '1a855cf0-d29b-4fb2-a238-abd2c0d03856' }) readonly tenant?: string;
  @UuidField({ optional: true, example: '8b2fa840-6896-493a-8d05-a67b95e5889e' }) readonly tenantIntegration?: string;
  @UuidField({ optional: true, example: '5b1f54ad-8f5c-4c2e-9d65-0c41a0a7c2aa' }) readonly companyToken?: string;
}

export class ConnectionPlugDto implements ConnectionPlug {
  @ApiProperty({ example: 'payments' }) readonly name: string;
  @ApiProperty({ enum: ['import', 'export'], example: 'import' }) readonly direction: 'import' | 'export';
  @ApiProperty({ example: true }) readonly enabled: boolean;
}

export class AuthorizationSummaryDto {
  @ApiProperty({ example: true }) readonly authorized: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: '2026-11-22T09:45:06.067Z' }) readonly authorizedAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: null }) readonly expiresAt: string | null;
  @ApiProperty({ type: [String], example: [] }) readonly scopes: string[];
}

export class ConnectionDto extends BaseResourceDto {
  @ApiProperty({ example: 'AROFLO' }) readonly connector: string;
  @ApiProperty({ example: 'AroFlo – Sydney branch' }) readonly name: string;
  @ApiProperty({ format: 'uuid', example: '1a855cf0-d29b-4fb2-a238-abd2c0d03856' }) readonly tenant: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, example: null }) readonly tenantIntegration: string | null;
  @ApiProperty({ format: 'uuid', example: '5b1f54ad-8f5c-4c2e-9d65-0c41a0a7c2aa' }) readonly companyToken: string;
  @ApiProperty({ example: false }) readonly enabled: boolean;
  @ApiPropertyOptional({ format: 'date', nullable: true, example: '2018-04-01' }) readonly startDate: string | null;
  @ApiProperty({ enum: CONNECTION_STATUSES, example: 'ready' }) readonly status: ConnectionStatus;
  @ApiPropertyOptional({ nullable: true, example: null }) readonly statusDetail: string | null;
  @ApiProperty({ type: [ConnectionPlugDto] }) readonly plugs: ConnectionPlugDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, example: { max_records_per_page: 100 } }) readonly settings: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, example: null, description: 'null = SYNC_INTERVAL_MINUTES' }) readonly syncIntervalMinutes: number | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: null }) readonly lastSyncAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: '2026-11-22T10:00:00.000Z' }) readonly nextSyncAt: string | null;
  @ApiProperty({ type: AuthorizationSummaryDto }) readonly authorization: AuthorizationSummaryDto;
}

export class ConnectionPage {
  @ApiProperty({ type: [ConnectionDto] }) readonly content: ConnectionDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}

export class HostBudgetDto {
  @ApiProperty({ example: 2000, description: "The host's calls a day for this site, shared by every connection and worker" }) readonly limit: number;
  @ApiProperty({ example: 312 }) readonly used: number;
  @ApiProperty({ example: 1688 }) readonly remaining: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-22T13:00:00.000Z', description: 'When the count starts again (AroFlo: 00:00 Australia/Melbourne)' })
  readonly resetsAt: string;
}

export class AccountRateBudgetDto {
  @ApiProperty({ example: 'store', description: "What the host limits: 'store' (BigCommerce), 'merchant' (Square)" }) readonly account: string;
  @ApiProperty({ example: 'Shared by every connection and worker calling this store' }) readonly scope: string;
  @ApiProperty({ example: 15, description: 'Calls that can be made at once when the budget is full' }) readonly capacity: number;
  @ApiProperty({ example: 4, description: 'Calls the budget regains per second' }) readonly refillPerSecond: number;
  @ApiProperty({ example: 7.5, description: 'Calls that could be made now; negative: calls already promised to waiting requests, or the host asked for a pause' })
  readonly available: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, example: null, description: "Until when the host's last 429 asked for no calls (null: it did not, or that is past)" })
  readonly throttledUntil: string | null;
  @ApiProperty({ example: true, description: "The capacity and refill come from the host's own rate-limit headers, not the plan default" }) readonly learnedFromHost: boolean;
  @ApiProperty({ example: "The host's headers: 150 requests per 30 s", description: 'Where the capacity and refill come from' }) readonly limitSource: string;
  @ApiProperty({ type: 'integer', example: 0, description: '429 answers the host gave this account' }) readonly throttles: number;
}

export class ConnectionStatusDto {
  @ApiProperty({ format: 'uuid' }) readonly connectionId: string;
  @ApiProperty({ enum: CONNECTION_STATUSES, example: 'ready' }) readonly status: ConnectionStatus;
  @ApiPropertyOptional({ nullable: true, example: null }) readonly statusDetail: string | null;
  @ApiProperty({ example: true }) readonly enabled: boolean;
  @ApiProperty({ type: AuthorizationSummaryDto }) readonly authorization: AuthorizationSummaryDto;
  @ApiPropertyOptional({ nullable: true, type: 'object', additionalProperties: true, example: null, description: 'The last extraction run (none until extraction runs)' })
  readonly lastRun: object | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: null }) readonly lastSyncAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, example: '2026-11-22T10:00:00.000Z' }) readonly nextSyncAt: string | null;
  @ApiPropertyOptional({ type: HostBudgetDto, nullable: true, description: "What is left of the host's daily call budget for the connection's site (null: no such limit, or not authorized)" })
  readonly dailyBudget: HostBudgetDto | null;
  @ApiPropertyOptional({
    type: AccountRateBudgetDto,
    nullable: true,
    description: "The rate budget of the upstream account (BigCommerce store, Square merchant) shared by every worker: null for hosts without one, or before authorization",
  })
  readonly rateBudget: AccountRateBudgetDto | null;
}
