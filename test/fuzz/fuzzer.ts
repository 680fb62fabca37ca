import fc from 'fast-check';
import * as undici from 'undici';
import { readOperations, type Operation } from './openapi-operations.js';
import { requestsFor, type FuzzRequest } from './requests.js';
import { SERVICE_TOKEN, World, type PathValues } from './world.js';

export interface FuzzReport {
  readonly seed: number;
  readonly requests: number;
  readonly operations: number;
  readonly statuses: Map<number, number>;
  readonly perOperation: Map<string, number>;
  readonly failure?: string;
}

/** What a request must never do: a 5xx, a 4xx that is not a problem with a traceId, or a refused write that changed something. */
export async function check(world: World, request: FuzzRequest, operation: { isWrite: boolean; isPage?: boolean }): Promise<{ status: number; problem?: string }> {
  const before = operation.isWrite ? await world.digest() : undefined;
  // undici's request, not fetch: fetch refuses a GET with a body before sending it.
  const response = await undici.request(`${world.api.baseUrl}${request.url}`, { method: request.method as 'GET', headers: request.headers, body: request.body });
  const text = await response.body.text();
  const status = response.statusCode;
  const header = (name: string) => String(response.headers[name] ?? '');
  const fail = (why: string) => ({ status, problem: `${why}\n  ${describe(request)}\n  answer ${status}: ${text.slice(0, 500)}` });
  if (status >= 500) return fail('5xx answer');
  if (status >= 400 && operation.isPage && /^text\/html/.test(header('content-type'))) {
    // The OAuth popup's pages answer the person in the popup with a page, not a problem document.
    if (!header('x-request-id')) return fail('refusal page without x-request-id');
  } else if (status >= 400) {
    if (!/^application\/problem\+json/.test(header('content-type'))) return fail('4xx that is not application/problem+json');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return fail('4xx problem that is not JSON');
    }
    if (typeof body.traceId !== 'string' || !body.traceId || body.traceId !== header('x-request-id')) return fail('4xx problem without its traceId');
    if (body.status !== status) return fail('4xx problem whose status member differs');
    if (operation.isWrite && (await world.digest()) !== before) return fail('refused write changed stored data');
  }
  return { status };
}

export function describe(request: FuzzRequest): string {
  const headers = Object.entries(request.headers)
    .map(([k, v]) => `${k}: ${k === 'authorization' ? `${v.slice(0, 16)}…` : v.slice(0, 80)}`)
    .join('; ');
  return `${request.operationId} [${request.mutation}] ${request.method} ${request.url.slice(0, 300)} {${headers}} body=${(request.body ?? '').slice(0, 300)}`;
}

/**
 * Generates `numRuns` requests over every operation of openapi.json with fast-check, from `seed`,
 * and sends each to the running service. Tenant A's resources are created anew after anything
 * deleted them and every 250 requests, so most requests reach real resources.
 */
export async function fuzz(world: World, options: { seed: number; numRuns: number; operations?: Operation[] }): Promise<FuzzReport> {
  const operations = options.operations ?? readOperations();
  const seed = async () => (await world.seedMissing(operations, await world.seed())).values;
  let values: PathValues = await seed();
  const statuses = new Map<number, number>();
  const perOperation = new Map<string, number>();
  let sent = 0;
  const tokens = fc.oneof(
    { weight: 3, arbitrary: fc.constant(SERVICE_TOKEN) },
    { weight: 3, arbitrary: fc.constant(world.tokens.adminA) },
    { weight: 1, arbitrary: fc.constant(world.tokens.adminB) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('garbage', `${SERVICE_TOKEN}x`, 'a.b.c', world.tokens.adminA.slice(0, -3)) },
  );
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const requests = fc.constantFrom(...operations).chain((op) => requestsFor(op, () => values, tokens));
  let failure: string | undefined;
  try {
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const operation = byId.get(request.operationId)!;
        const result = await check(world, request, operation);
        sent += 1;
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        perOperation.set(request.operationId, (perOperation.get(request.operationId) ?? 0) + 1);
        if (result.problem) throw new Error(result.problem);
        if ((result.status < 300 && request.method === 'DELETE') || sent % 250 === 0) values = await seed();
      }),
      { seed: options.seed, numRuns: options.numRuns, endOnFailure: true, includeErrorInReport: true },
    );
  } catch (error) {
    failure = (error as Error).message;
  }
  return { seed: options.seed, requests: sent, operations: operations.length, statuses, perOperation, failure };
}

export function formatReport(report: FuzzReport): string {
  const histogram = [...report.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
  const untouched = report.operations - report.perOperation.size;
  return [
    `fuzz: seed ${report.seed}, ${report.requests} requests over ${report.perOperation.size}/${report.operations} operations${untouched ? ` (${untouched} not drawn)` : ''}`,
    `fuzz: statuses ${histogram}`,
  ].join('\n');
}
