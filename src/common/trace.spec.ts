import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveTraceId } from './trace.js';

describe('resolveTraceId', () => {
  it('uses the trace id of a W3C traceparent', () => {
    assert.equal(
      resolveTraceId({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'x-request-id': 'other' }),
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it('falls back to a well-formed x-request-id', () => {
    assert.equal(resolveTraceId({ 'x-request-id': 'req-42.abc' }), 'req-42.abc');
  });

  it('ignores malformed values and generates a UUID', () => {
    for (const headers of [
      { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
      { traceparent: 'garbage' },
      { 'x-request-id': 'evil\nforged log line' },
      { 'x-request-id': 'x'.repeat(200) },
      {},
    ]) {
      assert.match(resolveTraceId(headers), /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    }
  });
});
