import type { EntityManager } from 'typeorm';
import { toPage, type Page, type PageQueryDto } from './paging.js';

/** Runs one SQL statement and returns its rows: a repository's own executor, or one inside a transaction. */
export interface SqlRows {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The rows executor of a TypeORM transaction (its manager), for SQL that must commit with it. */
export function sqlRows(manager: EntityManager): SqlRows {
  return {
    async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      return (await manager.queryRunner!.query(sql, params, true)).records as T[];
    },
  };
}

/**
 * One page of `columns` from `source` (a FROM … WHERE clause over `filter`), with the number of
 * matching rows; a page past the end has no row to carry that count, so it is counted apart.
 * `order` must be built from allow-listed columns (sqlOrderBy), never from client text.
 */
export async function sqlPage<T>(db: SqlRows, columns: string, source: string, filter: unknown[], order: string, query: PageQueryDto): Promise<Page<T>> {
  const limit = filter.length + 1;
  const rows = await db.rows<T & { row_count: string }>(
    `SELECT ${columns}, count(*) OVER () AS row_count FROM ${source} ORDER BY ${order} LIMIT $${limit} OFFSET $${limit + 1}`,
    [...filter, query.pageSize, query.pageNumber * query.pageSize],
  );
  let matching = rows.length > 0 ? Number(rows[0].row_count) : 0;
  if (rows.length === 0 && query.pageNumber > 0) {
    const [counted] = await db.rows<{ row_count: string }>(`SELECT count(*) AS row_count FROM ${source}`, filter);
    matching = Number(counted.row_count);
  }
  return toPage(rows.map(({ row_count: _count, ...row }) => row as T), matching, query);
}
