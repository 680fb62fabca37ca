import type { FuzzRequest } from './requests.js';
import type { PathValues } from './world.js';
import { SERVICE_TOKEN } from './world.js';

export interface Regression {
  /** The run that found it: seed, and what was wrong. */
  readonly found: string;
  /** The status the request gets now that the bug is fixed. */
  readonly status: number;
  readonly request: (values: PathValues) => FuzzRequest;
}

const service = { authorization: `Bearer ${SERVICE_TOKEN}` };

/** Requests fuzz runs found failing, replayed on every run (fixed bugs stay fixed). */
export const REGRESSIONS: readonly Regression[] = [
  {
    found: 'seed 20261201 path 24: a path parameter over 100 characters got Fastify\'s bare JSON 414, not a problem',
    status: 414,
    request: () => ({ operationId: 'listStreams', method: 'GET', url: `/connections/${'x'.repeat(2000)}/streams`, headers: service, mutation: 'long id' }),
  },
  {
    found: 'the same router path: a malformed URL component got a bare JSON 400',
    status: 400,
    request: () => ({ operationId: 'getConnection', method: 'GET', url: '/connections/%E0%A4%A', headers: service, mutation: 'bad escape' }),
  },
  {
    found: 'seed 20261201 path 65: a query string over 16 KB got Node\'s bare JSON 431 from the HTTP parser',
    status: 431,
    request: (v) => ({ operationId: 'summarizeTransactions', method: 'GET', url: `/connections/${v.connectionId}/transactions/summary?to=${'x'.repeat(20_000)}`, headers: service, mutation: 'huge query' }),
  },
  {
    found: 'seed 20261201 path 309: cancelling a finished run answered a 409 whose status member was "succeeded" (an extension overrode it)',
    status: 409,
    request: (v) => ({ operationId: 'cancelSync', method: 'POST', url: `/connections/${v.connectionId}/syncs/${v.syncId}/cancel`, headers: service, mutation: 'finished run' }),
  },
];
