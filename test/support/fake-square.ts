import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import assert from 'node:assert/strict';
import { ConnectionService } from '../../src/connections/connection.service.js';
import { SERVICE_TOKEN, type TestApp } from './app.js';
import { MERCHANT_ID, SquareSellerData } from './square-data.js';

export interface FakeSquareOptions {
  readonly data?: SquareSellerData;
  /** The OAuth application registered at this fake. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Lifetime of the access tokens it issues (Square's: 30 days). */
  readonly accessTokenTtlMs?: number;
  /** Added to every answer, like a host across the internet. */
  readonly latencyMs?: number;
  /** How long a token answer takes (the time a worker could be killed in). */
  readonly tokenLatencyMs?: number;
}

type Fault = { status: number; retryAfter?: string } | 'drop';

interface Grant {
  readonly merchantId: string;
  refreshToken: string;
  revoked: boolean;
}

interface IssuedToken {
  readonly grant: Grant;
  readonly expiresAt: number;
}

type Json = Record<string, unknown>;

/**
 * Square's API as `shared/vendor-specs/square/square.subset.openapi.json` describes it, on
 * 127.0.0.1: the OAuth authorize page (PKCE S256), ObtainToken (JSON bodies; authorization_code with
 * a code verifier; refresh_token grants whose refresh token works once and is replaced, a reuse being
 * refused, counted, and ending the grant as a leaked token would), RevokeToken (`Authorization: Client
 * <secret>`), ListLocations, SearchOrders (location_ids at most 10, updated_at/created_at/closed_at
 * filters with the matching sort, ascending or descending, limit up to 1000, cursors bound to their
 * query), RetrieveOrder and ListPaymentRefunds (begin/end_time on created_at, 100 per page). Every API
 * call needs a bearer token it issued and a Square-Version header. Faults can be queued or drawn.
 */
export class FakeSquare {
  readonly data: SquareSellerData;
  /** Every request, by path. */
  readonly requests: Array<{ method: string; path: string; squareVersion?: string; body?: unknown }> = [];
  tokenRequests = 0;
  refreshes = 0;
  /** Refresh tokens presented again after they were spent: must stay 0. */
  refreshTokenReuses = 0;
  revocations = 0;
  /** When set, the next authorization is refused by the "seller" with this error. */
  refuseNextAuthorization?: string;
  private readonly codes = new Map<string, { challenge: string; redirectUri: string; expires: number }>();
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, Grant>();
  private readonly spentRefreshTokens = new Map<string, Grant>();
  private readonly grants: Grant[] = [];
  private faults: Array<{ path: RegExp; fault: Fault; skip: number }> = [];
  private random?: { rate: number; path: RegExp; next: () => number };

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeSquareOptions,
  ) {
    this.data = options.data ?? new SquareSellerData({ orders: 0 });
  }

  get clientId(): string {
    return this.options.clientId ?? 'sq0idp-test-client';
  }

  get clientSecret(): string {
    return this.options.clientSecret ?? 'sq0csp-test-secret';
  }

  static async start(options: FakeSquareOptions = {}): Promise<FakeSquare> {
    let fake: FakeSquare | undefined;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const delay = options.latencyMs ?? 0;
        const run = () => fake!.handle(request, response, body).catch((error: Error) => send(response, 500, { errors: [{ category: 'API_ERROR', code: 'INTERNAL_SERVER_ERROR', detail: error.message }] }));
        if (delay) setTimeout(run, delay);
        else void run();
      });
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSquare(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`, options);
    return fake;
  }

  /** A grant as the authorization would make it, for tests that start authorized. */
  grant(merchantId = MERCHANT_ID): { accessToken: string; refreshToken: string; merchantId: string; expiresAt: Date } {
    const grant: Grant = { merchantId, refreshToken: '', revoked: false };
    this.grants.push(grant);
    const token = this.issue(grant);
    return { accessToken: token.access_token, refreshToken: token.refresh_token, merchantId, expiresAt: new Date(token.expires_at) };
  }

  /** Every access token issued so far answers 401 ACCESS_TOKEN_EXPIRED from now on. */
  expireAccessTokens(): void {
    for (const [token, issued] of this.accessTokens) this.accessTokens.set(token, { ...issued, expiresAt: 0 });
  }

  /** The refresh token a grant holds now (the newest it issued). */
  liveRefreshTokens(): string[] {
    return this.grants.filter((g) => !g.revoked).map((g) => g.refreshToken);
  }

  isRevoked(accessToken: string): boolean {
    const issued = this.accessTokens.get(accessToken);
    return !issued || issued.grant.revoked;
  }

  /** The next requests to paths matching `path` get these answers, in order. */
  failNext(path: RegExp, ...faults: Fault[]): void {
    this.failAfter(path, 0, ...faults);
  }

  /** After `skip` more requests to paths matching `path` succeed, the next ones get these answers. */
  failAfter(path: RegExp, skip: number, ...faults: Fault[]): void {
    this.faults.push(...faults.map((fault) => ({ path, fault, skip })));
  }

  /** A share of the requests to `path` fail with a 500, 503 or 429 (seeded). */
  randomFaults(rate: number, path: RegExp = /^\/v2\//, seed = 11): void {
    let a = seed;
    this.random = {
      rate,
      path,
      next: () => {
        a = (a * 1103515245 + 12345) % 2147483648;
        return a / 2147483648;
      },
    };
  }

  stopFaults(): void {
    this.faults = [];
    this.random = undefined;
  }

  requestsTo(path: RegExp): number {
    return this.requests.filter((r) => path.test(r.path)).length;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse, raw: string): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const path = url.pathname;
    let body: unknown;
    if (raw && String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'EXPECTED_JSON_BODY', 'The body is not JSON'));
      }
    }
    this.requests.push({ method: request.method ?? 'GET', path, squareVersion: header(request, 'square-version'), body });

    const queued = this.faults.findIndex((f) => f.path.test(path));
    if (queued >= 0 && this.faults[queued].skip > 0) {
      for (const f of this.faults) if (f.path.test(path) && f.skip > 0) f.skip -= 1;
    } else if (queued >= 0) {
      const [{ fault }] = this.faults.splice(queued, 1);
      return this.fail(request, response, fault);
    }
    if (this.random && this.random.path.test(path) && this.random.next() < this.random.rate) {
      const statuses = [500, 503, 429];
      return this.fail(request, response, { status: statuses[Math.floor(this.random.next() * statuses.length)], retryAfter: '0' });
    }

    if (path === '/oauth2/authorize' && request.method === 'GET') return this.authorize(url, response);
    if (path === '/oauth2/token' && request.method === 'POST') return this.token(request, response, raw, body as Json | undefined);
    if (path === '/oauth2/revoke' && request.method === 'POST') return this.revoke(request, response, body as Json | undefined);

    if (!path.startsWith('/v2/')) return send(response, 404, squareError('INVALID_REQUEST_ERROR', 'NOT_FOUND', `No endpoint ${path}`));
    const version = header(request, 'square-version');
    if (version !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(version)) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'INVALID_SQUARE_VERSION_FORMAT', 'Square-Version is incorrectly formatted.'));
    const auth = this.authenticate(request);
    if (auth) return send(response, 401, auth);

    if (path === '/v2/locations' && request.method === 'GET') return send(response, 200, { locations: [...this.data.locations].sort((a, b) => String(a.name).localeCompare(String(b.name))) });
    if (path === '/v2/orders/search' && request.method === 'POST') return this.searchOrders(response, (body as Json | undefined) ?? {});
    const order = /^\/v2\/orders\/([^/]+)$/.exec(path);
    if (order && request.method === 'GET') {
      const found = this.data.orders.get(decodeURIComponent(order[1]));
      return found ? send(response, 200, { order: found }) : send(response, 404, squareError('INVALID_REQUEST_ERROR', 'NOT_FOUND', `Order ${order[1]} not found`));
    }
    if (path === '/v2/refunds' && request.method === 'GET') return this.listRefunds(url, response);
    return send(response, 404, squareError('INVALID_REQUEST_ERROR', 'NOT_FOUND', `No endpoint ${request.method} ${path}`));
  }

  private fail(request: IncomingMessage, response: ServerResponse, fault: Fault): void {
    if (fault === 'drop') {
      request.socket.destroy();
      return;
    }
    const code = ({ 403: 'FORBIDDEN', 404: 'NOT_FOUND', 429: 'RATE_LIMITED', 503: 'SERVICE_UNAVAILABLE' } as Record<number, string>)[fault.status] ?? 'INTERNAL_SERVER_ERROR';
    const category = fault.status === 429 ? 'RATE_LIMIT_ERROR' : fault.status < 500 ? 'INVALID_REQUEST_ERROR' : 'API_ERROR';
    send(response, fault.status, squareError(category, code, 'Injected fault'), fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
  }

  private authenticate(request: IncomingMessage): Json | undefined {
    const match = /^Bearer (.+)$/.exec(header(request, 'authorization') ?? '');
    const issued = match ? this.accessTokens.get(match[1]) : undefined;
    if (!issued) return squareError('AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'This request could not be authorized.');
    if (issued.grant.revoked) return squareError('AUTHENTICATION_ERROR', 'ACCESS_TOKEN_REVOKED', 'The access token has been revoked.');
    if (issued.expiresAt <= Date.now()) return squareError('AUTHENTICATION_ERROR', 'ACCESS_TOKEN_EXPIRED', 'The access token has expired.');
    return undefined;
  }

  private authorize(url: URL, response: ServerResponse): void {
    const q = url.searchParams;
    const redirect = q.get('redirect_uri');
    if (q.get('client_id') !== this.clientId || !redirect) return send(response, 400, { message: 'Unknown application', type: 'bad_request' });
    const target = new URL(redirect);
    if (q.get('state')) target.searchParams.set('state', q.get('state')!);
    if (this.refuseNextAuthorization) {
      target.searchParams.set('error', this.refuseNextAuthorization);
      target.searchParams.set('error_description', 'The seller denied the request');
      this.refuseNextAuthorization = undefined;
    } else {
      const challenge = q.get('code_challenge');
      if (!challenge || q.get('code_challenge_method') !== 'S256') return send(response, 400, { message: 'This application uses PKCE: code_challenge (S256) is required', type: 'bad_request' });
      const code = `sq0cgp-${randomBytes(18).toString('base64url')}`;
      this.codes.set(code, { challenge, redirectUri: redirect, expires: Date.now() + 5 * 60_000 });
      target.searchParams.set('code', code);
      target.searchParams.set('response_type', 'code');
    }
    response.writeHead(302, { location: target.toString() });
    response.end();
  }

  private async token(request: IncomingMessage, response: ServerResponse, raw: string, body: Json | undefined): Promise<void> {
    this.tokenRequests += 1;
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json') || !body) {
      return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'INVALID_CONTENT_TYPE', `ObtainToken takes a JSON body, got ${raw ? String(request.headers['content-type']) : 'none'}`));
    }
    await new Promise((resolve) => setTimeout(resolve, this.options.tokenLatencyMs ?? 0));
    if (body.client_id !== this.clientId) return send(response, 401, { message: 'Not Authorized', type: 'service.not_authorized' });
    if (body.client_secret !== undefined && body.client_secret !== this.clientSecret) return send(response, 401, { message: 'Not Authorized', type: 'service.not_authorized' });
    if (body.grant_type === 'authorization_code') {
      const code = this.codes.get(String(body.code));
      this.codes.delete(String(body.code));
      const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (!code || code.expires < Date.now() || code.challenge !== challenge || (body.redirect_uri !== undefined && body.redirect_uri !== code.redirectUri)) {
        return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'BAD_REQUEST', 'Invalid authorization code or code verifier'));
      }
      const grant: Grant = { merchantId: MERCHANT_ID, refreshToken: '', revoked: false };
      this.grants.push(grant);
      return send(response, 200, this.issue(grant));
    }
    if (body.grant_type === 'refresh_token') {
      const presented = String(body.refresh_token ?? '');
      const grant = this.refreshTokens.get(presented);
      if (!grant || grant.revoked) {
        const spent = this.spentRefreshTokens.get(presented);
        if (spent) {
          // A spent single-use token came back: someone kept an old copy. Counted, and the grant ends.
          this.refreshTokenReuses += 1;
          spent.revoked = true;
        }
        return send(response, 401, squareError('AUTHENTICATION_ERROR', 'UNAUTHORIZED', spent ? 'The refresh token was already used' : 'Invalid refresh token'));
      }
      this.refreshTokens.delete(presented);
      this.spentRefreshTokens.set(presented, grant);
      this.refreshes += 1;
      return send(response, 200, this.issue(grant));
    }
    return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'INVALID_VALUE', 'grant_type must be authorization_code or refresh_token'));
  }

  private issue(grant: Grant) {
    const accessToken = `EAAA${randomBytes(24).toString('base64url')}`;
    const refreshToken = `EQAA${randomBytes(24).toString('base64url')}`;
    const expiresAt = Date.now() + (this.options.accessTokenTtlMs ?? 30 * 86_400_000);
    this.accessTokens.set(accessToken, { grant, expiresAt });
    grant.refreshToken = refreshToken;
    this.refreshTokens.set(refreshToken, grant);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_at: new Date(expiresAt).toISOString().replace('.000Z', 'Z'),
      merchant_id: grant.merchantId,
      refresh_token: refreshToken,
      short_lived: false,
      refresh_token_expires_at: new Date(Date.now() + 90 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  }

  private revoke(request: IncomingMessage, response: ServerResponse, body: Json | undefined): void {
    if (header(request, 'authorization') !== `Client ${this.clientSecret}`) return send(response, 401, squareError('AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'Authorization: Client <secret> is required'));
    if (!body || body.client_id !== this.clientId) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'BAD_REQUEST', 'client_id is required'));
    const issued = typeof body.access_token === 'string' ? this.accessTokens.get(body.access_token) : undefined;
    const merchant = issued?.grant.merchantId ?? (typeof body.merchant_id === 'string' ? body.merchant_id : undefined);
    if (!merchant) return send(response, 404, squareError('INVALID_REQUEST_ERROR', 'NOT_FOUND', 'No such access token'));
    // Revoking one token revokes every authorization of the seller for this application.
    for (const grant of this.grants) if (grant.merchantId === merchant) grant.revoked = true;
    this.revocations += 1;
    send(response, 200, { success: true });
  }

  private searchOrders(response: ServerResponse, body: Json): void {
    const ids = body.location_ids;
    if (!Array.isArray(ids) || ids.length === 0) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'ARRAY_EMPTY', 'location_ids must name at least one location', 'location_ids'));
    if (ids.length > 10) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'ARRAY_LENGTH_TOO_LONG', 'location_ids holds at most 10 ids', 'location_ids'));
    const known = new Set(this.data.locations.map((l) => l.id));
    const unknown = ids.find((id) => !known.has(id as string));
    if (unknown) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'LOCATION_MISMATCH', `Location ${String(unknown)} does not belong to this merchant`, 'location_ids'));
    const limit = body.limit === undefined ? 500 : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'VALUE_TOO_HIGH', 'limit must be 1 to 1000', 'limit'));
    const query = (body.query ?? {}) as { filter?: { date_time_filter?: Record<string, { start_at?: string; end_at?: string }>; state_filter?: { states?: string[] } }; sort?: { sort_field?: string; sort_order?: string } };
    const timeFilters = Object.entries(query.filter?.date_time_filter ?? {});
    const sortField = (query.sort?.sort_field ?? 'CREATED_AT').toLowerCase();
    if (timeFilters.length > 1 || (timeFilters.length === 1 && timeFilters[0][0] !== sortField)) {
      return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'INVALID_VALUE', 'A date_time_filter must filter on the sort_field', 'query.sort.sort_field'));
    }
    const field = sortField;
    const [, range] = timeFilters[0] ?? [field, {}];
    const start = range.start_at ? Date.parse(range.start_at) : -Infinity;
    const end = range.end_at ? Date.parse(range.end_at) : Infinity;
    if (Number.isNaN(start) || Number.isNaN(end)) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'INVALID_TIME', 'start_at and end_at must be RFC 3339 timestamps'));
    const states = query.filter?.state_filter?.states;
    const descending = (query.sort?.sort_order ?? 'DESC') === 'DESC';
    const idSet = new Set(ids as string[]);
    const index = this.ordersBy(field);
    const matching = index
      .slice(lowerBound(index, start), lowerBound(index, end))
      .map((entry) => entry.order)
      .filter((o) => idSet.has(String(o.location_id)) && (!states || states.includes(String(o.state))));
    if (descending) matching.reverse();
    const fingerprint = hash(JSON.stringify({ ids, query, limit }));
    const offset = this.offsetOf(body.cursor, fingerprint);
    if (offset === undefined) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'INVALID_CURSOR', 'The cursor is invalid or does not belong to this query', 'cursor'));
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? cursorOf(offset + limit, fingerprint) : undefined;
    send(response, 200, { orders: page, ...(next ? { cursor: next } : {}) });
  }

  private listRefunds(url: URL, response: ServerResponse): void {
    const q = url.searchParams;
    const begin = q.get('begin_time') ? Date.parse(q.get('begin_time')!) : Date.now() - 365 * 86_400_000;
    const end = q.get('end_time') ? Date.parse(q.get('end_time')!) : Date.now();
    if (Number.isNaN(begin) || Number.isNaN(end)) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'INVALID_TIME', 'begin_time and end_time must be RFC 3339 timestamps'));
    const limit = Math.min(100, Number(q.get('limit') ?? 100));
    const ascending = q.get('sort_order') === 'ASC';
    const matching = [...this.data.refunds.values()]
      .filter((r) => (!q.get('location_id') || r.location_id === q.get('location_id')) && (!q.get('status') || r.status === q.get('status')))
      .filter((r) => {
        const t = Date.parse(String(r.created_at));
        return t >= begin && t < end;
      })
      .sort((a, b) => {
        const d = Date.parse(String(a.created_at)) - Date.parse(String(b.created_at));
        return (ascending ? d : -d) || (String(a.id) < String(b.id) ? -1 : 1);
      });
    const fingerprint = hash(JSON.stringify([...[...q.entries()].filter(([k]) => k !== 'cursor')]));
    const offset = this.offsetOf(q.get('cursor') ?? undefined, fingerprint);
    if (offset === undefined) return send(response, 400, squareError('INVALID_REQUEST_ERROR', 'INVALID_CURSOR', 'The cursor is invalid', 'cursor'));
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? cursorOf(offset + limit, fingerprint) : undefined;
    send(response, 200, { refunds: page, ...(next ? { cursor: next } : {}) });
  }

  private readonly indexes = new Map<string, { revision: number; entries: Array<{ time: number; order: Json }> }>();

  /** The orders sorted by a timestamp field (then id), rebuilt when the data changed. */
  private ordersBy(field: string): Array<{ time: number; order: Json }> {
    const cached = this.indexes.get(field);
    if (cached && cached.revision === this.data.revision) return cached.entries;
    const entries = [...this.data.orders.values()]
      .map((order) => ({ time: order[field] ? Date.parse(String(order[field])) : NaN, order }))
      .filter((entry) => !Number.isNaN(entry.time))
      .sort((a, b) => a.time - b.time || (String(a.order.id) < String(b.order.id) ? -1 : 1));
    this.indexes.set(field, { revision: this.data.revision, entries });
    return entries;
  }

  private offsetOf(cursor: unknown, fingerprint: string): number | undefined {
    if (cursor === undefined || cursor === null || cursor === '') return 0;
    try {
      const parsed = JSON.parse(Buffer.from(String(cursor), 'base64url').toString()) as { o: number; q: string };
      return parsed.q === fingerprint && Number.isInteger(parsed.o) && parsed.o >= 0 ? parsed.o : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The first entry at or after `time`. */
function lowerBound(entries: ReadonlyArray<{ time: number }>, time: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entries[mid].time < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

function cursorOf(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: fingerprint })).toString('base64url');
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function squareError(category: string, code: string, detail: string, field?: string): Json {
  return { errors: [{ category, code, detail, ...(field ? { field } : {}) }] };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** The service's settings for Square at `fake`: its API and authorization URLs and the OAuth app registered there. */
export function squareEnv(fake: FakeSquare): Record<string, string> {
  return { SQUARE_API_URL: fake.url, SQUARE_AUTH_URL: fake.url, SQUARE_CLIENT_ID: fake.clientId, SQUARE_CLIENT_SECRET: fake.clientSecret };
}

/** A Square connection authorized as the OAuth callback leaves it (a grant of `fake`), then enabled from `startDate`. */
export async function squareConnection(app: TestApp, fake: FakeSquare, tenant: string, settings: Record<string, unknown> = {}, startDate = '2024-01-01'): Promise<string> {
  const created = await app.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { connector: 'SQUARE', name: 'Square seller', tenant, settings } });
  assert.equal(created.status, 201, await created.clone().text());
  const { id } = (await created.json()) as { id: string };
  const grant = fake.grant();
  await app.app.get(ConnectionService).completeOAuth(id, 'seller', {
    secret: { accessToken: grant.accessToken, refreshToken: grant.refreshToken, merchantId: grant.merchantId },
    scopes: ['MERCHANT_PROFILE_READ', 'ORDERS_READ', 'PAYMENTS_READ'],
    expiresAt: grant.expiresAt,
  });
  const enabled = await app.request(`/connections/${id}`, { method: 'PUT', token: SERVICE_TOKEN, json: { enabled: true, startDate } });
  assert.equal(enabled.status, 200, await enabled.clone().text());
  return id;
}
