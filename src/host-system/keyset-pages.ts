import type { RecordPage } from './adapter.js';

/**
 * One request of a keyset read, which is also what a page cursor stores (as JSON):
 * - `{ from }`: the first `limit` records modified at or after `from` up to the window's end,
 *   oldest modification first; records modified at the same instant may come in any order.
 * - `{ at, afterId }`: records modified exactly at instant `at` with an id above `afterId` (all
 *   of that instant when absent), by id ascending, the first `limit`.
 * - `{ at, page }`: page `page` of `limit` of the records modified exactly at `at`, in an order
 *   the host keeps from one request to the next.
 */
export type KeysetRequest = { readonly from: string } | { readonly at: string; readonly afterId?: string | number; readonly page?: number };

export interface KeysetOptions<T> {
  /** Resume point from a previous page, or undefined for a fresh read from `since`. */
  readonly cursor: string | undefined;
  readonly since: Date;
  readonly limit: number;
  /** The host's timestamp precision in ms (1000 when it has whole seconds). */
  readonly precisionMs: number;
  /**
   * How more than `limit` records modified at one instant are read: by id on hosts that filter by
   * id (nothing can be missed), else by offset (a record edited between two of those pages can
   * shift another one out of reach).
   */
  readonly withinInstant: 'id' | 'offset';
  fetch(request: KeysetRequest): Promise<T[]>;
  id(record: T): string | number;
  modifiedAt(record: T): string;
}

/** Where the read stands: everything before `from`, or before `at` and that part of `at`, has been read. */
type KeysetCursor = { readonly from: string } | { readonly at: string; readonly afterId?: string | number } | { readonly at: string; readonly skip: number };

/**
 * Pages of records read by modification time for hosts that page by offset, so that records
 * edited during the read (they move to a later time) cannot make another record be missed, and
 * the cursors do not depend on the page size. A page read `from` an instant ends at the latest
 * instant it holds, which it may hold only in part (ties come in any order): only the records
 * before that instant are emitted and the next request starts at it. When a whole page shares one
 * instant, that instant is read on its own (see `withinInstant`) before moving past it.
 */
export async function* keysetPages<T>(options: KeysetOptions<T>): AsyncIterable<RecordPage<T>> {
  const { limit, precisionMs } = options;
  const instantOf = (record: T) => Math.floor(Date.parse(options.modifiedAt(record)) / precisionMs) * precisionMs;
  const iso = (ms: number) => new Date(ms).toISOString();
  let cursor = options.cursor ? (JSON.parse(options.cursor) as KeysetCursor) : { from: options.since.toISOString() };
  for (;;) {
    let records: T[];
    let next: KeysetCursor;
    if ('from' in cursor) {
      const batch = await options.fetch({ from: cursor.from });
      const instants = batch.map(instantOf);
      const latest = Math.max(...instants);
      if (batch.length < limit) {
        if (batch.length > 0) yield { records: batch, cursor: JSON.stringify({ from: iso(latest + precisionMs) }) };
        return;
      }
      records = batch.filter((_, i) => instants[i] < latest);
      next = records.length > 0 ? { from: iso(latest) } : options.withinInstant === 'id' ? { at: iso(latest) } : { at: iso(latest), skip: 0 };
    } else if ('skip' in cursor) {
      const page = Math.floor(cursor.skip / limit) + 1;
      const batch = await options.fetch({ at: cursor.at, page });
      records = batch.slice(cursor.skip - (page - 1) * limit);
      next = batch.length < limit ? { from: iso(Date.parse(cursor.at) + precisionMs) } : { at: cursor.at, skip: (page - 1) * limit + batch.length };
    } else {
      const batch = await options.fetch({ at: cursor.at, afterId: cursor.afterId });
      records = batch;
      next = batch.length < limit ? { from: iso(Date.parse(cursor.at) + precisionMs) } : { at: cursor.at, afterId: options.id(batch.at(-1)!) };
    }
    if (records.length > 0) yield { records, cursor: JSON.stringify(next) };
    cursor = next;
  }
}
