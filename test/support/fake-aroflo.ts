import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Decimal } from 'decimal.js';

/**
 * AroFlo's API on 127.0.0.1, as shared/vendor-specs/aroflo documents it:
 * - one endpoint, `zone`, `where` (any number, `and|field|op|value`, ops = < > != IN, NOT IN),
 *   `order`, `join=lineitems`, `page` (from 1), `pageSize` (at most 500);
 * - every request's HMAC-SHA512 recomputed from the site's secret: a mismatch, a missing header or a
 *   timestamp outside the clock window answers `-99999`; an unknown user or organisation `1`;
 * - no `where`: the zone's 30-day default filter (invoices, users, suppliers: created in the last
 *   30 days; payments: paid in the last 30 days);
 * - JSON with numbers and booleans as strings, dates `YYYY/MM/DD`, date-times `YYYY/MM/DD HH:mm:ss` UTC;
 * - the limits per site, on request arrivals: more than `perSecond` in any second or `perMinute` in
 *   any minute answers `6`, more than `perDay` since the day began answers `7`, with the
 *   X-RateLimit headers; `8` for a page over `maxPageBytes`, `888888` for a time filter wider than
 *   `maxWindowDays`;
 * - invoices with GST lines (10 % and GST-free, some tax-inclusive, some with a negative credit
 *   line), in every status, that can be edited after creation.
 */

export interface AroFloSite {
  readonly secretKey: string;
  readonly uEncoded: string;
  readonly pEncoded: string;
  readonly orgEncoded: string;
}

export interface FakeAroFloOptions {
  readonly site?: AroFloSite;
  readonly invoices?: number;
  readonly users?: number;
  readonly suppliers?: number;
  readonly payments?: number;
  /** Records are created from this many days ago up to a day ago. */
  readonly historyDays?: number;
  readonly perSecond?: number;
  readonly perMinute?: number;
  readonly perDay?: number;
  /** Clock window of `afdatetimeutc`, either side. */
  readonly clockWindowMs?: number;
  /** An answer larger than this is refused with status 8 (AroFlo: 3.5 MB). */
  readonly maxPageBytes?: number;
  /** A `where` range on a date field wider than this is refused with status 888888 (AroFlo: the query runs over 60 s). */
  readonly maxWindowDays?: number;
}

type Row = Record<string, unknown>;

export const TEST_SITE: AroFloSite = {
  secretKey: 'c2VjcmV0LWtleS1vZi10aGUtdGVzdC1zaXRlLTAxMjM0NQ==',
  uEncoded: 'JSc6TyBMUCAgCg==',
  pEncoded: 'ZCNAOVtOTjUySjQjQ2U0WDVMCg==',
  orgEncoded: 'JSZKUyZRQCAgCg==',
};

const DAY = 86_400_000;
const FINAL = new Set(['approved', 'processed']);
const STATUSES = ['approved', 'processed', 'approved', 'processed', 'approved', 'pending approval', 'approved', 'processed', 'in progress', 'approved', 'processed'];

export class FakeAroFlo {
  /** Every request as it arrived: time, zone, the query string, the body status answered. */
  readonly requests: Array<{ at: number; zone: string; query: string; status: string; http: number; timestamp?: string; org?: string }> = [];
  readonly invoices: Row[] = [];
  readonly users: Row[] = [];
  readonly suppliers: Row[] = [];
  readonly payments: Row[] = [];
  private readonly options: { -readonly [K in keyof FakeAroFloOptions]-?: NonNullable<FakeAroFloOptions[K]> };
  private arrivals: number[] = [];
  private dayCount = 0;
  private forced: Array<{ status: string; http?: number }> = [];
  private readonly now = Date.now();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    options: FakeAroFloOptions,
  ) {
    this.options = {
      site: TEST_SITE,
      invoices: 120,
      users: 40,
      suppliers: 30,
      payments: 60,
      historyDays: 100,
      perSecond: 3,
      perMinute: 120,
      perDay: 2000,
      clockWindowMs: 60_000,
      maxPageBytes: 3.5 * 1024 * 1024,
      maxWindowDays: 100_000,
      ...options,
    };
    this.generate();
  }

  static async start(options: FakeAroFloOptions = {}): Promise<FakeAroFlo> {
    let fake: FakeAroFlo | undefined;
    const server = createServer((request, response) => fake!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeAroFlo(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`, options);
    return fake;
  }

  get site(): AroFloSite {
    return this.options.site;
  }

  /** The credentials body of PUT /connections/{id}/credentials for this site. */
  credentials(overrides: Partial<AroFloSite> = {}): Record<string, string> {
    return { ...this.options.site, ...overrides };
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` requests (that pass the signature check) answer this body status (or HTTP status). */
  force(status: string, count = 1, http?: number): void {
    for (let i = 0; i < count; i += 1) this.forced.push({ status, http });
  }

  /** The site's secret key is regenerated in AroFlo: requests signed with the old one are refused (-99999). */
  rotateSecret(secretKey: string): void {
    this.options.site = { ...this.options.site, secretKey };
  }

  /** 00:00 Australia/Melbourne: the daily count starts again. */
  newDay(): void {
    this.dayCount = 0;
  }

  setLimits(limits: Partial<Pick<FakeAroFloOptions, 'perDay' | 'perSecond' | 'perMinute' | 'maxPageBytes' | 'maxWindowDays'>>): void {
    Object.assign(this.options, limits);
  }

  /** Calls counted today. */
  get callsToday(): number {
    return this.dayCount;
  }

  /** The most requests that arrived within any one second (sliding), signed or not. */
  maxPerSecond(): number {
    const times = this.requests.map((r) => r.at).sort((a, b) => a - b);
    let max = 0;
    for (let i = 0, j = 0; i < times.length; i += 1) {
      while (times[i] - times[j] >= 1000) j += 1;
      max = Math.max(max, i - j + 1);
    }
    return max;
  }

  /** Per day invoiced, the final (approved, processed) invoices' totals, exact. */
  dailyTotals(): Map<string, { totalex: string; totalgst: string; totalinc: string; count: number }> {
    const days = new Map<string, { totalex: Decimal; totalgst: Decimal; totalinc: Decimal; count: number }>();
    for (const invoice of this.invoices) {
      if (!FINAL.has(String(invoice.status))) continue;
      const day = String(invoice.dateinvoiced).replaceAll('/', '-');
      const sums = days.get(day) ?? { totalex: new Decimal(0), totalgst: new Decimal(0), totalinc: new Decimal(0), count: 0 };
      sums.totalex = sums.totalex.plus(String(invoice.totalex));
      sums.totalgst = sums.totalgst.plus(String(invoice.totalgst));
      sums.totalinc = sums.totalinc.plus(String(invoice.totalinc));
      sums.count += 1;
      days.set(day, sums);
    }
    return new Map([...days].map(([day, s]) => [day, { totalex: s.totalex.toFixed(2), totalgst: s.totalgst.toFixed(2), totalinc: s.totalinc.toFixed(2), count: s.count }]));
  }

  /** Edits invoice n now: its first line's price goes up by `by`, totals recomputed; optionally a new status. */
  editInvoice(n: number, change: { by?: string; status?: string } = {}): Row {
    const invoice = this.invoices[n - 1];
    const lines = invoice.lines as Row[];
    if (change.by) {
      const line = lines[0];
      line.price = new Decimal(String(line.price)).plus(change.by).toFixed(4);
      Object.assign(line, lineAmounts(String(line.qtybilled), String(line.price), Number(line.taxrate), invoice.isTaxInclusive === 'true'));
    }
    if (change.status) invoice.status = change.status;
    Object.assign(invoice, totals(lines, invoice.isTaxInclusive === 'true'));
    invoice.lastupdateddatetimeutc = dateTime(Date.now());
    return invoice;
  }

  private generate(): void {
    const { historyDays } = this.options;
    const first = Math.floor(this.now / DAY) * DAY - historyDays * DAY;
    const span = (historyDays - 1) * DAY;
    const at = (n: number, count: number) => first + Math.floor((span * (n - 1)) / Math.max(1, count)) + 9 * 3_600_000;
    for (let n = 1; n <= this.options.invoices; n += 1) {
      const created = at(n, this.options.invoices);
      // Three invoices share each last-updated second: ties for the keyset to sort out.
      const updated = at(Math.floor((n - 1) / 3) * 3 + 1, this.options.invoices) + 3_600_000;
      const inclusive = n % 4 === 0;
      const lines: Row[] = [
        { lineid: `L${n}-1`, description: 'Labour: callout and repair', itemtype: 'Labour', qtybilled: String(1 + (n % 3)), price: `${95 + (n % 7)}.5000`, taxcode: 'GST', taxrate: '10', accountcode: '200' },
        { lineid: `L${n}-2`, description: 'Copper pipe 15 mm', itemtype: 'Material', qtybilled: `${(n % 5) + 1}.5`, price: `${12 + (n % 9)}.3300`, taxcode: 'GST', taxrate: '10', accountcode: '210' },
      ];
      if (n % 3 === 0) lines.push({ lineid: `L${n}-3`, description: 'Council permit fee', itemtype: 'Expense', qtybilled: '1', price: '48.1000', taxcode: 'FRE', taxrate: '0', accountcode: '220' });
      if (n % 5 === 0) lines.push({ lineid: `L${n}-4`, description: 'Credit: returned fitting', itemtype: 'Material', qtybilled: '1', price: '-17.4500', taxcode: 'GST', taxrate: '10', accountcode: '210' });
      for (const line of lines) Object.assign(line, lineAmounts(String(line.qtybilled), String(line.price), Number(line.taxrate), inclusive));
      this.invoices.push({
        invoiceid: id('IV', n),
        invoicenumber: String(10_000 + n),
        dateinvoiced: date(created),
        status: STATUSES[n % STATUSES.length],
        isTaxInclusive: String(inclusive),
        surchargeamount: '0.0000',
        client: { orgid: id('CL', (n % 12) + 1), orgname: `Client ${(n % 12) + 1} Pty Ltd` },
        address: { address1: `${n} Collins Street`, address2: n % 2 ? 'Level 3' : '', suburb: 'Melbourne', state: 'VIC', postcode: '3000' },
        createddatetimeutc: dateTime(created),
        lastupdateddatetimeutc: dateTime(updated),
        lines,
        ...totals(lines, inclusive),
      });
    }
    for (let n = 1; n <= this.options.users; n += 1) {
      const created = at(n, this.options.users);
      this.users.push({
        userid: id('US', n),
        givennames: `Given${n}`,
        surname: `Surname${n}`,
        username: `user${n}`,
        email: `user${n}@example.com.au`,
        phone: '03 9000 0000',
        mobile: `0400 000 ${String(n).padStart(3, '0')}`,
        accesstype: n % 4 ? 'Field' : 'Office',
        archived: String(n % 10 === 0),
        org: { orgid: 'ORG1', orgname: 'Test Plumbing Pty Ltd' },
        createddatetimeutc: dateTime(created),
        lastupdateddatetimeutc: dateTime(created + 60_000),
      });
    }
    for (let n = 1; n <= this.options.suppliers; n += 1) {
      this.suppliers.push({
        supplierid: id('SU', n),
        suppliername: `Supplier ${n} Pty Ltd`,
        abn: `51 824 753 ${String(n).padStart(3, '0')}`,
        email: `accounts@supplier${n}.example.com.au`,
        address: { addressline1: `${n} Plumbing Way`, suburb: 'Dandenong', state: 'VIC', postcode: '3175' },
        postable: 'true',
        archived: String(n % 7 === 0),
        datetimeinserted: dateTime(at(n, this.options.suppliers)),
        createddatetimeutc: dateTime(at(n, this.options.suppliers)),
      });
    }
    for (let n = 1; n <= this.options.payments; n += 1) {
      const invoice = this.invoices[(n - 1) % Math.max(1, this.invoices.length)];
      this.payments.push({
        paymentid: id('PA', n),
        amount: invoice ? String(invoice.totalinc) : '10.0000',
        totalamount: invoice ? String(invoice.totalinc) : '10.0000',
        surchargeamount: '0.0000',
        datepaid: date(at(n, this.options.payments)),
        paymentmethodname: n % 2 ? 'EFT' : 'Credit Card',
        reference: `REF-${n}`,
        linkedto: { linkedtoid: invoice?.invoiceid ?? '', linkedtotype: 'invoice' },
      });
    }
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const arrived = Date.now();
    const url = new URL(request.url ?? '/', this.url);
    const query = (request.url ?? '').split('?')[1] ?? '';
    const zone = url.searchParams.get('zone') ?? '';
    const entry = { at: arrived, zone, query, status: '', http: 200, timestamp: header(request, 'afdatetimeutc'), org: new URLSearchParams(header(request, 'authorization') ?? '').get('orgEncoded') ?? undefined };
    this.requests.push(entry);
    const answer = (status: string, message: string, zoneresponse?: unknown, http = 200) => {
      entry.status = status;
      entry.http = http;
      send(response, http, { status, statusmessage: message, ...(zoneresponse ? { zoneresponse } : {}) }, this.limitHeaders());
    };

    if (request.method !== 'GET') return answer('5', 'Only GET is supported by this endpoint');
    const refusal = this.authenticate(request, query);
    if (refusal) return answer(refusal.status, refusal.message);

    // The limits count every authenticated arrival (as AroFlo meters them).
    this.arrivals = this.arrivals.filter((t) => t > arrived - 60_000);
    const inSecond = this.arrivals.filter((t) => t > arrived - 1000).length;
    this.arrivals.push(arrived);
    if (this.dayCount >= this.options.perDay) return answer('7', 'Daily API limit reached');
    this.dayCount += 1;
    if (inSecond >= this.options.perSecond) return answer('6', 'Rate limit exceeded: 3 requests per second');
    if (this.arrivals.length > this.options.perMinute) return answer('6', 'Rate limit exceeded: 120 requests per minute');

    const forced = this.forced.shift();
    if (forced) {
      if (forced.http) {
        entry.http = forced.http;
        entry.status = String(forced.http);
        response.writeHead(forced.http, { 'content-type': 'text/plain' });
        return void response.end('Too Many Requests');
      }
      return answer(forced.status, `forced status ${forced.status}`);
    }

    const rows = this.zoneRows(zone);
    if (!rows) return answer('0', 'Login OK', { [zone]: [], currentpageresults: '0', maxpageresults: '0', pagenumber: '1' });
    let filtered: Row[];
    try {
      filtered = this.filter(zone, rows, url.searchParams.getAll('where'));
    } catch (error) {
      if (error instanceof QueryTimeout) return answer('888888', 'Query timed out after 60 seconds');
      return answer('5', (error as Error).message);
    }
    const [orderField = idField(zone), direction = 'asc'] = (url.searchParams.get('order') ?? '').split('|').filter(Boolean);
    filtered.sort((a, b) => compare(String(a[orderField] ?? ''), String(b[orderField] ?? '')) * (direction === 'desc' ? -1 : 1) || compare(String(a[idField(zone)]), String(b[idField(zone)])));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const pageSize = Math.min(500, Math.max(1, Number(url.searchParams.get('pageSize') ?? 500)));
    const joins = (url.searchParams.get('join') ?? '').split(',');
    const items = filtered.slice((page - 1) * pageSize, page * pageSize).map((row) => {
      if (zone !== 'invoices' || joins.includes('lineitems')) return structuredClone(row);
      const { lines: _lines, ...head } = row;
      return structuredClone(head);
    });
    const zoneresponse = { [zone]: items, currentpageresults: String(items.length), maxpageresults: String(pageSize), pagenumber: String(page), queryresponsetimes: { querytime: '0.01' } };
    if (Buffer.byteLength(JSON.stringify(zoneresponse)) > this.options.maxPageBytes) return answer('8', 'Response exceeds 3.5 MB: request a smaller pageSize');
    answer('0', 'Login OK', zoneresponse);
  }

  private authenticate(request: IncomingMessage, query: string): { status: string; message: string } | undefined {
    const site = this.options.site;
    const authorization = header(request, 'authorization');
    const timestamp = header(request, 'afdatetimeutc');
    const authentication = header(request, 'authentication');
    const accept = header(request, 'accept');
    if (!authorization || !timestamp || !authentication || accept !== 'text/json') return { status: '-99999', message: 'Missing authentication headers' };
    const identity = new URLSearchParams(authorization);
    if (identity.get('orgEncoded') !== site.orgEncoded || identity.get('uencoded') !== site.uEncoded || identity.get('pencoded') !== site.pEncoded) {
      return { status: '1', message: 'Login Failed: the user or organisation is not recognised' };
    }
    const sent = Date.parse(timestamp);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(timestamp) || Number.isNaN(sent) || Math.abs(Date.now() - sent) > this.options.clockWindowMs) {
      return { status: '-99999', message: 'Payload expired: afdatetimeutc is outside the allowed window' };
    }
    const hostIp = header(request, 'hostip');
    const signed = [request.method ?? 'GET', ...(hostIp ? [hostIp] : []), '', accept, authorization, timestamp, query].join('+');
    const expected = Buffer.from(`HMAC ${createHmac('sha512', site.secretKey).update(signed).digest('hex')}`);
    const given = Buffer.from(authentication);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: '-99999', message: 'Signature mismatch' };
    return undefined;
  }

  private zoneRows(zone: string): Row[] | undefined {
    return ({ invoices: this.invoices, users: this.users, suppliers: this.suppliers, payments: this.payments } as Record<string, Row[]>)[zone];
  }

  private filter(zone: string, rows: Row[], wheres: string[]): Row[] {
    if (wheres.length === 0) {
      // AroFlo's default filter: created (payments: paid) in the last 30 days.
      const since = Date.now() - 30 * DAY;
      const field = zone === 'payments' ? 'datepaid' : 'createddatetimeutc';
      return rows.filter((row) => instantOf(String(row[field])) >= since);
    }
    const conditions = wheres.map((where) => {
      const [join, field, op, value] = where.split('|');
      if (!['and', 'or'].includes(join) || !field || !op || value === undefined) throw new Error(`Invalid where: ${where}`);
      return { join, field, op, value };
    });
    // A date range wider than maxWindowDays takes AroFlo over its 60 s.
    const dated = conditions.filter((c) => /date/.test(c.field) && (c.op === '>' || c.op === '<'));
    const lower = dated.find((c) => c.op === '>');
    const upper = dated.find((c) => c.op === '<');
    const width = lower ? (upper ? instantOf(upper.value) : Date.now()) - instantOf(lower.value) : Infinity;
    if (dated.length > 0 && width > this.options.maxWindowDays * DAY) throw new QueryTimeout();
    return rows.filter((row) =>
      conditions.reduce<boolean | undefined>((acc, c) => {
        const holds = test(row[c.field], c.op, c.value);
        if (acc === undefined) return holds;
        return c.join === 'and' ? acc && holds : acc || holds;
      }, undefined) ?? true,
    );
  }

  private limitHeaders(): Record<string, string> {
    const minute = this.arrivals.filter((t) => t > Date.now() - 60_000).length;
    return {
      'x-ratelimit-limit': String(this.options.perMinute),
      'x-ratelimit-remaining': String(Math.max(0, this.options.perMinute - minute)),
      'x-ratelimit-daily-limit': String(this.options.perDay),
      'x-ratelimit-daily-remaining': String(Math.max(0, this.options.perDay - this.dayCount)),
    };
  }
}

class QueryTimeout extends Error {}

function idField(zone: string): string {
  return ({ invoices: 'invoiceid', users: 'userid', suppliers: 'supplierid', payments: 'paymentid' } as Record<string, string>)[zone] ?? 'id';
}

/** Dates and date-times compare as text once `/` is `-`; so do the ids. */
function normal(value: string): string {
  return value.replaceAll('/', '-');
}

/** A date (`YYYY/MM/DD`, `YYYY-MM-DD`) or UTC date-time (`… HH:mm:ss`) as epoch ms. */
function instantOf(value: string): number {
  const v = normal(value);
  return Date.parse(v.length <= 10 ? `${v}T00:00:00Z` : `${v.replace(' ', 'T')}Z`);
}

function compare(a: string, b: string): number {
  const x = normal(a);
  const y = normal(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function test(raw: unknown, op: string, value: string): boolean {
  const field = normal(String(raw ?? ''));
  const values = value.split('*').map(normal);
  // A date field compared with a date compares the date part only.
  const left = values[0].length === 10 && /^\d{4}-\d{2}-\d{2}/.test(field) ? field.slice(0, 10) : field;
  switch (op.toUpperCase()) {
    case '=':
      return left === values[0];
    case '!=':
      return left !== values[0];
    case '<':
      return left < values[0];
    case '>':
      return left > values[0];
    case 'IN':
      return values.includes(left);
    case 'NOT IN':
      return !values.includes(left);
    default:
      throw new Error(`Unknown operator ${op}`);
  }
}

function lineAmounts(qty: string, price: string, ratePercent: number, inclusive: boolean): Row {
  const total = new Decimal(qty).times(price).toDecimalPlaces(2);
  const rate = new Decimal(ratePercent).div(100);
  // Inclusive: the total holds its tax (1/11 of it at 10 %); exclusive: the tax comes on top.
  const tax = inclusive ? total.times(rate).div(rate.plus(1)).toDecimalPlaces(2) : total.times(rate).toDecimalPlaces(2);
  return { total: total.toFixed(4), taxamount: tax.toFixed(4) };
}

function totals(lines: Row[], inclusive: boolean): Row {
  const tax = lines.reduce((acc, line) => acc.plus(String(line.taxamount)), new Decimal(0));
  const gross = lines.reduce((acc, line) => acc.plus(String(line.total)), new Decimal(0));
  const ex = inclusive ? gross.minus(tax) : gross;
  return { totalex: ex.toFixed(4), totalgst: tax.toFixed(4), totalinc: ex.plus(tax).toFixed(4) };
}

function id(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}

function date(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '/');
}

function dateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 19)}`;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  response.writeHead(status, { 'content-type': 'text/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
