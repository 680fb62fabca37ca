import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { nextMidnight } from '../src/host-system/aroflo/aroflo.client.js';
import { AROFLO_LIMITS } from '../src/host-system/aroflo/aroflo.connector.js';
import { HostDailyLimitReached } from '../src/host-system/host-limits.js';
import { PgRateBudget, type RateLimits } from '../src/host-system/rate-budget.js';
import { databaseWithPools } from './support/database.js';
import { busiest } from './support/rates.js';


describe('The rate budget per host site, in PostgreSQL, shared by every process', () => {
  let pools: Awaited<ReturnType<typeof databaseWithPools>> | undefined;
  let sources: DataSource[] = [];
  // Slots are timed on the database's clock, the calls here after each commit: AroFlo's own margin covers the gap.
  const limits: RateLimits = { perSecond: 3, perMinute: 6, perDay: 8, dayTimeZone: 'Australia/Melbourne', marginMs: AROFLO_LIMITS.marginMs };

  // Four separate pools: as four worker processes would hold.
  before(async () => {
    pools = await databaseWithPools(4, 3);
    sources = pools.sources;
  });
  after(() => pools?.close());

  it('never lets 4 takers together past 3 calls in any second or 6 in any minute, nor past 8 a day; the day resets at 00:00 Melbourne', async () => {
    const site = `TEST:${randomUUID()}`;
    const budgets = sources.map((source) => new PgRateBudget(source));
    const taken: number[] = [];
    const outcomes = await Promise.allSettled(
      budgets.flatMap((budget) =>
        Array.from({ length: 3 }, async () => {
          await budget.take(site, limits);
          taken.push(Date.now());
        }),
      ),
    );
    // 12 asked, 8 a day: four are refused until tomorrow, with the time they may come back.
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    assert.equal(taken.length, 8);
    assert.equal(refused.length, 4);
    const tomorrow = nextMidnight(new Date(), 'Australia/Melbourne');
    for (const { reason } of refused) {
      assert.ok(reason instanceof HostDailyLimitReached, String(reason));
      assert.equal(reason.resumeAt.getTime(), tomorrow.getTime());
    }
    assert.ok(busiest(taken, 1000) <= 3, `${busiest(taken, 1000)} calls within a second`);
    assert.ok(busiest(taken, 60_000) <= 6, `${busiest(taken, 60_000)} calls within a minute`);
    assert.ok(Math.max(...taken) - Math.min(...taken) >= 60_000, 'the 7th call waited for the minute window');
    assert.deepEqual(await budgets[0].remaining(site, limits), { limit: 8, used: 8, remaining: 0, resetsAt: tomorrow });

    // The database's day is Melbourne's: move the site's count into yesterday and it starts again.
    await sources[0].query(`UPDATE host_rate_budgets SET day_start = day_start - interval '1 day', recent = '{}' WHERE site_key = $1`, [site]);
    assert.equal((await budgets[1].remaining(site, limits)).remaining, 8);
    await budgets[2].take(site, limits);
    assert.equal((await budgets[3].remaining(site, limits)).used, 1);
  });
});
