import type { RecordPage, ReadWindow, ReaderContext } from '../adapter.js';
import { keysetPages } from '../keyset-pages.js';

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

/**
 * Orders (v2 `/orders`) modified in the window, oldest modification first, each with its
 * products, shipping addresses and taxes. BigCommerce pages by offset and has second-precision
 * dates, so pages are read keyset-style (see keysetPages): an order edited mid-read cannot make
 * another one be missed.
 */
export async function* readOrders(context: Context, window: ReadWindow): AsyncIterable<RecordPage<BigCommerceOrder>> {
  const pages = keysetPages<Record<string, unknown>>({
    cursor: window.cursor,
    since: window.since,
    limit: context.settings.page_size,
    precisionMs: 1000,
    id: (order) => Number(order.id),
    modifiedAt: (order) => String(order.date_modified),
    fetchPage: async (modifiedFrom, page) => {
      const response = await context.http.request<Array<Record<string, unknown>> | undefined>({
        url: `${storeUrl(context)}/v2/orders`,
        headers: authHeaders(context),
        query: {
          min_date_modified: modifiedFrom,
          max_date_modified: window.until.toISOString(),
          sort: 'date_modified:asc',
          limit: context.settings.page_size,
          page,
        },
      });
      return response.status === 204 || !Array.isArray(response.body) ? [] : response.body;
    },
  });
  for await (const page of pages) {
    const orders = await mapConcurrently(page.records, context.settings.detail_concurrency, (order) => withDetails(context, order));
    yield { records: orders, cursor: page.cursor };
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
