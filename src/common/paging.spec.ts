import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import 'reflect-metadata';
import { ValidationFailedError } from './errors.js';
import { PageQueryDto, parseSort, toPage } from './paging.js';
import { createValidationPipe } from './validation.js';

const SORTABLE = { updatedAt: 'updatedAt', createdAt: 'createdAt', name: 'name' };

function parseQuery(query: Record<string, unknown>): Promise<PageQueryDto> {
  return createValidationPipe().transform(query, { type: 'query', metatype: PageQueryDto }) as Promise<PageQueryDto>;
}

async function fieldErrors(query: Record<string, unknown>): Promise<string[]> {
  const error = await parseQuery(query).then(
    () => assert.fail('expected a validation error'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ValidationFailedError);
  return error.errors.map((e) => e.field);
}

describe('paging query', () => {
  it('defaults to page 0 of 20', async () => {
    const query = await parseQuery({});
    assert.equal(query.pageNumber, 0);
    assert.equal(query.pageSize, 20);
    assert.equal(query.pageSort, undefined);
  });

  it('converts query strings to numbers and a single pageSort to a list', async () => {
    const query = await parseQuery({ pageNumber: '3', pageSize: '100', pageSort: 'name,ASC' });
    assert.equal(query.pageNumber, 3);
    assert.equal(query.pageSize, 100);
    assert.deepEqual(query.pageSort, ['name,ASC']);
  });

  it('treats empty values as the defaults (the spec allows empty values)', async () => {
    const query = await parseQuery({ pageNumber: '', pageSize: '', pageSort: '' });
    assert.equal(query.pageNumber, 0);
    assert.equal(query.pageSize, 20);
    assert.deepEqual(query.pageSort, []);
  });

  it('keeps repeated pageSort parameters in order', async () => {
    const query = await parseQuery({ pageSort: ['name,ASC', 'createdAt,desc'] });
    assert.deepEqual(query.pageSort, ['name,ASC', 'createdAt,desc']);
  });

  for (const [name, query, field] of [
    ['page size 0', { pageSize: '0' }, 'pageSize'],
    ['page size 101', { pageSize: '101' }, 'pageSize'],
    ['a fractional page size', { pageSize: '2.5' }, 'pageSize'],
    ['a negative page number', { pageNumber: '-1' }, 'pageNumber'],
    ['a non-numeric page number', { pageNumber: 'abc' }, 'pageNumber'],
    ['an absurd page number', { pageNumber: '1e21' }, 'pageNumber'],
    ['a sort on an empty field', { pageSort: ',ASC' }, 'pageSort'],
    ['a sort with a bad direction', { pageSort: 'name,UP' }, 'pageSort'],
    ['a sort with an SQL fragment', { pageSort: 'name;DROP TABLE x,ASC' }, 'pageSort'],
  ] as const) {
    it(`refuses ${name}`, async () => {
      assert.deepEqual(await fieldErrors(query), [field]);
    });
  }

  it('refuses unknown query parameters', async () => {
    assert.deepEqual(await fieldErrors({ page: '2' }), ['page']);
  });
});

describe('parseSort', () => {
  it('defaults to updatedAt descending', () => {
    assert.deepEqual(parseSort(undefined, SORTABLE), [{ field: 'updatedAt', direction: 'DESC' }]);
  });

  it('normalizes the direction and keeps the order of fields', () => {
    assert.deepEqual(parseSort(['name,asc', 'createdAt,DESC'], SORTABLE), [
      { field: 'name', direction: 'ASC' },
      { field: 'createdAt', direction: 'DESC' },
    ]);
  });

  it('defaults the direction to ASC when it is left out', () => {
    assert.deepEqual(parseSort(['name'], SORTABLE), [{ field: 'name', direction: 'ASC' }]);
  });

  it('refuses a field outside the allow-list, naming the allowed ones', () => {
    assert.throws(
      () => parseSort(['secretValue,ASC'], SORTABLE),
      (error: unknown) =>
        error instanceof ValidationFailedError &&
        error.errors[0].field === 'pageSort' &&
        error.errors[0].message.includes('updatedAt, createdAt, name'),
    );
  });

  it('refuses inherited object keys as sort fields', () => {
    assert.throws(() => parseSort(['constructor,ASC'], SORTABLE), ValidationFailedError);
  });

  it('refuses the same field twice', () => {
    assert.throws(() => parseSort(['name,ASC', 'name,DESC'], SORTABLE), ValidationFailedError);
  });
});

describe('toPage', () => {
  it('computes the page envelope', () => {
    assert.deepEqual(toPage(['a', 'b'], 42, { pageNumber: 2, pageSize: 20 }), {
      content: ['a', 'b'],
      page: { number: 2, size: 20, totalElements: 42, totalPages: 3 },
    });
  });

  it('has zero pages when there is nothing', () => {
    assert.deepEqual(toPage([], 0, { pageNumber: 0, pageSize: 20 }).page, { number: 0, size: 20, totalElements: 0, totalPages: 0 });
  });
});
