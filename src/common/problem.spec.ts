import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QueryFailedError } from 'typeorm';
import { ConflictError, ValidationFailedError, VersionConflictError } from './errors.js';
import { toProblem } from './problem.js';

const context = { path: '/tenantintegrations/1', traceId: 'trace-1', subject: 'user1@companyxyz.com' };

function pgError(code: string): QueryFailedError {
  return new QueryFailedError('INSERT INTO secret_table VALUES ($1)', ['s3cret'], Object.assign(new Error('duplicate key value violates unique constraint "uq_secret"'), { code }));
}

describe('toProblem', () => {
  it('carries the RFC 7807 members and both spellings of encounteredBy', () => {
    const { status, body } = toProblem(new ConflictError('X.Y', 'it clashed'), context);
    assert.equal(status, 409);
    assert.equal(body.type, 'urn:connector-hub:problem:x.y');
    assert.equal(body.title, 'Conflict');
    assert.equal(body.detail, 'it clashed');
    assert.equal(body.instance, '/tenantintegrations/1');
    assert.equal(body.traceId, 'trace-1');
    assert.equal(body.encounteredBy, 'user1@companyxyz.com');
    assert.equal(body.ecnounteredBy, 'user1@companyxyz.com');
    assert.match(String(body.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps its own members when an error\'s extensions use the same names (found by the fuzzer: status "succeeded")', () => {
    const { body } = toProblem(new ConflictError('SYNC.FINISHED', 'The run is already succeeded', { status: 'succeeded', traceId: 'x', activeSyncId: 'r1' }), context);
    assert.equal(body.status, 409);
    assert.equal(body.traceId, 'trace-1');
    assert.equal(body.activeSyncId, 'r1');
  });

  it('includes field errors for validation problems and the current version for conflicts', () => {
    const validation = toProblem(new ValidationFailedError([{ field: 'name', message: 'is required' }]), context);
    assert.deepEqual(validation.body.errors, [{ field: 'name', message: 'is required' }]);
    const conflict = toProblem(new VersionConflictError('Tenant config', 'abc', 2, 5), context);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body.currentVersion, 5);
  });

  for (const [code, status] of [['23505', 409], ['23503', 409], ['23502', 400], ['22001', 400], ['22P02', 400], ['40001', 409]] as const) {
    it(`maps PostgreSQL error ${code} to ${status} without leaking SQL or values`, () => {
      const problem = toProblem(pgError(code), context);
      assert.equal(problem.status, status);
      const text = JSON.stringify(problem.body);
      for (const leak of ['secret_table', 's3cret', 'uq_secret', 'INSERT']) assert.ok(!text.includes(leak), leak);
      assert.equal(problem.internal, undefined);
    });
  }

  it('turns an unknown error into a 500 that keeps the error for the log only', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x') at 10.0.0.5 password=hunter2");
    const problem = toProblem(error, context);
    assert.equal(problem.status, 500);
    assert.equal(problem.internal, error);
    assert.ok(!JSON.stringify(problem.body).includes('hunter2'));
    assert.ok(!JSON.stringify(problem.body).includes('10.0.0.5'));
  });

  it('answers 503 (retry later) when the database connection fails', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })),
    ]) {
      const problem = toProblem(error, context);
      assert.equal(problem.status, 503);
      assert.equal(problem.body.code, 'SERVER.DATABASE_UNAVAILABLE');
      assert.ok(!JSON.stringify(problem.body).includes('5432'));
    }
  });

  it('treats an unmapped database error as a server fault', () => {
    assert.equal(toProblem(pgError('42P01'), context).status, 500);
  });
});
