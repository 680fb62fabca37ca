import { ApiProperty } from '@nestjs/swagger';
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

/** Audit columns for a new resource. */
export function createdByFields(principal: Principal): Pick<BaseResourceEntity, 'createdBy' | 'updatedBy' | 'version'> {
  return { createdBy: principal.subject, updatedBy: principal.subject, version: 0 };
}
