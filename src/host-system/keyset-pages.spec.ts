import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../test/support/fake-bigcommerce.js';
import { ordersQuery } from './bigcommerce/bigcommerce.readers.js';
import { keysetPages, type KeysetOptions } from './keyset-pages.js';

const BASE = Date.UTC(2024, 0, 1) / 1000;
const SEEDS = Number(process.env.KEYSET_SEEDS ?? 2000);

interface Order {
  readonly id: number;
  readonly date_modified: string;
}

/**
 * BigCommerce's v2 `GET /orders` in memory, to the letter of orders.v2.yml: dates to the second,
 * `min_`/`max_date_modified` and `min_`/`max_id` inclusive, `sort` by id (the default) or
 * date_modified, where same-second orders come back in any order (a new one on every request
 * when `unstableTies`), `limit` (default 50, at most 250) and `page`.
 */
class MemoryStore {
  /** Order id -> the second it was last modified. */
  readonly modified = new Map<number, number>();

  constructor(
    private readonly random: () => number,
    private readonly unstableTies: boolean,
  ) {}

  orders(query: Record<string, string | number | undefined>): Order[] {
    const param = (name: string) => (query[name] === undefined ? undefined : String(query[name]));
    const date = (name: string, otherwise: number) => (param(name) === undefined ? otherwise : Date.parse(param(name)!));
    const [from, to] = [date('min_date_modified', -Infinity), date('max_date_modified', Infinity)];
    const [minId, maxId] = [Number(param('min_id') ?? -Infinity), Number(param('max_id') ?? Infinity)];
    const rows = [...this.modified]
      .filter(([id, second]) => second * 1000 >= from && second * 1000 <= to && id >= minId && id <= maxId)
      .map(([id, second]) => ({ id, second, tie: this.unstableTies ? this.random() : id }));
    const sort = (param('sort') ?? 'id').replace(/:asc$/, '');
    assert.ok(sort === 'id' || sort === 'date_modified', `sort=${sort}`);
    rows.sort(sort === 'id' ? (a, b) => a.id - b.id : (a, b) => a.second - b.second || a.tie - b.tie);
    const limit = Math.min(250, Number(param('limit') ?? 50));
    const page = Number(param('page') ?? 1);
    return rows.slice((page - 1) * limit, page * limit).map(({ id, second }) => ({ id, date_modified: new Date(second * 1000).toUTCString().replace('GMT', '+0000') }));
  }

  /** A merchant edits an order: its date_modified moves to a later second. */
  edit(id: number, to: number): void {
    assert.ok(to > this.modified.get(id)!);
    this.modified.set(id, to);
  }
}

function options(store: MemoryStore, until: number, settings: Pick<KeysetOptions<Order>, 'cursor' | 'since' | 'limit' | 'withinInstant'>, beforeRequest = () => {}): KeysetOptions<Order> {
  return {
    ...settings,
    precisionMs: 1000,
    id: (order) => order.id,
    modifiedAt: (order) => order.date_modified,
    fetch: async (request) => {
      beforeRequest();
      return store.orders(ordersQuery(request, new Date(until * 1000), settings.limit));
    },
  };
}

/**
 * One random store read through edits between requests, crashes (before or after the page is
 * stored) resumed from the last stored cursor, and page-size changes between runs. Returns what
 * went wrong, or undefined.
 */
async function readRandomStore(seed: number, withinInstant: 'id' | 'offset'): Promise<string | undefined> {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const span = 1 + int(10);
  const store = new MemoryStore(random, random() < 0.8);
  for (let i = 0, id = 0, count = int(40); i < count; i += 1) store.modified.set((id += 1 + int(3)), BASE + int(span));
  const since = BASE + int(span);
  const until = since + int(span);
  const initial = new Map(store.modified);
  // Offset paging within a second cannot survive edits; it is checked without them.
  const editChance = withinInstant === 'id' && random() < 0.7 ? random() * 0.5 : 0;
  const crashChance = random() * 0.3;
  const edited = new Set<number>();
  const reads = new Map<number, number>();
  let limit = 1 + int(6);
  let cursor: string | undefined;
  let requests = 0;
  for (let crashes = 0; ; ) {
    let crashed = false;
    const pages = keysetPages(
      options(store, until, { cursor, since: new Date(since * 1000), limit, withinInstant }, () => {
        if (++requests > 2000) throw new Error(`seed ${seed}: the read does not end`);
        if (store.modified.size > 0 && random() < editChance) {
          const id = [...store.modified.keys()][int(store.modified.size)];
          store.edit(id, store.modified.get(id)! + 1 + int(span));
          edited.add(id);
        }
      }),
    );
    for await (const page of pages) {
      crashed = crashes < 5 && random() < crashChance;
      if (!crashed || random() < 0.5) {
        for (const order of page.records) reads.set(order.id, (reads.get(order.id) ?? 0) + 1);
        cursor = page.cursor;
      }
      if (crashed) break;
    }
    if (!crashed) break;
    crashes += 1;
    limit = 1 + int(6);
  }
  for (const [id, second] of store.modified) {
    const inWindow = (at: number) => at >= since && at <= until;
    const read = reads.get(id) ?? 0;
    // An order edited from before `since` into the window can land behind the read; in a real store
    // edits land at the present, past `until`'s second, so the next window reads it.
    const problem = edited.has(id)
      ? inWindow(initial.get(id)!) && inWindow(second) && read === 0 && 'an order edited during the read, in the window before and after, was never read'
      : inWindow(second)
        ? read !== 1 && `an order never edited, in the window, was read ${read} times`
        : read !== 0 && 'an order outside the window was read';
    if (problem) return `seed ${seed}: order ${id} at +${initial.get(id)! - BASE}s then +${second - BASE}s (window +${since - BASE}..+${until - BASE}s): ${problem}`;
  }
  return undefined;
}

async function assertEverySeedPasses(withinInstant: 'id' | 'offset'): Promise<void> {
  const failures: string[] = [];
  for (let seed = 1; seed <= SEEDS; seed += 1) {
    const failure = await readRandomStore(seed, withinInstant);
    if (failure) failures.push(failure);
  }
  assert.deepEqual(failures.slice(0, 5), [], `${failures.length} of ${SEEDS} seeds failed`);
}

describe('keysetPages', () => {
  it(`misses no order over ${SEEDS} random stores with unstable ties, edits, crashes and page-size changes (KEYSET_SEEDS=N for more)`, async () => {
    await assertEverySeedPasses('id');
  });

  it(`pages within a second by offset on hosts without an id filter, exactly once through crashes and page-size changes, over ${SEEDS} stores`, async () => {
    await assertEverySeedPasses('offset');
  });

  it('does not skip an order when one already read in the same second is edited before the next request', async () => {
    // Order 4 is read from second +2, then edited to +9; order 3 at +3 must still be read.
    const store = new MemoryStore(() => 0, false);
    for (const [id, second] of [[1, 1], [2, 1], [3, 3], [4, 2], [5, 11]]) store.modified.set(id, BASE + second);
    const read: number[] = [];
    for await (const page of keysetPages(options(store, BASE + 10, { cursor: undefined, since: new Date((BASE + 2) * 1000), limit: 1, withinInstant: 'id' }))) {
      read.push(...page.records.map((order) => order.id));
      if (read.length === 1) store.edit(4, BASE + 9);
    }
    assert.deepEqual(read, [4, 3, 4]);
  });

  it('stores cursors that name a second and an id, not a page', async () => {
    const store = new MemoryStore(() => 0, false);
    for (let id = 1; id <= 5; id += 1) store.modified.set(id, BASE + (id <= 3 ? 0 : 1));
    const cursors: string[] = [];
    for await (const page of keysetPages(options(store, BASE + 10, { cursor: undefined, since: new Date(BASE * 1000), limit: 2, withinInstant: 'id' }))) cursors.push(page.cursor);
    assert.deepEqual(cursors.map((cursor) => JSON.parse(cursor)), [
      { at: '2024-01-01T00:00:00.000Z', afterId: 2 },
      { from: '2024-01-01T00:00:01.000Z' },
      { at: '2024-01-01T00:00:01.000Z', afterId: 5 },
    ]);
  });
});
