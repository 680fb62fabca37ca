import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource, Entity, Column } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { Principal } from '../auth/principal.js';
import { BaseResourceEntity } from './base-resource.js';
import { BadRequestError, NotFoundError, ValidationFailedError, VersionConflictError } from './errors.js';
import { etag, expectedVersion, updateWithVersion } from './optimistic-lock.js';

@Entity({ name: 'lock_probe' })
class LockProbe extends BaseResourceEntity {
  @Column({ type: 'varchar', length: 50 })
  name: string;
}

const alice = Principal.fromClaims('alice', [], []);
const bob = Principal.fromClaims('bob', [], []);

describe('expectedVersion', () => {
  it('reads If-Match in its usual forms', () => {
    assert.equal(expectedVersion('"3"'), 3);
    assert.equal(expectedVersion('W/"3"'), 3);
    assert.equal(expectedVersion('3'), 3);
    assert.equal(expectedVersion(etag(12)), 12);
  });

  it('treats * and absence as "no precondition", and falls back to the body version', () => {
    assert.equal(expectedVersion('*'), undefined);
    assert.equal(expectedVersion(undefined), undefined);
    assert.equal(expectedVersion(undefined, 4), 4);
    assert.equal(expectedVersion('"4"', 4), 4);
  });

  it('refuses a malformed If-Match and a header that contradicts the body', () => {
    assert.throws(() => expectedVersion('"abc"'), ValidationFailedError);
    assert.throws(() => expectedVersion('"1", "2"'), ValidationFailedError);
    assert.throws(() => expectedVersion('"3"', 4), BadRequestError);
  });
});

describe('updateWithVersion (real PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  before(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url, entities: [LockProbe] });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE lock_probe (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), version integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(255) NOT NULL, updated_by varchar(255) NOT NULL, name varchar(50) NOT NULL)`);
  });

  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function create(name: string): Promise<LockProbe> {
    return dataSource.manager.save(dataSource.manager.create(LockProbe, { name, createdBy: 'alice', updatedBy: 'alice', version: 0 }));
  }

  it('increments the version, records who changed it and refreshes updatedAt', async () => {
    const row = await create('first');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const updated = await updateWithVersion(dataSource.manager, {
      entity: LockProbe, resource: 'Probe', id: row.id, expectedVersion: 0, changes: { name: 'second' }, principal: bob,
    });
    assert.equal(updated.version, 1);
    assert.equal(updated.name, 'second');
    assert.equal(updated.updatedBy, 'bob');
    assert.equal(updated.createdBy, 'alice');
    assert.ok(updated.updatedAt.getTime() > row.updatedAt.getTime(), 'updatedAt must move forward');
  });

  it('refuses a stale version with the current version and leaves the row unchanged', async () => {
    const row = await create('original');
    await updateWithVersion(dataSource.manager, { entity: LockProbe, resource: 'Probe', id: row.id, expectedVersion: 0, changes: { name: 'v1' }, principal: alice });
    await assert.rejects(
      updateWithVersion(dataSource.manager, { entity: LockProbe, resource: 'Probe', id: row.id, expectedVersion: 0, changes: { name: 'lost' }, principal: bob }),
      (error: unknown) => error instanceof VersionConflictError && error.extensions.currentVersion === 1,
    );
    const current = await dataSource.manager.findOneByOrFail(LockProbe, { id: row.id });
    assert.equal(current.name, 'v1');
    assert.equal(current.version, 1);
  });

  it('lets exactly one of two concurrent writers with the same expected version win', async () => {
    const row = await create('contended');
    const attempts = await Promise.allSettled(
      ['a', 'b'].map((name) =>
        dataSource.transaction((manager) =>
          updateWithVersion(manager, { entity: LockProbe, resource: 'Probe', id: row.id, expectedVersion: 0, changes: { name }, principal: alice }),
        ),
      ),
    );
    assert.deepEqual(attempts.map((a) => a.status).sort(), ['fulfilled', 'rejected']);
    const rejected = attempts.find((a): a is PromiseRejectedResult => a.status === 'rejected')!;
    assert.ok(rejected.reason instanceof VersionConflictError);
    assert.equal((await dataSource.manager.findOneByOrFail(LockProbe, { id: row.id })).version, 1);
  });

  it('without a precondition never loses an increment under concurrency', async () => {
    const row = await create('counter');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        updateWithVersion(dataSource.manager, { entity: LockProbe, resource: 'Probe', id: row.id, expectedVersion: undefined, changes: { name: `n${i}` }, principal: alice }),
      ),
    );
    assert.equal((await dataSource.manager.findOneByOrFail(LockProbe, { id: row.id })).version, 10);
  });

  it('answers not found for a missing row', async () => {
    await assert.rejects(
      updateWithVersion(dataSource.manager, { entity: LockProbe, resource: 'Probe', id: '00000000-0000-4000-8000-000000000000', expectedVersion: 0, changes: { name: 'x' }, principal: alice }),
      NotFoundError,
    );
  });
});
