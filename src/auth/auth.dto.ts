import { ApiProperty } from '@nestjs/swagger';

export class PrincipalDto {
  @ApiProperty({ example: 'user1@companyXyz.com' })
  readonly subject: string;

  @ApiProperty({ enum: ['jwt', 'service'], example: 'jwt', description: 'service = the static avalara_to_extractor token' })
  readonly kind: 'jwt' | 'service';

  @ApiProperty({ type: [String], example: ['ConnTenantConfigApi:TenantConfig:Read'] })
  readonly scopes: string[];

  @ApiProperty({
    oneOf: [{ type: 'array', items: { type: 'string', format: 'uuid' } }, { type: 'string', enum: ['all'] }],
    example: ['1a855cf0-d29b-4fb2-a238-abd2c0d03856'],
    description: 'Tenants the caller may act for; "all" for the service token',
  })
  readonly tenants: string[] | 'all';
}
