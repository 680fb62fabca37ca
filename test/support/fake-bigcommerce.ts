import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';

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
  /** The OAuth app registered at this fake (authorize/token endpoints). */
  readonly clientId?: string;
  readonly clientSecret?: string;
}

type Fault = { status: number; retryAfter?: string } | { delayMs: number } | 'drop';

/**
 * BigCommerce's data API as `shared/vendor-specs/bigcommerce` describes it, on 127.0.0.1:
 * v2 orders (date filters inclusive, `sort=date_modified:asc`, `page`/`limit`, 204 when empty)
 * with products, shipping addresses and taxes, and v3 refunds with `meta.pagination`. Records
 * are deterministic; faults can be injected on every n-th request.
 */
export class FakeBigCommerce {
  requestCount = 0;
  tokenRequests = 0;
  /** When set, the next authorization is refused by the "merchant" with this error. */
  refuseNextAuthorization?: string;
  private readonly issuedCodes = new Map<string, { redirectUri: string; scope: string }>();
  private faultEvery = 0;
  private faults: Fault[] = [];
  private readonly modified = new Map<number, number>();

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
    return fake;
  }

  /** Every n-th request fails with the next of these faults, in turn. */
  injectFaults(every: number, faults: Fault[]): void {
    this.faultEvery = every;
    this.faults = faults;
  }

  /** Simulates a merchant editing an order: its date_modified moves to `to`. */
  touch(orderId: number, to: Date): void {
    this.modified.set(orderId, Math.floor(to.getTime() / 1000));
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
    this.requestCount += 1;
    if (this.faultEvery && this.requestCount % this.faultEvery === 0) {
      const fault = this.faults[(this.requestCount / this.faultEvery - 1) % this.faults.length];
      if (fault === 'drop') {
        request.socket.destroy();
        return;
      }
      if ('delayMs' in fault) {
        // A slow answer: the client's timeout fires first and it retries.
        setTimeout(() => request.socket.destroy(), fault.delayMs);
        return;
      }
      response.writeHead(fault.status, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', this.url);
    if (url.pathname === '/oauth2/authorize') return this.authorize(url, response);
    if (url.pathname === '/oauth2/token') return this.token(request, response);
    if (request.headers['x-auth-token'] !== this.options.accessToken) return send(response, 401, { status: 401, title: 'Unauthorized' });
    const prefix = `/stores/${this.options.storeHash}`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : '';
    const detail = /^\/v2\/orders\/(\d+)\/(products|shipping_addresses|taxes)$/.exec(path);
    if (path === '/v2/orders') return this.orders(url, response);
    if (detail) return send(response, 200, this.orderDetail(Number(detail[1]), detail[2]));
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
    const min = url.searchParams.get('min_date_modified');
    const max = url.searchParams.get('max_date_modified');
    const limit = Math.min(250, Number(url.searchParams.get('limit') ?? 50));
    const page = Number(url.searchParams.get('page') ?? 1);
    const from = min ? Math.floor(Date.parse(min) / 1000) : -Infinity;
    const to = max ? Math.floor(Date.parse(max) / 1000) : Infinity;
    const slice = this.modified.size === 0 ? this.untouchedSlice(from, to, page, limit) : this.scanSlice(from, to, page, limit);
    if (slice.length === 0) {
      response.writeHead(204);
      response.end();
      return;
    }
    send(
      response,
      200,
      slice.map(({ id, second }) => ({
        id,
        status: 'Completed',
        date_modified: new Date(second * 1000).toUTCString().replace('GMT', '+0000'),
        total_inc_tax: ((id % 97) + 10).toFixed(4),
        currency_code: 'USD',
      })),
    );
  }

  /** Without edits, order ids are in date order: the page is computed, so any volume is served at once. */
  private untouchedSlice(from: number, to: number, page: number, limit: number): Array<{ id: number; second: number }> {
    const perSecond = this.options.ordersPerSecond ?? 1;
    const start = this.orderModifiedSecond(1);
    const firstId = Math.max(1, Number.isFinite(from) ? (from - start) * perSecond + 1 : 1);
    const lastId = Math.min(this.options.orders, Number.isFinite(to) ? (to - start + 1) * perSecond : this.options.orders);
    const slice: Array<{ id: number; second: number }> = [];
    for (let id = firstId + (page - 1) * limit; id <= lastId && slice.length < limit; id += 1) slice.push({ id, second: this.orderModifiedSecond(id) });
    return slice;
  }

  private scanSlice(from: number, to: number, page: number, limit: number): Array<{ id: number; second: number }> {
    const matching: Array<{ id: number; second: number }> = [];
    for (let id = 1; id <= this.options.orders; id += 1) {
      const second = this.orderModifiedSecond(id);
      if (second >= from && second <= to) matching.push({ id, second });
    }
    matching.sort((a, b) => a.second - b.second || a.id - b.id);
    return matching.slice((page - 1) * limit, page * limit);
  }

  private orderDetail(id: number, resource: string): unknown[] {
    if (resource === 'products') return Array.from({ length: 1 + (id % 3) }, (_, i) => ({ id: id * 10 + i, order_id: id, quantity: 1 + i, price_inc_tax: '10.0000' }));
    if (resource === 'taxes') return Array.from({ length: 1 + (id % 2) }, (_, i) => ({ id: id * 10 + i, order_id: id, name: `Tax ${i}`, rate: '8.2500', line_amount: '0.8200' }));
    return [{ id: id * 10, order_id: id, city: 'Austin', state: 'Texas', country_iso2: 'US', zip: '78701' }];
  }

  private refunds(url: URL, response: ServerResponse): void {
    // Refund n is created n seconds after 2024-01-01T00:00:00Z; the created:min/max filters select ids.
    const base = Date.UTC(2024, 0, 1);
    const min = url.searchParams.get('created:min');
    const max = url.searchParams.get('created:max');
    const lowest = Math.max(1, min ? Math.ceil((Date.parse(min) - base) / 1000) : 1);
    const highest = Math.min(this.options.refunds ?? 0, max ? Math.floor((Date.parse(max) - base) / 1000) : Infinity);
    const total = Math.max(0, highest - lowest + 1);
    const limit = Math.min(250, Number(url.searchParams.get('limit') ?? 50));
    const page = Number(url.searchParams.get('page') ?? 1);
    const first = lowest + (page - 1) * limit;
    const padding = 'x'.repeat(this.options.refundPaddingBytes ?? 0);
    const data = [];
    for (let id = first; id < first + limit && id <= highest; id += 1) {
      data.push({ id, order_id: id * 3, amount: (id % 50) + 0.5, created: new Date(base + id * 1000).toISOString(), reason: padding });
    }
    send(response, 200, { data, meta: { pagination: { total, count: data.length, per_page: limit, current_page: page, total_pages: Math.ceil(total / limit) } } });
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
