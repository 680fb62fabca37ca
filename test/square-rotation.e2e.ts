import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { HostCredentialsService } from '../src/host-system/oauth/host-credentials.service.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { fastExtraction, getJson, triggerSync, waitForFinishedRuns, waitForRun, type RunView } from './support/extraction.js';
import { FakeSquare, squareConnection } from './support/fake-square.js';
import { SquareSellerData } from './support/square-data.js';
import { WorkerChild } from './support/worker-child.js';

/**
 * Square's PKCE refresh tokens are single-use: every refresh spends the stored one and returns a
 * new one. Syncs run in two real worker processes (and other callers ask for the same credentials
 * from this process at the same time); workers are killed with SIGKILL between refreshes and in a
 * run right after one. The fake refuses and counts any refresh token presented twice.
 */
describe('Square refresh-token rotation across worker processes and restarts', () => {
  let app: TestApp;
  let fake: FakeSquare;
  const workers: WorkerChild[] = [];
  const tenant = randomUUID();
  let ids: string[] = [];

  before(async () => {
    fake = await FakeSquare.start({ data: new SquareSellerData({ orders: 240, seed: 9 }), tokenLatencyMs: 250, latencyMs: 3 });
    app = await startTestApp(
      { PROCESS_ROLE: 'web', SQUARE_API_URL: fake.url, SQUARE_AUTH_URL: fake.url, SQUARE_CLIENT_ID: fake.clientId, SQUARE_CLIENT_SECRET: fake.clientSecret },
      { configure: fastExtraction },
    );
    workers.push(await worker(), await worker());
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await app?.close();
    await fake?.stop();
  });

  function worker(): Promise<WorkerChild> {
    return WorkerChild.start(app.database.url, { SQUARE_API_URL: fake.url, SQUARE_AUTH_URL: fake.url, SQUARE_CLIENT_ID: fake.clientId, SQUARE_CLIENT_SECRET: fake.clientSecret, WORKER_CONCURRENCY: '2' });
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
  });

  it('a worker killed in a run right after it renewed the token: the next worker goes on with the newest token, no refresh again', async () => {
    const id = ids[0];
    const refreshesBefore = fake.refreshes;
    fake.expireAccessTokens();
    const slower = await app.request(`/connections/${id}`, { method: 'PUT', token: SERVICE_TOKEN, json: { settings: { page_size: 5 } } });
    assert.equal(slower.status, 200, await slower.clone().text());
    const run = await triggerSync(app, id, { from: '2024-01-01', to: '2024-01-31' });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const current = await getJson(app, `/connections/${id}/syncs/${run.id}`);
      const fetched = (current.streams as RunView['streams']).reduce((n, s) => n + s.fetched, 0);
      if (fake.refreshes > refreshesBefore && fetched > 0) break;
      assert.notEqual(current.status, 'succeeded', 'the run finished before the kill: make it slower');
      assert.ok(Date.now() < deadline, `no refresh and progress: ${JSON.stringify(current)}`);
      await sleep(20);
    }
    await Promise.all([restart(0), restart(1)]);
    const finished = await waitForRun(app, id, run.id, 120_000);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished));
    assert.ok(finished.attempt >= 2, `attempt ${finished.attempt}: the killed attempt was replaced`);
    assert.equal(fake.refreshes - refreshesBefore, 1, 'the restarted workers used the stored, newest token');
    await assertNewestKept();
  });
});
