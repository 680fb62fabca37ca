import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALL_SCOPES } from '../src/auth/principal.js';
import { exampleBody, exampleQuery } from './fuzz/examples.js';
import { fillPath, readOperations, type Operation } from './fuzz/openapi-operations.js';
import { World, type PathValues } from './fuzz/world.js';

/**
 * The authorization (BOLA) matrix: every operation of openapi.json whose path addresses a resource
 * (a uuid path parameter), read at run time, is tried on tenant A's resources by four callers.
 * Expected: tenant B's token 404, a token with no tenants 404, tenant A without the operation's
 * scope 403, no token 401. Nothing may change in the database while the matrix runs.
 */
type Cell = 'otherTenant' | 'noTenants' | 'missingScope' | 'noToken';
const EXPECTED: Record<Cell, number> = { otherTenant: 404, noTenants: 404, missingScope: 403, noToken: 401 };

function resourceOperations(): Operation[] {
  return readOperations().filter((op) => !op.isPublic && op.pathParams.some((p) => p.schema.format === 'uuid'));
}

describe('authorization matrix derived from openapi.json', () => {
  let world: World;
  let values: PathValues;
  let secrets: string[];

  before(async () => {
    world = await World.start();
    values = await world.seed();
    // What must never appear in an answer to another caller: tenant A's ids and its secret.
    secrets = [values.tenantintegration, values.config, values.connectionId, values.syncId, values.transactionId, 'tenant-a-secret-value'];
  });

  after(async () => {
    await world?.close();
  });

  it('answers 404 / 404 / 403 / 401 for every resource operation, leaking nothing and changing nothing', async () => {
    const operations = resourceOperations();
    assert.ok(operations.length >= 20, `only ${operations.length} resource operations found in openapi.json`);
    const seeded = await world.seedMissing(readOperations(), values);
    values = seeded.values;
    if (seeded.placeholders.length) console.log(`authorization matrix: no resource of tenant A could be created for ${seeded.placeholders.join(', ')}; a uuid nobody owns stands in`);
    const tokens: Record<Exclude<Cell, 'missingScope' | 'noToken'>, string> = {
      otherTenant: world.tokens.adminB,
      noTenants: world.tokens.noTenants,
    };
    secrets.push(...Object.values(values).filter((v) => /^[0-9a-f-]{36}$/.test(v) && !v.startsWith('ffffffff') && !secrets.includes(v)));
    const before = await world.digest();
    const counts = new Map<string, number>();
    const failures: string[] = [];
    const rows: string[] = [];
    for (const operation of operations) {
      const cells: Array<[Cell, string | undefined]> = [
        ['otherTenant', tokens.otherTenant],
        ['noTenants', tokens.noTenants],
        ['noToken', undefined],
      ];
      if (operation.scopes.length > 0) {
        const lacking = ALL_SCOPES.filter((s) => !operation.scopes.includes(s));
        cells.splice(2, 0, ['missingScope', await world.token({ scopes: lacking, sub: 'limited@tenant-a.com' })]);
      }
      const path = fillPath(operation, values) + exampleQuery(operation.queryParams, values);
      const body = operation.bodies[0] ? JSON.stringify(exampleBody(operation.bodies[0].schema)) : undefined;
      const row: string[] = [];
      for (const [cell, token] of cells) {
        const headers: Record<string, string> = {};
        if (token) headers.authorization = `Bearer ${token}`;
        if (body) headers['content-type'] = operation.bodies[0].contentType;
        const response = await fetch(`${world.api.baseUrl}${path}`, { method: operation.method, headers, body });
        const text = await response.text();
        const leaked = secrets.filter((s) => text.includes(s) && !path.includes(s));
        const ok = response.status === EXPECTED[cell] && leaked.length === 0 && /^application\/problem\+json/.test(response.headers.get('content-type') ?? '');
        const key = `${cell} ${response.status}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        row.push(`${cell}=${response.status}${ok ? '' : '!'}`);
        if (!ok) failures.push(`${operation.method} ${operation.path} (${operation.operationId}) as ${cell}: expected ${EXPECTED[cell]}, got ${response.status}${leaked.length ? ` leaking ${leaked.join(', ')}` : ''}: ${text.slice(0, 200)}`);
        // A problem answer echoes the path, so ids of the path itself are not leaks; anything else of A is.
      }
      rows.push(`  ${operation.method.padEnd(6)} ${operation.path.padEnd(72)} ${row.join('  ')}`);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    console.log(`authorization matrix: ${operations.length} operations, ${total} cells\n${rows.join('\n')}`);
    console.log(`authorization matrix counts: ${[...counts].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}; failing cells: ${failures.length}`);
    assert.deepEqual(failures, []);
    assert.equal(await world.digest(), before, 'the matrix changed stored data');
  });

  it('still lets tenant A itself through on the same requests (the matrix tests authorization, not broken requests)', async () => {
    // For the read operations: the owner with every scope is neither refused nor told it does not
    // exist, so the 404s above come from the tenant check.
    const reads = resourceOperations().filter((op) => op.method === 'GET');
    const refused: string[] = [];
    for (const operation of reads) {
      const response = await world.api.request(fillPath(operation, values) + exampleQuery(operation.queryParams, values), { token: world.tokens.adminA });
      if ([400, 401, 403, 404].includes(response.status) || response.status >= 500) refused.push(`${operation.operationId}: ${response.status} ${(await response.text()).slice(0, 200)}`);
    }
    assert.deepEqual(refused, []);
  });
});
