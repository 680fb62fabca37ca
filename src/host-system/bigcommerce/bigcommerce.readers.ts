import type { RecordPage, ReadWindow, ReaderContext } from '../adapter.js';

/** What a BigCommerce connection has after authorization (`context: "stores/{hash}"`). */
export interface BigCommerceCredentials {
  readonly apiUrl: string;
  readonly storeHash: string;
  readonly accessToken: string;
}

export interface BigCommerceReadSettings {
  /** Orders or refunds per request: 1–250 (BigCommerce's maximum). */
  readonly page_size: number;
  /** Parallel requests for an order's products, shipping addresses and taxes. */
  readonly detail_concurrency: number;
}

export type BigCommerceOrder = Record<string, unknown> & {
  id: number;
  date_modified: string;
  products: unknown[];
  shipping_addresses: unknown[];
  taxes: unknown[];
};

type Context = ReaderContext<BigCommerceCredentials, BigCommerceReadSettings>;

/** Where an orders read stands: the last modification time emitted, and the ids already emitted at that time. */
interface OrdersCursor {
  readonly modifiedFrom: string;
  readonly seen: number[];
  /** Page within `modifiedFrom` when more than a page of orders share that second. */
  readonly page: number;
}

/**
 * Orders (v2 `/orders`) modified in the window, oldest modification first, each with its
 * products, shipping addresses and taxes. Paging is keyset-style on `date_modified` (inclusive,
 * second precision) with the ids already emitted at that second skipped, so an order modified
 * while the read runs does not shift the pages and make another one be missed. Only when more
 * than a page of orders share one second does it page within that second.
 */
export async function* readOrders(context: Context, window: ReadWindow): AsyncIterable<RecordPage<BigCommerceOrder>> {
  let cursor: OrdersCursor = window.cursor
    ? (JSON.parse(window.cursor) as OrdersCursor)
    : { modifiedFrom: window.since.toISOString(), seen: [], page: 1 };
  const limit = context.settings.page_size;
  for (;;) {
    const response = await context.http.request<Array<Record<string, unknown>> | undefined>({
      url: `${storeUrl(context)}/v2/orders`,
      headers: authHeaders(context),
      query: {
        min_date_modified: cursor.modifiedFrom,
        max_date_modified: window.until.toISOString(),
        sort: 'date_modified:asc',
        limit,
        page: cursor.page,
      },
    });
    const batch = response.status === 204 || !Array.isArray(response.body) ? [] : response.body;
    const fresh = batch.filter((order) => !(sameSecond(String(order.date_modified), cursor.modifiedFrom) && cursor.seen.includes(Number(order.id))));
    const orders = await mapConcurrently(fresh, context.settings.detail_concurrency, (order) => withDetails(context, order));

    const last = batch.at(-1);
    let next: OrdersCursor;
    if (!last) next = cursor;
    else if (batch.every((order) => sameSecond(String(order.date_modified), cursor.modifiedFrom))) {
      next = { modifiedFrom: cursor.modifiedFrom, seen: [...cursor.seen, ...fresh.map((o) => Number(o.id))], page: cursor.page + 1 };
    } else {
      const lastModified = new Date(String(last.date_modified)).toISOString();
      const atLastSecond = batch.filter((order) => sameSecond(String(order.date_modified), lastModified)).map((order) => Number(order.id));
      next = { modifiedFrom: lastModified, seen: atLastSecond, page: 1 };
    }
    if (orders.length > 0) yield { records: orders, cursor: JSON.stringify(next) };
    if (batch.length < limit) return;
    cursor = next;
  }
}

/**
 * Refunds (v3 `/orders/payment_actions/refunds`) created in the window. Refunds do not change
 * once created, so with the window's end fixed, page numbers are a stable cursor.
 */
export async function* readRefunds(context: Context, window: ReadWindow): AsyncIterable<RecordPage> {
  let page = window.cursor ? (JSON.parse(window.cursor) as { page: number }).page + 1 : 1;
  for (;;) {
    const response = await context.http.request<{ data: Array<Record<string, unknown>>; meta: { pagination: { total_pages: number } } }>({
      url: `${storeUrl(context)}/v3/orders/payment_actions/refunds`,
      headers: authHeaders(context),
      query: { 'created:min': window.since.toISOString(), 'created:max': window.until.toISOString(), limit: context.settings.page_size, page },
    });
    const records = response.body?.data ?? [];
    if (records.length > 0) yield { records, cursor: JSON.stringify({ page }) };
    if (page >= (response.body?.meta?.pagination?.total_pages ?? 0) || records.length === 0) return;
    page += 1;
  }
}

async function withDetails(context: Context, order: Record<string, unknown>): Promise<BigCommerceOrder> {
  const base = `${storeUrl(context)}/v2/orders/${order.id}`;
  const [products, shipping_addresses, taxes] = await Promise.all(
    ['products', 'shipping_addresses', 'taxes'].map(async (resource) => {
      const response = await context.http.request<unknown[] | undefined>({ url: `${base}/${resource}`, headers: authHeaders(context) });
      return response.status === 204 || !Array.isArray(response.body) ? [] : response.body;
    }),
  );
  return { ...order, id: Number(order.id), date_modified: String(order.date_modified), products, shipping_addresses, taxes };
}

async function mapConcurrently<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}

function storeUrl(context: Context): string {
  return `${context.credentials.apiUrl.replace(/\/+$/, '')}/stores/${encodeURIComponent(context.credentials.storeHash)}`;
}

function authHeaders(context: Context): Record<string, string> {
  return { 'x-auth-token': context.credentials.accessToken };
}

/** BigCommerce dates have second precision (RFC 2822 in v2). */
function sameSecond(a: string, b: string): boolean {
  return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
}
