import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { mapConcurrently } from './concurrency.js';

describe('mapConcurrently', () => {
  it('keeps the order of the items, at most `concurrency` at a time', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([5, 1, 4, 2, 3, 0], 3, async (n) => {
      most = Math.max(most, ++running);
      await sleep(n * 3);
      running -= 1;
      return n * 10;
    });
    assert.deepEqual(results, [50, 10, 40, 20, 30, 0]);
    assert.equal(most, 3);
  });

  it('starts no item after the first failure; those in flight finish', async () => {
    const started: number[] = [];
    const refused = new Error('step aside');
    const items = Array.from({ length: 100 }, (_, i) => i);
    await assert.rejects(
      mapConcurrently(items, 4, async (n) => {
        started.push(n);
        if (n === 2) throw refused; // while 0, 1 and 3 are in flight
        await sleep(5);
        return n;
      }),
      (error) => error === refused,
    );
    await sleep(50);
    assert.deepEqual(started, [0, 1, 2, 3], 'the workers stopped at the failure');
  });
});
