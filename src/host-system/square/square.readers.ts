import type { ReaderContext, RecordPage, ReadWindow } from '../adapter.js';
import { mapConcurrently } from '../concurrency.js';
import { HostHttpError } from '../host-http-client.js';
import { squareHeaders, type SquareCredentials, type SquareSettings } from './square.connector.js';
import type { SquareLocation, SquareOrder, SquareOrderRecord, SquarePaymentRefund, SquareRefundRecord } from './square.transform.js';

/** SearchOrders takes at most 10 location ids per request. */
export const LOCATIONS_PER_SEARCH = 10;
/** ListPaymentRefunds answers at most 100 per page. */
const REFUNDS_PER_PAGE = 100;
/**
 * How long a refund may stay PENDING at Square and still be caught when it completes: ListPaymentRefunds
 * filters on `created_at` only, so refunds created this long before the window are listed too, and
 * those updated within the window (a PENDING refund that completed or failed) are read again.
 */
export const REFUND_SETTLE_MS = 14 * 86_400_000;

type Context = ReaderContext<SquareCredentials, SquareSettings>;

/**
 * Where a read resumes: the location group being read, Square's cursor within it, and the
 * `updated_at` (or `created_at`) of the last record stored, to restart from when Square no
 * longer accepts the cursor (it is bound to the original query, and does not live forever).
 */
interface SquareCursor {
  readonly group: number;
  readonly cursor: string | null;
  readonly after: string | null;
}

/** Every location of the seller, active or not (an inactive one still has past orders). */
export async function readLocations(context: Context): Promise<SquareLocation[]> {
  const response = await context.http.request<{ locations?: SquareLocation[] }>({
    url: `${context.credentials.apiUrl}/v2/locations`,
    headers: squareHeaders(context.credentials.accessToken),
    budget: context.credentials.budget,
  });
  return [...(response.body?.locations ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Orders updated in the window, over all of the seller's locations (in groups of ten, as
 * SearchOrders takes them), filtered on `updated_at` and sorted by it ascending, page by page
 * with Square's cursor. Every order carries its location. Return orders (only `returns`, no
 * line items) are the refunds stream's, read through their payment refund, and are skipped here.
 */
export async function* readOrders(context: Context, window: ReadWindow): AsyncIterable<RecordPage<SquareOrderRecord>> {
  const locations = await readLocations(context);
  const byId = new Map(locations.map((location) => [location.id, location]));
  const groups: string[][] = [];
  for (let i = 0; i < locations.length; i += LOCATIONS_PER_SEARCH) groups.push(locations.slice(i, i + LOCATIONS_PER_SEARCH).map((l) => l.id));
  const resume = parseCursor(window.cursor);
  for (let group = resume?.group ?? 0; group < groups.length; group += 1) {
    let cursor = resume?.group === group ? resume.cursor : null;
    let after = resume?.group === group ? resume.after : null;
    let since = window.since.toISOString();
    for (;;) {
      let body: { orders?: SquareOrder[]; cursor?: string };
      try {
        body = await searchOrders(context, groups[group], since, window.until.toISOString(), cursor);
      } catch (error) {
        if (!cursor || !invalidCursor(error)) throw error;
        // The cursor expired (or the query changed): restart the group from the last stored update, no order is missed.
        cursor = null;
        since = after ?? since;
        continue;
      }
      const orders = body.orders ?? [];
      for (const order of orders) if (order.updated_at && (!after || order.updated_at > after)) after = order.updated_at;
      const records = orders
        .filter((order) => (order.line_items?.length ?? 0) > 0 || (order.returns?.length ?? 0) === 0)
        .map((order) => ({ ...order, location: (order.location_id && byId.get(order.location_id)) || null }));
      const next = body.cursor || null;
      yield { records, cursor: JSON.stringify(next ? { group, cursor: next, after } : { group: group + 1, cursor: null, after: null }) };
      if (!next) break;
      cursor = next;
    }
  }
}

async function searchOrders(context: Context, locationIds: string[], since: string, until: string, cursor: string | null) {
  const response = await context.http.request<{ orders?: SquareOrder[]; cursor?: string }>({
    method: 'POST',
    url: `${context.credentials.apiUrl}/v2/orders/search`,
    headers: squareHeaders(context.credentials.accessToken),
    budget: context.credentials.budget,
    idempotent: true, // a search: safe to repeat
    numbersAsStrings: true,
    body: {
      location_ids: locationIds,
      limit: context.settings.page_size,
      ...(cursor ? { cursor } : {}),
      query: {
        filter: { date_time_filter: { updated_at: { start_at: since, end_at: until } } },
        sort: { sort_field: 'UPDATED_AT', sort_order: 'ASC' },
      },
    },
  });
  return response.body ?? {};
}

/**
 * Payment refunds created in the window, oldest first, with Square's cursor, and those created up
 * to REFUND_SETTLE_MS before it that were updated within it (completed, rejected). A refund that names
 * an order gets it (the return order of an itemized refund: what was returned, its taxes and
 * shipping), fetched `detail_concurrency` at a time; an order Square no longer has is left out
 * (the refund is then mapped as amount-only).
 */
export async function* readRefunds(context: Context, window: ReadWindow): AsyncIterable<RecordPage<SquareRefundRecord>> {
  const locations = new Map((await readLocations(context)).map((location) => [location.id, location]));
  const resume = parseCursor(window.cursor);
  let cursor = resume?.cursor ?? null;
  let after = resume?.after ?? null;
  let since = new Date(window.since.getTime() - REFUND_SETTLE_MS).toISOString();
  const changedSince = window.since.toISOString();
  if (resume && !resume.cursor) return; // the read had finished
  for (;;) {
    let body: { refunds?: SquarePaymentRefund[]; cursor?: string };
    try {
      const response = await context.http.request<{ refunds?: SquarePaymentRefund[]; cursor?: string }>({
        url: `${context.credentials.apiUrl}/v2/refunds`,
        headers: squareHeaders(context.credentials.accessToken),
        budget: context.credentials.budget,
        numbersAsStrings: true,
        query: { begin_time: since, end_time: window.until.toISOString(), sort_order: 'ASC', limit: REFUNDS_PER_PAGE, cursor: cursor ?? undefined },
      });
      body = response.body ?? {};
    } catch (error) {
      if (!cursor || !invalidCursor(error)) throw error;
      cursor = null;
      since = after ?? since;
      continue;
    }
    const listed = body.refunds ?? [];
    for (const refund of listed) if (refund.created_at && (!after || refund.created_at > after)) after = refund.created_at;
    const refunds = listed.filter((refund) => !isBefore(refund.created_at, changedSince) || !isBefore(refund.updated_at ?? refund.created_at, changedSince));
    const records = await mapConcurrently(refunds, context.settings.detail_concurrency, async (refund) => ({
      ...refund,
      order: refund.order_id ? await retrieveOrder(context, refund.order_id) : null,
      location: (refund.location_id && locations.get(refund.location_id)) || null,
    }));
    const next = body.cursor || null;
    yield { records, cursor: JSON.stringify({ group: 0, cursor: next, after }) };
    if (!next) return;
    cursor = next;
  }
}

async function retrieveOrder(context: Context, orderId: string): Promise<SquareOrder | null> {
  try {
    const response = await context.http.request<{ order?: SquareOrder }>({
      url: `${context.credentials.apiUrl}/v2/orders/${encodeURIComponent(orderId)}`,
      headers: squareHeaders(context.credentials.accessToken),
      budget: context.credentials.budget,
      numbersAsStrings: true,
    });
    return response.body?.order ?? null;
  } catch (error) {
    if (error instanceof HostHttpError && error.status === 404) return null;
    throw error;
  }
}

/** `time` (RFC 3339) is before `instant` (ISO); an unreadable time is not (the record is kept). */
function isBefore(time: string | undefined, instant: string): boolean {
  const parsed = time ? Date.parse(time) : NaN;
  return !Number.isNaN(parsed) && parsed < Date.parse(instant);
}

function parseCursor(text: string | undefined): SquareCursor | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as Partial<SquareCursor>;
    if (typeof parsed.group === 'number' && Number.isInteger(parsed.group) && parsed.group >= 0) {
      return { group: parsed.group, cursor: typeof parsed.cursor === 'string' ? parsed.cursor : null, after: typeof parsed.after === 'string' ? parsed.after : null };
    }
  } catch {
    // not one of ours: read the window from its start
  }
  return null;
}

function invalidCursor(error: unknown): boolean {
  if (!(error instanceof HostHttpError) || error.status !== 400) return false;
  const errors = (error.body as { errors?: Array<{ code?: string }> } | undefined)?.errors;
  return Array.isArray(errors) && errors.some((e) => e.code === 'INVALID_CURSOR');
}
