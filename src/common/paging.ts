import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_PAGE_NUMBER = 1_000_000;
/** `field,ASC|DESC`; the direction may be left out and then defaults to ASC (as the spec says). */
const SORT_PATTERN = /^([A-Za-z][A-Za-z0-9]*)(?:,(ASC|DESC))?$/i;

/** Query strings arrive as text; an empty value (allowed by the spec) means the default. */
function emptyToDefault(fallback: number) {
  return ({ value }: { value: unknown }) => {
    if (value === undefined || value === '') return fallback;
    return typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  };
}

export type SortDirection = 'ASC' | 'DESC';
export interface SortOrder {
  readonly field: string;
  readonly direction: SortDirection;
}

/** Query parameters shared by every list endpoint; extend it with the resource's filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Zero-based page index', default: 0, minimum: 0, example: 0 })
  @Transform(emptyToDefault(0)) @IsInt() @Min(0) @Max(MAX_PAGE_NUMBER)
  readonly pageNumber: number = 0;

  @ApiPropertyOptional({ description: 'Items per page', default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE, example: 20 })
  @Transform(emptyToDefault(DEFAULT_PAGE_SIZE)) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  readonly pageSize: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({
    description:
      'Sort order as `field,ASC|DESC` (direction defaults to ASC); repeat for secondary orders. ' +
      'Default `updatedAt,DESC`; ties are broken by id.',
    type: [String],
    example: ['updatedAt,DESC'],
  })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : ([] as unknown[]).concat(value).filter((v) => v !== '')))
  @IsArray()
  @Matches(SORT_PATTERN, { each: true, message: 'each pageSort must look like field,ASC or field,DESC' })
  readonly pageSort?: string[];
}

export class PageMetaDto {
  @ApiProperty({ example: 0 }) readonly number: number;
  @ApiProperty({ example: 20 }) readonly size: number;
  @ApiProperty({ example: 42 }) readonly totalElements: number;
  @ApiProperty({ example: 3 }) readonly totalPages: number;
}

export interface Page<T> {
  readonly content: T[];
  readonly page: PageMetaDto;
}

/**
 * Sort fields a resource allows, mapped to entity property paths. Only these paths ever reach
 * SQL; the client's text is matched against the keys and never interpolated.
 */
export type SortFields = Readonly<Record<string, string>>;

export function parseSort(pageSort: readonly string[] | undefined, allowed: SortFields): SortOrder[] {
  const requested = pageSort && pageSort.length > 0 ? pageSort : ['updatedAt,DESC'];
  const orders: SortOrder[] = [];
  for (const item of requested) {
    const match = SORT_PATTERN.exec(item);
    if (!match || !Object.hasOwn(allowed, match[1])) {
      throw new ValidationFailedError([
        { field: 'pageSort', message: `cannot sort by "${item.split(',')[0]}"; allowed: ${Object.keys(allowed).join(', ')}` },
      ]);
    }
    if (orders.some((o) => o.field === match[1])) {
      throw new ValidationFailedError([{ field: 'pageSort', message: `"${match[1]}" is sorted on more than once` }]);
    }
    orders.push({ field: match[1], direction: (match[2]?.toUpperCase() ?? 'ASC') as SortDirection });
  }
  return orders;
}

export function toPage<T>(content: T[], totalElements: number, query: Pick<PageQueryDto, 'pageNumber' | 'pageSize'>): Page<T> {
  return {
    content,
    page: {
      number: query.pageNumber,
      size: query.pageSize,
      totalElements,
      totalPages: Math.ceil(totalElements / query.pageSize),
    },
  };
}

/** Orders (allow-listed fields, then id), pages and counts a query. */
export async function paginate<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  page: PageQueryDto,
  allowed: SortFields,
): Promise<Page<E>> {
  const alias = query.alias;
  for (const [index, order] of parseSort(page.pageSort, allowed).entries()) {
    const path = `${alias}.${allowed[order.field]}`;
    if (index === 0) query.orderBy(path, order.direction);
    else query.addOrderBy(path, order.direction);
  }
  query.addOrderBy(`${alias}.id`, 'ASC');
  const [content, total] = await query.skip(page.pageNumber * page.pageSize).take(page.pageSize).getManyAndCount();
  return toPage(content, total, page);
}

/**
 * ORDER BY for hand-written SQL: `allowed` maps each sortable API field to a column expression
 * written by us; the client's text only selects among them. Ties are broken by `idColumn`.
 */
export function sqlOrderBy(pageSort: readonly string[] | undefined, allowed: SortFields, idColumn: string): string {
  const orders = parseSort(pageSort, allowed).map((order) => `${allowed[order.field]} ${order.direction}`);
  return [...orders, `${idColumn} ASC`].join(', ');
}
