import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { toJsonWithNumbers, type BigCommerceStoreData } from './bigcommerce-data.js';

export interface FakeBigCommerceOptions {
  readonly storeHash: string;
  readonly accessToken: string;
  readonly orders: number;
  /** How many consecutive orders share one `date_modified` second. */
  readonly ordersPerSecond?: number;
  readonly refunds?: number;
  /** Padding per refund, to make records heavy for memory tests. */
  readonly refundPaddingBytes?: number;
  readonly start?: Date;
  /** Products of order `id` (default 1 + id % 3), to have orders with more lines than a page holds. */
  readonly productsPerOrder?: (id: number) => number;
  /** Orders of one second come back in a different order on each request sorted by date_modified (the spec promises none). */
  readonly unstableTies?: boolean;
  /** Seeds that shuffle (default 1). */
  readonly tieSeed?: number;
  /**
   * Realistic order, detail and refund bodies (money with several tax lines, currencies, discounts,
   * amendments, partial refunds with amounts as JSON numbers). Its `orders` and `ordersPerSecond`
   * must match these options. Without it, bodies are minimal.
   */
  readonly data?: BigCommerceStoreData;
  /** Added to every answer, like a host across the internet. */
  readonly latencyMs?: number;
  /**
   * Render every order's JSON (list entry, products, shipping addresses, taxes) once at start and
   * answer from it (an edit re-renders that order): the answers are the same bytes, but serving them
   * costs this process little, as a host's own servers cost the client nothing. For benchmarks that
   * run this fake on the machine they measure; sized for tens of thousands of orders, not millions.
   */
  readonly prerender?: boolean;
  /**
   * The store's rate limit, as BigCommerce applies it: `quota` requests per fixed window of
   * `windowMs`, counted on arrival, whichever token or app calls; past it a 429 until the window
   * resets. Every API answer carries the X-Rate-Limit-* headers. Default: an Enterprise-sized quota
   * (7,000,000 per 30 s) that no test reaches.
   */
  readonly rateLimit?: { readonly quota: number; readonly windowMs: number };
  /** The OAuth app registered at this fake (authorize/token endpoints). */
  readonly clientId?: string;
  readonly clientSecret?: string;
}

type Fault =
  | { status: number; retryAfter?: string }
  /** BigCommerce's rate limit: a 429 with its X-Rate-Limit-* headers, the window resetting in `resetMs`. */
  | { status: 429; resetMs: number; quota?: number; windowMs?: number }
  | { delayMs: number }
  | 'drop';

/**
 * BigCommerce's data API as `shared/vendor-specs/bigcommerce` describes it, on 127.0.0.1:
 * v2 orders (`min_`/`max_date_modified` and `min_`/`max_id` inclusive, dates to the second,
 * `sort=id` (the default) or `date_modified`, `page`/`limit`, 204 when empty) with their products,
 * shipping addresses and taxes (paged the same way), and v3 refunds with `meta.pagination`.
 * Records are deterministic; faults can be injected on every n-th request.
 */
export class FakeBigCommerce {
  requestCount = 0;
  tokenRequests = 0;
  /** When set, the next authorization is refused by the "merchant" with this error. */
  refuseNextAuthorization?: string;
  private readonly issuedCodes = new Map<string, { redirectUri: string; scope: string }>();
  private faultEvery = 0;
  private faultRandom?: { rate: number; next: () => number };
  private faults: Fault[] = [];
  private readonly modified = new Map<number, number>();
  private readonly deleted = new Set<number>();
  /** Pre-rendered JSON per order (see FakeBigCommerceOptions.prerender). */
  private readonly rendered = new Map<number, RenderedOrder>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeBigCommerceOptions,
  ) {}

  static async start(options: FakeBigCommerceOptions): Promise<FakeBigCommerce> {
    let fake: FakeBigCommerce | undefined;
    const server = createServer((request, response) => fake!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeBigCommerce(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`, options);
    if (options.prerender) for (let id = 1; id <= options.orders; id += 1) fake.render(id);
    return fake;
  }

  /** Every n-th request fails with the next of these faults, in turn. */
  injectFaults(every: number, faults: Fault[]): void {
    this.faultEvery = every;
    this.faults = faults;
    this.faultRandom = undefined;
  }

  /** A share `rate` of requests, drawn at random (seeded), fails with the next of these faults, in turn. */
  injectRandomFaults(rate: number, faults: Fault[], seed = 1): void {
    this.faultEvery = 0;
    this.faults = faults;
    this.faultRandom = { rate, next: mulberry32(seed) };
  }

  /** How many requests were answered with an injected fault. */
  faultCount = 0;
  /** API requests counted against the store's rate limit, and those answered 429 for it (not injected faults). */
  limitedRequests = 0;
  rateLimited = 0;
  /** The most requests that arrived within one of the limit's windows. */
  busiestWindow = 0;
  private window = { index: -1, arrivals: 0 };

  private get plan(): { quota: number; windowMs: number } {
    return this.options.rateLimit ?? { quota: 7_000_000, windowMs: 30_000 };
  }

  /** Counts the request in its window; false when it is over the quota. Sets the X-Rate-Limit-* headers of the answer. */
  private admit(response: ServerResponse): boolean {
    const { quota, windowMs } = this.plan;
    const now = Date.now();
    const index = Math.floor(now / windowMs);
    if (index !== this.window.index) this.window = { index, arrivals: 0 };
    this.window.arrivals += 1;
    this.limitedRequests += 1;
    this.busiestWindow = Math.max(this.busiestWindow, this.window.arrivals);
    const admitted = this.window.arrivals <= quota;
    response.setHeader('X-Rate-Limit-Requests-Quota', String(quota));
    response.setHeader('X-Rate-Limit-Time-Window-Ms', String(windowMs));
    response.setHeader('X-Rate-Limit-Requests-Left', String(Math.max(0, quota - this.window.arrivals)));
    response.setHeader('X-Rate-Limit-Time-Reset-Ms', String((index + 1) * windowMs - now));
    if (!admitted) this.rateLimited += 1;
    return admitted;
  }

  private nextFault(): Fault | undefined {
    const hit = this.faultRandom ? this.faultRandom.next() < this.faultRandom.rate : this.faultEvery > 0 && this.requestCount % this.faultEvery === 0;
    if (!hit) return undefined;
    return this.faults[this.faultCount++ % this.faults.length];
  }

  /** Simulates a merchant editing an order: its date_modified moves to `to` (with `data`, its amounts change too). */
  touch(orderId: number, to: Date): void {
    this.options.data?.amend(orderId, { at: to });
    this.modified.set(orderId, Math.floor(to.getTime() / 1000));
    if (this.options.prerender) this.render(orderId);
  }

  private render(id: number): void {
    const json = (items: unknown[]) => items.map((item) => JSON.stringify(item));
    this.rendered.set(id, {
      order: JSON.stringify(this.orderBody(id, this.orderModifiedSecond(id))),
      products: json(this.orderDetail(id, 'products')),
      shipping_addresses: json(this.orderDetail(id, 'shipping_addresses')),
      taxes: json(this.orderDetail(id, 'taxes')),
    });
  }

  /** Simulates a merchant deleting an order: it is no longer listed. */
  deleteOrder(orderId: number): void {
    this.deleted.add(orderId);
  }

  orderModifiedSecond(id: number): number {
    const start = Math.floor((this.options.start ?? new Date('2024-01-01T00:00:00Z')).getTime() / 1000);
    return this.modified.get(id) ?? start + Math.floor((id - 1) / (this.options.ordersPerSecond ?? 1));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    if (this.options.latencyMs) {
      setTimeout(() => this.answer(request, response), this.options.latencyMs);
      return;
    }
    this.answer(request, response);
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    this.requestCount += 1;
    const fault = this.nextFault();
    if (fault) {
      if (fault === 'drop') {
        request.socket.destroy();
        return;
      }
      if ('delayMs' in fault) {
        // A slow answer: the client's timeout fires first and it retries.
        setTimeout(() => request.socket.destroy(), fault.delayMs);
        return;
      }
      response.writeHead(fault.status, faultHeaders(fault, this.plan));
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', this.url);
    if (url.pathname === '/oauth2/authorize') return this.authorize(url, response);
    if (url.pathname === '/oauth2/token') return this.token(request, response);
    if (!this.admit(response)) return send(response, 429, { status: 429, title: 'Too many requests', detail: 'The store’s API rate limit was reached' });
    if (request.headers['x-auth-token'] !== this.options.accessToken) return send(response, 401, { status: 401, title: 'Unauthorized' });
    const prefix = `/stores/${this.options.storeHash}`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
    const detail = /^\/v2\/orders\/(\d+)\/(products|shipping_addresses|taxes)$/.exec(path);
    if (path === '/v2/orders') return this.orders(url, response);
    if (detail) return this.orderDetails(Number(detail[1]), detail[2], url, response);
    if (path === '/v3/orders/payment_actions/refunds') return this.refunds(url, response);
    send(response, 404, { status: 404, title: 'Not Found' });
  }

  /** The merchant approves (or refuses) at once and the browser is sent back with a code. */
  private authorize(url: URL, response: ServerResponse): void {
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
    redirect.searchParams.set('state', url.searchParams.get('state') ?? '');
    if (this.refuseNextAuthorization) {
      redirect.searchParams.set('error', this.refuseNextAuthorization);
      redirect.searchParams.set('error_description', 'The merchant declined the app');
      this.refuseNextAuthorization = undefined;
    } else if (url.searchParams.get('client_id') !== this.options.clientId || url.searchParams.get('response_type') !== 'code') {
      redirect.searchParams.set('error', 'invalid_request');
    } else {
      const code = `code-${this.issuedCodes.size + 1}-${Math.random().toString(36).slice(2)}`;
      const scope = url.searchParams.get('scope') ?? '';
      this.issuedCodes.set(code, { redirectUri: url.searchParams.get('redirect_uri') ?? '', scope });
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('scope', scope);
      redirect.searchParams.set('context', `stores/${this.options.storeHash}`);
    }
    response.writeHead(302, { location: redirect.toString() });
    response.end();
  }

  /** The token endpoint as BigCommerce documents it: form fields in, no token_type out. */
  private token(request: IncomingMessage, response: ServerResponse): void {
    this.tokenRequests += 1;
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      const issued = this.issuedCodes.get(form.get('code') ?? '');
      const valid =
        form.get('client_id') === this.options.clientId &&
        form.get('client_secret') === this.options.clientSecret &&
        form.get('grant_type') === 'authorization_code' &&
        form.get('context') === `stores/${this.options.storeHash}` &&
        issued !== undefined &&
        issued.redirectUri === form.get('redirect_uri') &&
        issued.scope === form.get('scope');
      if (!valid) return send(response, 400, { error: 'invalid_grant', error_description: 'The code is invalid or was already used' });
      this.issuedCodes.delete(form.get('code')!);
      send(response, 200, {
        access_token: this.options.accessToken,
        scope: issued.scope,
        user: { id: 24654, username: 'merchant', email: 'merchant@example.com' },
        context: `stores/${this.options.storeHash}`,
        account_uuid: '7b1b2a7e-1f44-4a9b-9b4f-3c3b5a6b7c8d',
      });
    });
  }

  private orders(url: URL, response: ServerResponse): void {
    const query = url.searchParams;
    const sort = (query.get('sort') ?? 'id').replace(/:asc$/, '');
    if (sort !== 'id' && sort !== 'date_modified') return send(response, 400, { status: 400, title: `The fake does not sort by ${query.get('sort')}` });
    const bound = (name: string, round: (n: number) => number, otherwise: number) => (query.has(name) ? round(Date.parse(query.get(name)!) / 1000) : otherwise);
    const filter: OrderFilter = {
      // Second precision, bounds inclusive: an order at 10:00:00 is "at or after" 09:59:59.5 but not 10:00:00.5.
      fromSecond: bound('min_date_modified', Math.ceil, -Infinity),
      toSecond: bound('max_date_modified', Math.floor, Infinity),
      minId: Math.max(1, Number(query.get('min_id') ?? 1)),
      maxId: Math.min(this.options.orders, Number(query.get('max_id') ?? Infinity)),
      byDate: sort === 'date_modified',
    };
    const { limit, offset } = paging(query);
    const rows = this.modified.size === 0 && this.deleted.size === 0 ? this.untouchedRows(filter, offset, limit) : this.scannedRows(filter, offset, limit);
    if (rows.length === 0) {
      response.writeHead(204);
      response.end();
      return;
    }
    if (this.options.prerender) return sendJson(response, `[${rows.map(({ id }) => this.rendered.get(id)!.order).join(',')}]`);
    send(response, 200, rows.map(({ id, second }) => this.orderBody(id, second)));
  }

  private orderBody(id: number, second: number): Record<string, unknown> {
    if (this.options.data) return this.options.data.order(id, second) as unknown as Record<string, unknown>;
    return {
      id,
      status: 'Completed',
      date_modified: new Date(second * 1000).toUTCString().replace('GMT', '+0000'),
      total_inc_tax: ((id % 97) + 10).toFixed(4),
      currency_code: 'USD',
    };
  }

  /**
   * Without edits, order ids are in date order and the orders of one second are a run of ids: a
   * page is computed, so any volume is served at once.
   */
  private untouchedRows(filter: OrderFilter, offset: number, limit: number): OrderRow[] {
    const perSecond = this.options.ordersPerSecond ?? 1;
    const start = this.orderModifiedSecond(1);
    const firstIdAt = (second: number) => (second - start) * perSecond + 1;
    const lowest = Math.max(filter.minId, Number.isFinite(filter.fromSecond) ? firstIdAt(filter.fromSecond) : 1);
    const highest = Math.min(filter.maxId, Number.isFinite(filter.toSecond) ? firstIdAt(filter.toSecond + 1) - 1 : Infinity);
    const first = lowest + offset;
    const last = Math.min(highest, first + limit - 1);
    if (first > last) return [];
    const ids = idRange(first, last);
    if (filter.byDate && this.options.unstableTies) {
      // Shuffle each second's orders as a whole, then cut the page out of the shuffled run.
      const groupsFrom = Math.max(lowest, firstIdAt(this.orderModifiedSecond(first)));
      const shuffled: number[] = [];
      for (let second = this.orderModifiedSecond(first); second <= this.orderModifiedSecond(last); second += 1) {
        shuffled.push(...this.shuffled(idRange(Math.max(lowest, firstIdAt(second)), Math.min(highest, firstIdAt(second + 1) - 1))));
      }
      ids.splice(0, ids.length, ...shuffled.slice(first - groupsFrom, last - groupsFrom + 1));
    }
    return ids.map((id) => ({ id, second: this.orderModifiedSecond(id) }));
  }

  private scannedRows(filter: OrderFilter, offset: number, limit: number): OrderRow[] {
    const matching: OrderRow[] = [];
    for (let id = filter.minId; id <= filter.maxId; id += 1) {
      if (this.deleted.has(id)) continue;
      const second = this.orderModifiedSecond(id);
      if (second >= filter.fromSecond && second <= filter.toSecond) matching.push({ id, second });
    }
    if (!filter.byDate) return matching.slice(offset, offset + limit);
    matching.sort((a, b) => a.second - b.second || a.id - b.id);
    if (!this.options.unstableTies) return matching.slice(offset, offset + limit);
    const ordered: OrderRow[] = [];
    for (let i = 0, j = 0; i < matching.length; i = j) {
      while (j < matching.length && matching[j].second === matching[i].second) j += 1;
      ordered.push(...this.shuffled(matching.slice(i, j)));
    }
    return ordered.slice(offset, offset + limit);
  }

  /** Same-second orders in a different order on every request, as the spec does not promise one. */
  private shuffled<T>(items: T[]): T[] {
    const random = mulberry32((this.options.tieSeed ?? 1) * 1_000_003 + this.requestCount);
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** Products, shipping addresses or taxes of an order, paged by `limit` (default 50, at most 250) and `page`; 204 past the end. */
  private orderDetails(id: number, resource: string, url: URL, response: ServerResponse): void {
    const { limit, offset } = paging(url.searchParams);
    const rendered = this.rendered.get(id)?.[resource as keyof Omit<RenderedOrder, 'order'>];
    const items = rendered ? rendered.slice(offset, offset + limit) : this.orderDetail(id, resource).slice(offset, offset + limit);
    if (items.length === 0) {
      response.writeHead(204);
      response.end();
      return;
    }
    if (rendered) return sendJson(response, `[${items.join(',')}]`);
    send(response, 200, items);
  }

  private orderDetail(id: number, resource: string): unknown[] {
    const data = this.options.data;
    if (data) return resource === 'products' ? data.products(id) : resource === 'taxes' ? data.taxes(id) : data.shippingAddresses(id);
    if (resource === 'products') {
      const count = this.options.productsPerOrder?.(id) ?? 1 + (id % 3);
      return Array.from({ length: count }, (_, i) => ({ id: id * 10 + i, order_id: id, quantity: 1 + i, price_inc_tax: '10.0000' }));
    }
    if (resource === 'taxes') return Array.from({ length: 1 + (id % 2) }, (_, i) => ({ id: id * 10 + i, order_id: id, name: `Tax ${i}`, rate: '8.2500', line_amount: '0.8200' }));
    return [{ id: id * 10, order_id: id, city: 'Austin', state: 'Texas', country_iso2: 'US', zip: '78701' }];
  }

  private refunds(url: URL, response: ServerResponse): void {
    if (this.options.data) return this.dataRefunds(this.options.data, url, response);
    // Refund n is created n seconds after REFUNDS_START; the created:min/max filters select ids.
    const min = url.searchParams.get('created:min');
    const max = url.searchParams.get('created:max');
    const lowest = Math.max(1, min ? Math.ceil((Date.parse(min) - REFUNDS_START) / 1000) : 1);
    const highest = Math.min(this.options.refunds ?? 0, max ? Math.floor((Date.parse(max) - REFUNDS_START) / 1000) : Infinity);
    const total = Math.max(0, highest - lowest + 1);
    const { limit, offset } = paging(url.searchParams);
    const data = [];
    for (let id = lowest + offset; id < lowest + offset + limit && id <= highest; id += 1) data.push(this.refundBody(id));
    const page = offset / limit + 1;
    send(response, 200, { data, meta: { pagination: { total, count: data.length, per_page: limit, current_page: page, total_pages: Math.ceil(total / limit) } } });
  }

  /** v3 refunds of the realistic store: created:min/max inclusive, amounts sent as JSON numbers. */
  private dataRefunds(data: BigCommerceStoreData, url: URL, response: ServerResponse): void {
    const min = url.searchParams.get('created:min');
    const max = url.searchParams.get('created:max');
    const range = data.refundIdsCreatedBetween(new Date(min ?? 0), max ? new Date(max) : new Date(8.64e15));
    const total = range ? range.last - range.first + 1 : 0;
    const { limit, offset } = paging(url.searchParams);
    const refunds = [];
    for (let id = (range?.first ?? 1) + offset; range && id <= range.last && refunds.length < limit; id += 1) refunds.push(data.refund(id));
    const page = offset / limit + 1;
    const body = { data: refunds, meta: { pagination: { total, count: refunds.length, per_page: limit, current_page: page, total_pages: Math.ceil(total / limit) } } };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(toJsonWithNumbers(body));
  }

  private refundBody(id: number): Record<string, unknown> {
    return { id, order_id: id * 3, amount: (id % 50) + 0.5, created: new Date(REFUNDS_START + id * 1000).toISOString(), reason: 'x'.repeat(this.options.refundPaddingBytes ?? 0) };
  }
}

const REFUNDS_START = Date.UTC(2024, 0, 1);

interface OrderRow {
  readonly id: number;
  readonly second: number;
}

interface OrderFilter {
  readonly fromSecond: number;
  readonly toSecond: number;
  readonly minId: number;
  readonly maxId: number;
  readonly byDate: boolean;
}

function faultHeaders(fault: Exclude<Fault, 'drop' | { delayMs: number }>, plan: { quota: number; windowMs: number }): Record<string, string> {
  if ('resetMs' in fault) {
    return {
      'X-Rate-Limit-Time-Reset-Ms': String(fault.resetMs),
      'X-Rate-Limit-Time-Window-Ms': String(fault.windowMs ?? plan.windowMs),
      'X-Rate-Limit-Requests-Quota': String(fault.quota ?? plan.quota),
      'X-Rate-Limit-Requests-Left': '0',
    };
  }
  return fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
}

/** BigCommerce's `limit` (default 50, at most 250) and 1-based `page`. */
function paging(query: URLSearchParams): { limit: number; offset: number } {
  const limit = Math.min(250, Math.max(1, Number(query.get('limit') ?? 50)));
  return { limit, offset: (Math.max(1, Number(query.get('page') ?? 1)) - 1) * limit };
}

function idRange(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One order's answers as JSON text: the list entry, and each sub-resource's items. */
interface RenderedOrder {
  readonly order: string;
  readonly products: string[];
  readonly shipping_addresses: string[];
  readonly taxes: string[];
}

function sendJson(response: ServerResponse, json: string): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(json);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
