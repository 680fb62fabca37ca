import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsUrl, MaxLength } from 'class-validator';
import { EnumField, StringField, UuidField } from '../common/fields.js';
import { PageMetaDto, PageQueryDto } from '../common/paging.js';
import { WEBHOOK_EVENTS, type WebhookEvent } from './webhook-events.js';

export class CreateWebhookPayload {
  @UuidField({ example: '8a1f2c3d-4b5e-4f60-9a7b-8c9d0e1f2a3b', description: 'The tenant whose events this subscription receives' })
  readonly tenant: string;

  @ApiProperty({ example: 'https://integrations.example.com/hooks/connector-hub', maxLength: 2048, description: 'https (http is accepted outside production)' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  @MaxLength(2048)
  readonly url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['sync.failed', 'connection.auth_error'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `each event must be one of: ${WEBHOOK_EVENTS.join(', ')}` })
  readonly events: WebhookEvent[];

  @StringField({ optional: true, maxLength: 1024, example: 'Alerts to the integrations team' })
  readonly description?: string;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) readonly id: string;
  @ApiProperty({ format: 'uuid' }) readonly tenant: string;
  @ApiProperty({ example: 'https://integrations.example.com/hooks/connector-hub' }) readonly url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) readonly events: string[];
  @ApiPropertyOptional({ nullable: true }) readonly description: string | null;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
  @ApiProperty({ example: 'auth0|5f1c' }) readonly createdBy: string;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing secret (Standard Webhooks). Shown once, here; stored encrypted. Verify deliveries with the standardwebhooks package.',
  })
  readonly secret: string;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookDto] }) readonly content: WebhookDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;

export class ListDeliveriesQuery extends PageQueryDto {
  @EnumField(DELIVERY_STATES, { optional: true, example: 'failed' })
  readonly state?: (typeof DELIVERY_STATES)[number];
}

export class DeliveryAttemptDto {
  @ApiProperty({ format: 'date-time' }) readonly at: string;
  @ApiPropertyOptional({ nullable: true, example: 500, description: "The receiver's status; null when it could not be reached" }) readonly status: number | null;
  @ApiPropertyOptional({ nullable: true, example: 'answered 500' }) readonly error: string | null;
  @ApiProperty({ example: 42, description: 'Milliseconds' }) readonly ms: number;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'The webhook-id header: the same on every attempt, so a receiver can drop repeats' }) readonly id: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) readonly type: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The body sent: type, timestamp, data' }) readonly payload: Record<string, unknown>;
  @ApiProperty({ enum: DELIVERY_STATES }) readonly state: string;
  @ApiProperty({ example: 1 }) readonly attempts: number;
  @ApiProperty({ format: 'date-time' }) readonly createdAt: string;
  @ApiPropertyOptional({ nullable: true, format: 'date-time', description: 'Pending: when the next attempt is due' }) readonly nextAttemptAt: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) readonly deliveredAt: string | null;
  @ApiProperty({ type: [DeliveryAttemptDto] }) readonly attemptLog: DeliveryAttemptDto[];
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryDto] }) readonly content: DeliveryDto[];
  @ApiProperty({ type: PageMetaDto }) readonly page: PageMetaDto;
}
