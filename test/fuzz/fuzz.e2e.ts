import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { check, describe as describeRequest, formatReport, fuzz } from './fuzzer.js';
import { REGRESSIONS } from './regressions.js';
import { World } from './world.js';

/**
 * Schema-driven fuzzing from the committed openapi.json (operations read at run time). `npm test`
 * runs a bounded pass with a fixed seed; `npm run fuzz` runs FUZZ_RUNS (10,000) with a new seed,
 * printed first so a failure can be replayed with FUZZ_SEED.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? (process.env.FUZZ_RUNS ? Date.now() % 2_147_483_647 : 20261201));

describe('fuzzing every operation of openapi.json', () => {
  let world: World;

  before(async () => {
    world = await World.start();
  });

  after(async () => {
    await world?.close();
  });

  it('replays the requests that earlier fuzz runs found failing', async () => {
    const values = await world.seed();
    for (const regression of REGRESSIONS) {
      const request = regression.request(values);
      const result = await check(world, request, { isWrite: request.method !== 'GET' });
      assert.equal(result.problem, undefined, `${regression.found}: ${result.problem}`);
      assert.equal(result.status, regression.status, `${regression.found}: ${describeRequest(request)}`);
    }
  });

  it(`sends ${RUNS} generated requests: no 5xx, every 4xx a problem with a traceId, no refused write changes anything`, { timeout: Math.max(120_000, RUNS * 200) }, async () => {
    console.log(`fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npm run fuzz)`);
    const report = await fuzz(world, { seed: SEED, numRuns: RUNS });
    console.log(formatReport(report));
    assert.equal(report.failure, undefined, report.failure);
    assert.ok(report.requests >= RUNS, `only ${report.requests} requests were sent`);
    // Most requests must get past authentication and validation to reach real resources.
    const ok = [...report.statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
    assert.ok(ok > RUNS * 0.05, `only ${ok} requests were accepted: the generator no longer reaches the services`);
  });
});
