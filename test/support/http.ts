import assert from 'node:assert/strict';
import { ok, ProblemError } from '../../client/index.js';

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

/** The problem of an error answer through the typed client (a ProblemError), checked for its status and trace id. */
export async function expectClientProblem(status: number, pending: Promise<unknown>): Promise<ProblemError['problem'] & Record<string, any>> {
  try {
    await ok(pending as never);
  } catch (error) {
    assert.ok(error instanceof ProblemError, String(error));
    assert.equal(error.status, status, error.problem.detail);
    assert.equal(error.traceId, error.response.headers.get('x-request-id'));
    return error.problem;
  }
  assert.fail(`expected a ${status} problem`);
}
