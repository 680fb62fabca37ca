import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ example: 'ok', enum: ['ok', 'error', 'shutting_down'] })
  readonly status: string;

  @ApiProperty({ example: { database: { status: 'up' } }, type: 'object', additionalProperties: true })
  readonly info?: Record<string, unknown>;

  @ApiProperty({ example: {}, type: 'object', additionalProperties: true })
  readonly error?: Record<string, unknown>;

  @ApiProperty({ example: { database: { status: 'up' } }, type: 'object', additionalProperties: true })
  readonly details: Record<string, unknown>;
}
