import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { toPage, type Page, type PageQueryDto } from './paging.js';

/** Runs one SQL statement and returns its rows: a repository's own executor, or one inside a transaction. */
export interface SqlRows {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

/**
 * Hand-written SQL for the repositories that need it (set-based upserts, SKIP LOCKED claims,
 * outboxes): statements return their rows, UPDATE … RETURNING included (TypeORM's plain query()
 * returns [rows, count] for those), and a transaction is a function of its executor.
 */

/** SQL inside one transaction (a QueryRunner's). */
export class TransactionRows implements SqlRows {
  constructor(protected readonly runner: QueryRunner) {}

  async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.runner.query(sql, params, true)).records as T[];
  }

  /** The number of rows a statement touched. */
  async affected(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.runner.query(sql, params, true)).affected ?? 0;
  }
}

/** One statement at a time, each on a pooled connection, outside any transaction. */
export function statementRows(dataSource: DataSource): SqlRows {
  return {
    async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      const runner = dataSource.createQueryRunner();
      try {
        return (await runner.query(sql, params, true)).records as T[];
      } finally {
        await runner.release();
      }
    },
  };
}

/** Runs `work` in a transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<Tx, T>(dataSource: DataSource, executor: (runner: QueryRunner) => Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const result = await work(executor(runner));
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
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
