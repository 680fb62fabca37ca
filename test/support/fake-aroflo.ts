import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * An AroFlo API on 127.0.0.1, in the assumed wire format of src/host-system/aroflo: bearer key,
 * `/users|suppliers|payments` filtered by `updated_since`/`updated_until` (inclusive), sorted by
 * `updated_at` then id, paged by `page`/`per_page`. Records are deterministic, with nested objects
 * and timestamps in +10:00; every n-th request can fail.
 */
export class FakeAroFlo {
  readonly requests: string[] = [];
  private faultEvery = 0;
  private count = 0;

  private constructor(private readonly server: Server, readonly url: string, private readonly options: { apiKey: string; records: number; start: Date }) {}

  static async start(options: { apiKey: string; records: number; start?: Date }): Promise<FakeAroFlo> {
    let fake: FakeAroFlo | undefined;
    const server = createServer((request, response) => fake!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeAroFlo(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`, { start: new Date('2024-01-01T00:00:00Z'), ...options });
    return fake;
  }

  /** Every n-th request answers 500 or drops the connection, alternately. */
  injectFaults(every: number): void {
    this.faultEvery = every;
  }

  /** Record n of any resource is updated ceil(n / 2) * 10 s after the start: two records share each instant. */
  updatedAt(n: number): Date {
    return new Date(this.options.start.getTime() + Math.floor((n + 1) / 2) * 10_000);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    this.count += 1;
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push(url.pathname);
    if (this.faultEvery && this.count % this.faultEvery === 0) {
      if ((this.count / this.faultEvery) % 2) return void request.socket.destroy();
      response.writeHead(500);
      return void response.end();
    }
    if (request.headers.authorization !== `Bearer ${this.options.apiKey}`) return send(response, 401, { error: 'unauthorized' });
    const resource = url.pathname.slice(1);
    if (!['users', 'suppliers', 'payments'].includes(resource)) return send(response, 404, { error: 'not found' });
    const from = Date.parse(url.searchParams.get('updated_since') ?? '1970-01-01T00:00:00Z');
    const to = Date.parse(url.searchParams.get('updated_until') ?? '2999-01-01T00:00:00Z');
    const page = Number(url.searchParams.get('page') ?? 1);
    const perPage = Number(url.searchParams.get('per_page') ?? 100);
    const matching: number[] = [];
    for (let n = 1; n <= this.options.records; n += 1) {
      const at = this.updatedAt(n).getTime();
      if (at >= from && at <= to) matching.push(n);
    }
    const data = matching.slice((page - 1) * perPage, page * perPage).map((n) => record(resource, n, this.updatedAt(n)));
    send(response, 200, { data, page, per_page: perPage, total: matching.length });
  }
}

function record(resource: string, n: number, updated: Date): Record<string, unknown> {
  // AroFlo-style local timestamps (+10:00) for the normalizer to convert.
  const local = new Date(updated.getTime() + 10 * 3_600_000).toISOString().replace('.000Z', '+10:00');
  const base = { id: `${resource.slice(0, 1)}${n}`, updated_at: local };
  if (resource === 'users') return { ...base, first_name: `User${n}`, contact: { email: `user${n}@example.com`, phone: `0400 000 ${n}` }, role: 'technician' };
  if (resource === 'suppliers') return { ...base, name: `Supplier ${n}`, address: { city: 'Sydney', state: 'NSW' }, payment_terms: 'NET30' };
  return { ...base, amount: (n % 90) + 0.25, currency: 'AUD', payment_date: local, invoice: { id: `inv${n}` } };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
