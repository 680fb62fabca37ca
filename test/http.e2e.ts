import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { expectProblem } from './support/http.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { ProbeModule } from './support/probe.module.js';


describe('HTTP conventions', () => {
  let api: TestApp;
  const echo = (init: RequestInit & { json?: unknown }) =>
    api.request('/probe/echo', { method: 'POST', token: SERVICE_TOKEN, ...init });

  before(async () => {
    api = await startTestApp({}, { extraModules: [ProbeModule] });
  });
  after(() => api?.close());

  it('answers malformed JSON with a 400 problem', async () => {
    const problem = await expectProblem(await echo({ body: '{"name": "x",', headers: { 'content-type': 'application/json' } }), 400);
    assert.match(String(problem.detail), /not valid JSON/);
  });

  it('answers a body over 1 MB with a 413 problem', async () => {
    const body = JSON.stringify({ name: 'x', count: 1, padding: 'a'.repeat(1024 * 1024) });
    await expectProblem(await echo({ body, headers: { 'content-type': 'application/json' } }), 413);
  });

  it('answers a non-JSON content type with a 415 problem', async () => {
    await expectProblem(await echo({ body: 'name=x', headers: { 'content-type': 'text/plain' } }), 415);
    await expectProblem(await echo({ body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  });

  it('lists every invalid and unknown field in a 400 validation problem', async () => {
    const problem = await expectProblem(await echo({ json: { name: 'far too long a name', count: 9, admin: true } }), 400);
    assert.equal(problem.code, 'REQUEST.VALIDATION_FAILED');
    const errors = problem.errors as Array<{ field: string; message: string }>;
    assert.deepEqual(errors.map((e) => e.field).sort(), ['admin', 'count', 'name']);
    assert.match(errors.find((e) => e.field === 'admin')!.message, /not a known field/);
  });

  it('accepts a valid body', async () => {
    const response = await echo({ json: { name: 'ok', count: 5 } });
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), { name: 'ok', count: 5 });
  });

  it('answers unknown routes and unsupported methods with a 404 problem, with or without a token', async () => {
    const unknown = await expectProblem(await api.request('/no/such/route'), 404);
    assert.match(String(unknown.detail), /GET \/no\/such\/route/);
    const wrongMethod = await expectProblem(await api.request('/health', { method: 'DELETE', token: SERVICE_TOKEN }), 404);
    assert.match(String(wrongMethod.detail), /DELETE \/health/);
  });

  it('answers an unexpected failure with a 500 problem that reveals nothing internal', async () => {
    const response = await api.request('/probe/boom', { token: SERVICE_TOKEN });
    const text = await response.clone().text();
    const problem = await expectProblem(response, 500);
    assert.equal(problem.code, 'SERVER.UNEXPECTED');
    assert.equal(problem.encounteredBy, 'avalara_to_extractor');
    for (const leak of ['secret_table', 'SELECT', 'password', 'stack', '.ts:', 'at ']) {
      assert.ok(!text.includes(leak), `the 500 body leaks "${leak}": ${text}`);
    }
  });

  it('uses the incoming x-request-id or traceparent as the trace id, and generates one otherwise', async () => {
    const given = await api.request('/nope', { headers: { 'x-request-id': 'client-req-123' } });
    assert.equal(given.headers.get('x-request-id'), 'client-req-123');
    assert.equal((await expectProblem(given, 404)).traceId, 'client-req-123');

    const traced = await api.request('/health', { headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
    assert.equal(traced.headers.get('x-request-id'), '4bf92f3577b34da6a3ce929d0e0e4736');

    const generated = await api.request('/health');
    assert.match(generated.headers.get('x-request-id') ?? '', /^[\da-f-]{36}$/);
  });

  it('serves the Swagger UI at /docs', async () => {
    const response = await api.request('/docs');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await response.text(), /swagger-ui/i);
  });

  it('serves a valid OpenAPI 3 document at /docs-json, with problem+json errors and stable operationIds', async () => {
    const response = await api.request('/docs-json');
    assert.equal(response.status, 200);
    const document = (await response.json()) as Record<string, any>;
    await SwaggerParser.validate(structuredClone(document) as never);
    assert.match(document.openapi, /^3\./);
    assert.equal(document.components.securitySchemes.bearer.scheme, 'bearer');
    const operations = Object.values(document.paths as Record<string, Record<string, any>>).flatMap((p) => Object.values(p));
    assert.ok(operations.length > 0);
    for (const operation of operations) {
      assert.match(operation.operationId, /^[a-z][A-Za-z]+$/);
      for (const [status, response] of Object.entries(operation.responses as Record<string, any>)) {
        if (Number(status) >= 400) {
          assert.deepEqual(Object.keys(response.content), ['application/problem+json'], `${operation.operationId} ${status}`);
        }
      }
    }
  });
});
