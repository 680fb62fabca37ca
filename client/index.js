// @connector-hub/client: a typed client of the connector-hub API on openapi-fetch.
// The types are in schema.d.ts, generated from the service's OpenAPI document.
import createFetchClient from 'openapi-fetch';

/** An error answer of the API: its RFC 7807 problem, with `detail` and `traceId`. */
export class ProblemError extends Error {
  constructor(problem, response) {
    const detail = problem && typeof problem === 'object' ? problem.detail ?? problem.title : undefined;
    super(`${response.status} ${detail ?? response.statusText}`);
    this.name = 'ProblemError';
    this.status = response.status;
    this.problem = problem && typeof problem === 'object' ? problem : {
      type: 'about:blank',
      title: response.statusText || 'Error',
      status: response.status,
      detail: typeof problem === 'string' && problem ? problem : `The server answered ${response.status}`,
      traceId: response.headers.get('x-request-id') ?? undefined,
    };
    this.traceId = this.problem.traceId ?? response.headers.get('x-request-id') ?? undefined;
    this.response = response;
  }
}

/**
 * Creates a client. `token` is a bearer token, or a function giving the current one (called for
 * every request, so a refreshed token is used as soon as it exists).
 */
export function createClient(options = {}) {
  const { token, ...rest } = options;
  const client = createFetchClient(rest);
  if (token !== undefined) {
    client.use({
      async onRequest({ request }) {
        const value = typeof token === 'function' ? await token() : token;
        if (value && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    });
  }
  return client;
}

/**
 * The data of a successful answer, or a thrown ProblemError:
 * `const connection = await ok(api.GET('/connections/{connectionId}', { params: { path: { connectionId } } }))`.
 */
export async function ok(pending) {
  const result = await pending;
  if (result.error !== undefined || !result.response.ok) throw new ProblemError(result.error, result.response);
  return result.data;
}

/** `If-Match` for a resource version, as the API expects it (`"3"`). */
export function ifMatch(version) {
  return `"${version}"`;
}
