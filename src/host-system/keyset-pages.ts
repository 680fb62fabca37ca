import type { RecordPage } from './adapter.js';

export interface KeysetOptions<T> {
  /** Resume point from a previous page, or undefined for a fresh read from `since`. */
  readonly cursor: string | undefined;
  readonly since: Date;
  readonly limit: number;
  /** One request: records modified at or after `modifiedFrom`, oldest first (ties by id), page `page` of `limit`. */
  fetchPage(modifiedFrom: string, page: number): Promise<T[]>;
  id(record: T): string | number;
  modifiedAt(record: T): string;
  /** The host's timestamp precision in ms (1000 when it has whole seconds). */
  readonly precisionMs: number;
}

interface KeysetCursor {
  readonly modifiedFrom: string;
  readonly seen: Array<string | number>;
  readonly page: number;
}

/**
 * Pages of records read by modification time for hosts that page by offset. Each request
 * starts at the last modification time emitted (inclusive) and skips the ids already emitted at
 * that instant, so a record modified while the read runs does not shift the pages and make
 * another record be missed. Only when more than a page of records share one instant does it
 * page within that instant.
 */
export async function* keysetPages<T>(options: KeysetOptions<T>): AsyncIterable<RecordPage<T>> {
  const sameInstant = (a: string, b: string) => Math.floor(Date.parse(a) / options.precisionMs) === Math.floor(Date.parse(b) / options.precisionMs);
  let cursor: KeysetCursor = options.cursor
    ? (JSON.parse(options.cursor) as KeysetCursor)
    : { modifiedFrom: options.since.toISOString(), seen: [], page: 1 };
  for (;;) {
    const batch = await options.fetchPage(cursor.modifiedFrom, cursor.page);
    const fresh = batch.filter((r) => !(sameInstant(options.modifiedAt(r), cursor.modifiedFrom) && cursor.seen.includes(options.id(r))));
    const last = batch.at(-1);
    let next = cursor;
    if (last && batch.every((r) => sameInstant(options.modifiedAt(r), cursor.modifiedFrom))) {
      next = { modifiedFrom: cursor.modifiedFrom, seen: [...cursor.seen, ...fresh.map(options.id)], page: cursor.page + 1 };
    } else if (last) {
      const lastModified = new Date(options.modifiedAt(last)).toISOString();
      next = { modifiedFrom: lastModified, seen: batch.filter((r) => sameInstant(options.modifiedAt(r), lastModified)).map(options.id), page: 1 };
    }
    if (fresh.length > 0) yield { records: fresh, cursor: JSON.stringify(next) };
    if (batch.length < options.limit) return;
    cursor = next;
  }
}
