import assert from 'node:assert/strict';

/** Asserts an RFC 7807 problem with the given status; returns its body. */
export async function expectProblem(response: Response, status: number): Promise<Record<string, any>> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = JSON.parse(text) as Record<string, any>;
  assert.equal(body.status, status);
  for (const member of ['type', 'title', 'detail', 'instance', 'timestamp', 'traceId']) {
    assert.ok(body[member], `problem member ${member} is missing`);
  }
  assert.equal(body.traceId, response.headers.get('x-request-id'));
  return body;
}

/** Asserts a status and returns the JSON body. */
export async function expectJson<T = any>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
