import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergePatch } from './merge-patch.js';

describe('mergePatch (RFC 7396)', () => {
  it('merges nested objects, removes members set to null and replaces arrays', () => {
    const target = { a: 'b', c: { d: 'e', f: 'g' }, list: [1, 2] };
    assert.deepEqual(mergePatch(target, { a: 'z', c: { f: null, h: 1 }, list: [3] }), { a: 'z', c: { d: 'e', h: 1 }, list: [3] });
    assert.deepEqual(target, { a: 'b', c: { d: 'e', f: 'g' }, list: [1, 2] }, 'the target is not mutated');
  });

  it('follows the RFC examples for non-object values', () => {
    assert.deepEqual(mergePatch({ a: 'b' }, { a: { bb: null } }), { a: {} });
    assert.deepEqual(mergePatch(['a'], { a: 'c' }), { a: 'c' });
    assert.deepEqual(mergePatch({ a: 'foo' }, 'bar'), 'bar');
  });
});
