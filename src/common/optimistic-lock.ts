import type { EntityManager, EntityTarget } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Principal } from '../auth/principal.js';
import type { BaseResourceEntity } from './base-resource.js';
import { BadRequestError, NotFoundError, ValidationFailedError, VersionConflictError } from './errors.js';

const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

/**
 * The version a client expects to change, from `If-Match` (`"3"`, `W/"3"`, `3`; `*` = any) or
 * a `version` in the body. Undefined when neither is given. Both given and different → 400.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion?: number): number | undefined {
  let fromHeader: number | undefined;
  const header = ifMatch?.trim();
  if (header && header !== '*') {
    const match = IF_MATCH.exec(header);
    if (!match) {
      throw new ValidationFailedError([{ field: 'If-Match', message: 'must be the resource version as an ETag, e.g. "3"' }]);
    }
    fromHeader = Number(match[1]);
  }
  if (fromHeader !== undefined && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw new BadRequestError(
      'REQUEST.VERSION_MISMATCH',
      `If-Match names version ${fromHeader} but the body names version ${bodyVersion}`,
    );
  }
  return fromHeader ?? bodyVersion;
}

export function etag(version: number): string {
  return `"${version}"`;
}

export interface VersionedUpdate<E extends BaseResourceEntity> {
  readonly entity: EntityTarget<E>;
  /** Human name of the resource for error messages ("Tenant integration"). */
  readonly resource: string;
  readonly id: string;
  /** Undefined: no precondition, but the version still increments atomically. */
  readonly expectedVersion: number | undefined;
  readonly changes: QueryDeepPartialEntity<E>;
  readonly principal: Principal;
}

/**
 * `UPDATE … SET …, version = version + 1 WHERE id = $1 AND version = $2`: of two concurrent
 * writers with the same expected version exactly one succeeds; the other gets a 409 that
 * carries the current version. Returns the updated row.
 */
export async function updateWithVersion<E extends BaseResourceEntity>(
  manager: EntityManager,
  update: VersionedUpdate<E>,
): Promise<E> {
  const query = manager
    .createQueryBuilder()
    .update(update.entity)
    .set({ ...update.changes, updatedBy: update.principal.subject, version: () => 'version + 1' } as QueryDeepPartialEntity<E>)
    .where('id = :id', { id: update.id });
  if (update.expectedVersion !== undefined) query.andWhere('version = :expected', { expected: update.expectedVersion });
  const result = await query.execute();

  if (!result.affected) {
    const current = await manager.findOne(update.entity, { where: { id: update.id } as never, select: { version: true } as never });
    if (!current) throw new NotFoundError('RESOURCE.NOT_FOUND', update.resource, update.id);
    throw new VersionConflictError(update.resource, update.id, update.expectedVersion ?? -1, current.version);
  }
  return manager.findOneOrFail(update.entity, { where: { id: update.id } as never });
}
