import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { HostCredentialsService } from '../src/host-system/oauth/host-credentials.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { fastExtraction, getJson, triggerSync, waitForFinishedRuns, waitForRun, type RunView } from './support/extraction.js';
import { FakeSquare, squareConnection, squareEnv } from './support/fake-square.js';
import { SquareSellerData } from './support/square-data.js';
import { WorkerChild } from './support/worker-child.js';

/**
 * Square's PKCE refresh tokens are single-use: every refresh spends the stored one and returns a
 * new one. Syncs run in two real worker processes (and other callers ask for the same credentials
 * from this process at the same time); a worker is killed with SIGKILL between refreshes (see
 * square-restart.e2e.ts for one killed in a run right after a refresh). The fake refuses and
 * counts any refresh token presented twice.
 */
describe('Square refresh-token rotation across worker processes and restarts', () => {
  let app: TestApp;
  let fake: FakeSquare;
  const workers: WorkerChild[] = [];
  const tenant = randomUUID();
  let ids: string[] = [];

  before(async () => {
    fake = await FakeSquare.start({ data: new SquareSellerData({ orders: 100, seed: 9 }), tokenLatencyMs: 250, latencyMs: 3 });
    app = await startTestApp(
      { PROCESS_ROLE: 'web', ...squareEnv(fake) },
      { configure: fastExtraction },
    );
    workers.push(...(await Promise.all([worker(), worker()])));
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await app?.close();
    await fake?.stop();
  });

  function worker(): Promise<WorkerChild> {
    return WorkerChild.start(app.database.url, { ...squareEnv(fake), WORKER_CONCURRENCY: '2' });
  }

  async function restart(index: number): Promise<void> {
    await workers[index].kill();
    workers[index] = await worker();
  }

  async function storedSecret(id: string): Promise<Record<string, unknown>> {
    return (await app.app.get(HostCredentialsService).forConnection(id)).secret;
  }

  async function assertNewestKept(): Promise<void> {
    assert.equal(fake.refreshTokenReuses, 0, 'a spent refresh token was presented again');
    const live = new Set(fake.liveRefreshTokens());
    for (const id of ids) assert.ok(live.has(String((await storedSecret(id)).refreshToken)), `connection ${id} does not hold Square's current refresh token`);
    for (const id of ids) assert.notEqual((await getJson(app, `/connections/${id}`)).status, 'auth_error');
  }

  it('four expiries over three connections: one refresh each time, by the worker runs alone or racing other callers, a worker restarted between refreshes', async () => {
    ids = await Promise.all([0, 1, 2].map(() => squareConnection(app, fake, tenant, { page_size: 25 })));
    for (const id of ids) assert.equal((await waitForFinishedRuns(app, id, 1, 120_000))[0].status, 'succeeded');
    const credentials = app.app.get(HostCredentialsService);
    for (let round = 1; round <= 4; round += 1) {
      if (round === 3) await restart(0); // forced restart between two refreshes
      const before = new Map(await Promise.all(ids.map(async (id) => [id, String((await storedSecret(id)).accessToken)] as const)));
      const refreshesBefore = fake.refreshes;
      fake.expireAccessTokens();
      const runs = await Promise.all(ids.map((id) => triggerSync(app, id)));
      // Odd rounds: only the worker runs meet the 401 and renew. Even rounds: other callers in this process
      // (a reconciliation, say) hold the same rejected tokens and ask for new ones at the same time.
      const callers = round % 2 === 1 ? [] : ids.flatMap((id) => Array.from({ length: 4 }, () => credentials.forConnection(id, before.get(id))));
      const renewed = await Promise.all(callers);
      const finished: RunView[] = await Promise.all(runs.map((run, i) => waitForRun(app, ids[i], run.id, 120_000)));
      for (const run of finished) assert.equal(run.status, 'succeeded', JSON.stringify(run));
      for (const [i, id] of ids.entries()) {
        const now = String((await storedSecret(id)).accessToken);
        assert.notEqual(now, before.get(id));
        if (renewed.length) assert.ok(renewed.slice(i * 4, i * 4 + 4).every((r) => r.secret.accessToken === now), 'every caller got the one renewed token');
      }
      assert.equal(fake.refreshes - refreshesBefore, ids.length, `round ${round}: exactly one refresh per connection`);
      await assertNewestKept();
    }
    // The activity log has one entry per renewal (a refresh that lost the race to another process logs nothing).
    for (const id of ids) {
      const refreshed = (await getJson(app, `/connections/${id}/activities?type=authorization.refreshed&pageSize=100`)).content as Array<{ message: string; occurredAt?: string }>;
      assert.equal(refreshed.length, 4, `connection ${id}: ${refreshed.length} authorization.refreshed entries for 4 renewals`);
      for (const entry of refreshed) assert.match(entry.message, /^The access token was renewed; it expires at \d{4}-\d\d-\d\dT/);
    }
  });
});
