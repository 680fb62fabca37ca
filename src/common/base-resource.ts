import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Principal } from '../auth/principal.js';

/**
 * The spec's BaseResource columns. `version` is a plain column on purpose: TypeORM's
 * `@VersionColumn` does not guard updates; `updateWithVersion` does.
 */
export abstract class BaseResourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'integer', default: 0 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 255 })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 255 })
  updatedBy: string;
}

/** The customer scope both tenant integrations and their configs carry (tenant-config spec). */
export abstract class TenantScopeColumns extends BaseResourceEntity {
  @Column({ type: 'uuid', nullable: true })
  client: string | null;

  @Column({ name: 'client_name', type: 'varchar', length: 255, nullable: true })
  clientName: string | null;

  @Column({ type: 'uuid' })
  tenant: string;

  @Column({ name: 'tenant_name', type: 'varchar', length: 255, nullable: true })
  tenantName: string | null;

  @Column({ name: 'partner_tenant', type: 'varchar', length: 255, nullable: true })
  partnerTenant: string | null;

  @Column({ name: 'partner_tenant_name', type: 'varchar', length: 255, nullable: true })
  partnerTenantName: string | null;
}

/** The BaseResource part of every response. */
export class BaseResourceDto {
  @ApiProperty({ format: 'uuid', example: '9fe70c57-4815-4247-8ec8-0d886277e93a' })
  readonly id: string;

  @ApiProperty({ example: 0, description: 'Starts at 0, +1 per change; send it back (If-Match or body) to update' })
  readonly version: number;

  @ApiProperty({ format: 'date-time', example: '2022-10-28T18:39:21.000Z' })
  readonly createdAt: string;

  @ApiProperty({ format: 'date-time', example: '2022-10-29T18:39:21.000Z' })
  readonly updatedAt: string;

  @ApiProperty({ example: 'user1@companyXyz.com' })
  readonly createdBy: string;

  @ApiProperty({ example: 'user2@companyXyz.com' })
  readonly updatedBy: string;
}

export class TenantScopeDto extends BaseResourceDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, example: 'cd671e55-9575-4a25-8b1b-2e85b5867059' }) readonly client: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Company xyz' }) readonly clientName: string | null;
  @ApiProperty({ format: 'uuid', example: '1a855cf0-d29b-4fb2-a238-abd2c0d03856' }) readonly tenant: string;
  @ApiPropertyOptional({ nullable: true, example: 'Company xyz (North America)' }) readonly tenantName: string | null;
  @ApiPropertyOptional({ nullable: true, example: '4d6696e4-f2cb-4eb3-8d8b-15fdd19bf4ee' }) readonly partnerTenant: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Partner 1 (North America)' }) readonly partnerTenantName: string | null;
}

/** Audit columns for a new resource. */
export function createdByFields(principal: Principal): Pick<BaseResourceEntity, 'createdBy' | 'updatedBy' | 'version'> {
  return { createdBy: principal.subject, updatedBy: principal.subject, version: 0 };
}
