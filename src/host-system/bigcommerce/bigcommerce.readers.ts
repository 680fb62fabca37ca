import type { RecordPage, ReadWindow, ReaderContext } from '../adapter.js';
import { mapConcurrently } from '../concurrency.js';
import type { RequestBudget } from '../host-http-client.js';
import { keysetPages, type KeysetRequest } from '../keyset-pages.js';

/** BigCommerce's largest `limit`. */
const MAX_LIMIT = 250;

/** What a BigCommerce connection has after authorization (`context: "stores/{hash}"`). */
export interface BigCommerceCredentials {
  readonly apiUrl: string;
  readonly storeHash: string;
  readonly accessToken: string;
  /** The store's share of its rate limit, taken by every request (see BIGCOMMERCE_RATE_POLICY); none: unlimited. */
  readonly budget?: RequestBudget;
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
 * dates, so pages are read keyset-style (see keysetPages), within one second by id: an order
 * edited mid-read cannot make another one be missed, and a cursor holds a second and an id.
 */
export async function* readOrders(context: Context, window: ReadWindow): AsyncIterable<RecordPage<BigCommerceOrder>> {
  const limit = Math.min(context.settings.page_size, MAX_LIMIT);
  const pages = keysetPages<Record<string, unknown>>({
    cursor: window.cursor,
    since: window.since,
    limit,
    precisionMs: 1000,
    withinInstant: 'id',
    id: (order) => Number(order.id),
    modifiedAt: (order) => String(order.date_modified),
    fetch: async (request) => {
      const response = await context.http.request<Array<Record<string, unknown>> | undefined>({
        url: `${storeUrl(context)}/v2/orders`,
        headers: authHeaders(context),
        budget: context.credentials.budget,
        query: ordersQuery(request, window.until, limit),
      });
      return response.status === 204 || !Array.isArray(response.body) ? [] : response.body;
    },
  });
  // The next list page is asked for while this one's details are read (its request depends only on
  // this page's orders); it is dropped if the read stops here.
  const lists = pages[Symbol.asyncIterator]();
  try {
    let next = lists.next();
    for (;;) {
      const page = await next;
      if (page.done) return;
      next = lists.next();
      next.catch(() => undefined); // met at the next await, if the read gets there
      const orders = await mapConcurrently(page.value.records, context.settings.detail_concurrency, (order) => withDetails(context, order));
      yield { records: orders, cursor: page.value.cursor };
    }
  } finally {
    void lists.return?.(undefined)?.catch(() => undefined);
  }
}

/** The v2 `/orders` query of one keyset request; all bounds are inclusive. */
export function ordersQuery(request: KeysetRequest, until: Date, limit: number): Record<string, string | number | undefined> {
  if ('from' in request) return { min_date_modified: request.from, max_date_modified: until.toISOString(), sort: 'date_modified:asc', limit, page: 1 };
  return {
    min_date_modified: request.at,
    max_date_modified: request.at,
    min_id: request.afterId === undefined ? undefined : Number(request.afterId) + 1,
    sort: 'id:asc',
    limit,
    page: request.page ?? 1,
  };
}

interface RefundCursor {
  /** Refunds of the window before the resume point, in BigCommerce's order (by id). */
  readonly offset: number;
  readonly lastId?: number;
}

/**
 * Refunds (v3 `/orders/payment_actions/refunds`) created in the window. BigCommerce lists them by
 * id and they do not change once created, so with the window fixed a position in that list is a
 * stable cursor whatever the page size: resuming starts at the page holding it and skips the ids
 * already read.
 */
export async function* readRefunds(context: Context, window: ReadWindow): AsyncIterable<RecordPage> {
  const limit = Math.min(context.settings.page_size, MAX_LIMIT);
  let { offset, lastId } = window.cursor ? (JSON.parse(window.cursor) as RefundCursor) : { offset: 0, lastId: undefined };
  for (let page = Math.floor(offset / limit) + 1; ; page += 1) {
    const response = await context.http.request<{ data: Array<Record<string, unknown>>; meta: { pagination: { total_pages: number } } }>({
      url: `${storeUrl(context)}/v3/orders/payment_actions/refunds`,
      headers: authHeaders(context),
        budget: context.credentials.budget,
      query: { 'created:min': window.since.toISOString(), 'created:max': window.until.toISOString(), limit, page },
      numbersAsStrings: true, // v3 sends amounts as JSON numbers: keep their exact text
    });
    const data = response.body?.data ?? [];
    const records = lastId === undefined ? data : data.filter((refund) => Number(refund.id) > lastId!);
    if (records.length > 0) {
      offset += records.length;
      lastId = Number(records.at(-1)!.id);
      yield { records, cursor: JSON.stringify({ offset, lastId } satisfies RefundCursor) };
    }
    if (data.length < limit || page >= (response.body?.meta?.pagination?.total_pages ?? 0)) return;
  }
}

/**
 * The order (the list's own parsed object, completed in place) with its sub-resources. An order that
 * says it has no shipping address (`shipping_address_count` 0: digital goods) is not asked for them.
 */
async function withDetails(context: Context, order: Record<string, unknown>): Promise<BigCommerceOrder> {
  const base = `${storeUrl(context)}/v2/orders/${order.id}`;
  const noShipping = order.shipping_address_count === 0 || order.shipping_address_count === '0';
  const [products, taxes, shipping_addresses] = await Promise.all([
    allPages(context, `${base}/products`),
    allPages(context, `${base}/taxes`),
    noShipping ? [] : allPages(context, `${base}/shipping_addresses`),
  ]);
  return Object.assign(order, { id: Number(order.id), date_modified: String(order.date_modified), products, shipping_addresses, taxes });
}

/** A v2 sub-resource, paged (BigCommerce returns 50 unless asked for more, 250 at most) until a page is not full. */
async function allPages(context: Context, url: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page = 1; ; page += 1) {
    const response = await context.http.request<unknown[] | undefined>({ url, headers: authHeaders(context), budget: context.credentials.budget, query: { limit: MAX_LIMIT, page } });
    const batch = response.status === 204 || !Array.isArray(response.body) ? [] : response.body;
    items.push(...batch);
    if (batch.length < MAX_LIMIT) return items;
  }
}

function storeUrl(context: Context): string {
  return `${context.credentials.apiUrl.replace(/\/+$/, '')}/stores/${encodeURIComponent(context.credentials.storeHash)}`;
}

function authHeaders(context: Context): Record<string, string> {
  return { 'x-auth-token': context.credentials.accessToken };
}
