import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Decimal } from 'decimal.js';
import { mulberry32 } from './fake-bigcommerce.js';

/** An item as TrustFile keeps it (the assumed wire format of ../shared/specs/trustfile-push-and-connector-api.md). */
export interface StoredItem {
  itemId: string;
  revision: number;
  refund: boolean;
  status: 'active' | 'voided';
  transactionDate: string;
  currency: string | null;
  subtotal: string;
  discount: string;
  shipping: string;
  shippingTax: string;
  tax: string;
  total: string;
  lines: Array<Record<string, unknown>>;
  taxes: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

export type TrustFileFault = { status: number; retryAfter?: string } | { delayMs: number } | 'drop';

export interface FakeTrustFileOptions {
  readonly token: string;
  readonly path?: string;
  /** Items per request above which the fake answers 413 (TrustFile's own limit is 1000). */
  readonly maxItems?: number;
  /** Business rule: errors for an item TrustFile would reject (a valid shape with, say, an unknown region). */
  readonly reject?: (item: StoredItem) => Array<{ field: string; message: string }> | undefined;
  readonly latencyMs?: number;
}

const MONEY = /^-?\d+(\.\d+)?$/;
const MONEY_FIELDS = ['subtotal', 'discount', 'shipping', 'shippingTax', 'tax', 'total'] as const;
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * TrustFile's push endpoint on 127.0.0.1: validates the assumed format (money as decimal strings,
 * never numbers), keeps each company's items by itemId at their highest revision, counts every
 * post and every revision that would have gone backwards, and answers the failures the push
 * must survive: 401/403 while the token is refused, 413 over the batch limit, 429/5xx, drops.
 */
export class FakeTrustFile {
  /** companyToken → itemId → item. */
  readonly companies = new Map<string, Map<string, StoredItem>>();
  posts = 0;
  itemsReceived = 0;
  /** The most items one accepted request carried. */
  largestBatch = 0;
  /** Items received with a lower revision than the one held (must stay 0). */
  regressions = 0;
  /** Items received again at the revision already held. */
  repeats = 0;
  /** Requests with a malformed body or item (must stay 0: the push must speak the format). */
  readonly malformed: string[] = [];
  /** itemId → how many times it was received. */
  readonly receipts = new Map<string, number>();
  refuseToken = false;
  private faultRandom?: { rate: number; faults: TrustFileFault[]; next: () => number };
  private queuedFaults: TrustFileFault[] = [];
  faultCount = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: FakeTrustFileOptions,
  ) {}

  static async start(options: FakeTrustFileOptions): Promise<FakeTrustFile> {
    let fake: FakeTrustFile | undefined;
    const server = createServer((request, response) => fake!.handle(request, response));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    fake = new FakeTrustFile(server, `http://127.0.0.1:${port}`, options);
    return fake;
  }

  /** Each request fails with one of `faults` with probability `rate` (seeded). */
  injectRandomFaults(rate: number, faults: TrustFileFault[], seed = 1): void {
    this.faultRandom = rate > 0 ? { rate, faults, next: mulberry32(seed) } : undefined;
  }

  /** The next requests fail with these, in order. */
  failNext(...faults: TrustFileFault[]): void {
    this.queuedFaults.push(...faults);
  }

  /** Counters a benchmark reads across processes (`GET /_stats`). */
  stats(): { posts: number; itemsReceived: number; largestBatch: number; regressions: number; repeats: number; malformed: number; items: number } {
    let items = 0;
    for (const company of this.companies.values()) items += company.size;
    return { posts: this.posts, itemsReceived: this.itemsReceived, largestBatch: this.largestBatch, regressions: this.regressions, repeats: this.repeats, malformed: this.malformed.length, items };
  }

  items(companyToken: string): StoredItem[] {
    return [...(this.companies.get(companyToken)?.values() ?? [])];
  }

  /** Per UTC day and currency of the company's active items: sales and refunds, their tax, shipping and totals. */
  dailySums(companyToken: string): Map<string, { sales: number; refunds: number; total: Decimal; tax: Decimal; shipping: Decimal; refundTotal: Decimal; refundTax: Decimal }> {
    const days = new Map<string, { sales: number; refunds: number; total: Decimal; tax: Decimal; shipping: Decimal; refundTotal: Decimal; refundTax: Decimal }>();
    for (const item of this.items(companyToken)) {
      if (item.status !== 'active') continue;
      const key = `${item.transactionDate.slice(0, 10)}/${item.currency}`;
      const day = days.get(key) ?? { sales: 0, refunds: 0, total: new Decimal(0), tax: new Decimal(0), shipping: new Decimal(0), refundTotal: new Decimal(0), refundTax: new Decimal(0) };
      if (item.refund) {
        day.refunds += 1;
        day.refundTotal = day.refundTotal.plus(item.total);
        day.refundTax = day.refundTax.plus(item.tax);
      } else {
        day.sales += 1;
        day.total = day.total.plus(item.total);
        day.tax = day.tax.plus(item.tax);
        day.shipping = day.shipping.plus(item.shipping);
      }
      days.set(key, day);
    }
    return days;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = () => this.answer(request, Buffer.concat(chunks).toString('utf8'), response);
      if (this.options.latencyMs) setTimeout(answer, this.options.latencyMs);
      else answer();
    });
  }

  private nextFault(): TrustFileFault | undefined {
    const queued = this.queuedFaults.shift();
    if (queued) return queued;
    if (this.faultRandom && this.faultRandom.next() < this.faultRandom.rate) {
      return this.faultRandom.faults[Math.floor(this.faultRandom.next() * this.faultRandom.faults.length)];
    }
    return undefined;
  }

  private answer(request: IncomingMessage, text: string, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', this.url).pathname;
    if (request.method === 'GET' && path === '/_stats') return send(response, 200, this.stats());
    if (request.method !== 'POST' || path !== (this.options.path ?? '/v1/items')) return send(response, 404, { message: 'not found' });
    if (request.headers.authorization !== `Bearer ${this.options.token}`) return send(response, 401, { message: 'invalid token' });
    if (this.refuseToken) return send(response, 403, { message: 'token revoked' });
    if (!String(request.headers['content-type']).startsWith('application/json')) return send(response, 415, { message: 'JSON only' });
    const fault = this.nextFault();
    if (fault) {
      this.faultCount += 1;
      if (fault === 'drop') return void request.socket.destroy();
      if ('delayMs' in fault) {
        setTimeout(() => this.accept(text, response), fault.delayMs);
        return;
      }
      response.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
      return void response.end(JSON.stringify({ message: 'injected fault' }));
    }
    this.accept(text, response);
  }

  private accept(text: string, response: ServerResponse): void {
    let body: { companyToken?: unknown; items?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      this.malformed.push('body is not JSON');
      return send(response, 400, { message: 'body is not JSON' });
    }
    if (typeof body.companyToken !== 'string' || !UUID.test(body.companyToken) || !Array.isArray(body.items)) {
      this.malformed.push('companyToken or items missing');
      return send(response, 400, { message: 'companyToken (uuid) and items (array) are required' });
    }
    if (body.items.length > (this.options.maxItems ?? 1000)) return send(response, 413, { message: `at most ${this.options.maxItems ?? 1000} items per request` });
    this.posts += 1;
    this.largestBatch = Math.max(this.largestBatch, body.items.length);
    const company = this.companies.get(body.companyToken) ?? new Map<string, StoredItem>();
    this.companies.set(body.companyToken, company);
    const results = (body.items as StoredItem[]).map((item) => {
      this.itemsReceived += 1;
      const shapeErrors = shapeOf(item);
      if (shapeErrors.length > 0) {
        this.malformed.push(`${String(item?.itemId)}: ${shapeErrors.map((e) => e.message).join('; ')}`);
        return { itemId: item?.itemId, status: 'rejected', errors: shapeErrors };
      }
      this.receipts.set(item.itemId, (this.receipts.get(item.itemId) ?? 0) + 1);
      const held = company.get(item.itemId);
      if (held && item.revision < held.revision) {
        this.regressions += 1;
        return { itemId: item.itemId, status: 'unchanged', errors: [] };
      }
      const rejected = this.options.reject?.(item);
      if (rejected?.length) return { itemId: item.itemId, status: 'rejected', errors: rejected };
      if (held && item.revision === held.revision) {
        this.repeats += 1;
        return { itemId: item.itemId, status: 'unchanged', errors: [] };
      }
      company.set(item.itemId, item);
      return { itemId: item.itemId, status: held ? 'updated' : 'created', errors: [] };
    });
    send(response, 200, { results });
  }
}

function shapeOf(item: StoredItem): Array<{ field: string; message: string }> {
  const errors: Array<{ field: string; message: string }> = [];
  if (typeof item?.itemId !== 'string' || item.itemId.length === 0) errors.push({ field: 'itemId', message: 'required string' });
  if (!Number.isInteger(item?.revision) || item.revision < 1) errors.push({ field: 'revision', message: 'a positive integer' });
  if (typeof item?.refund !== 'boolean') errors.push({ field: 'refund', message: 'boolean' });
  if (item?.status !== 'active' && item?.status !== 'voided') errors.push({ field: 'status', message: 'active or voided' });
  if (typeof item?.transactionDate !== 'string' || Number.isNaN(Date.parse(item.transactionDate))) errors.push({ field: 'transactionDate', message: 'ISO timestamp' });
  for (const field of MONEY_FIELDS) {
    if (typeof item?.[field] !== 'string' || !MONEY.test(item[field])) errors.push({ field, message: 'a decimal string (never a JSON number)' });
  }
  if (!Array.isArray(item?.lines)) errors.push({ field: 'lines', message: 'array' });
  else {
    item.lines.forEach((line, index) => {
      for (const field of ['quantity', 'amount', 'discount', 'tax']) {
        if (typeof line[field] !== 'string' || !MONEY.test(line[field] as string)) errors.push({ field: `lines[${index}].${field}`, message: 'a decimal string' });
      }
    });
  }
  if (!Array.isArray(item?.taxes)) errors.push({ field: 'taxes', message: 'array' });
  else {
    item.taxes.forEach((tax, index) => {
      if (typeof tax.amount !== 'string' || !MONEY.test(tax.amount as string)) errors.push({ field: `taxes[${index}].amount`, message: 'a decimal string' });
    });
  }
  return errors;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
