import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { HostCredentialsService } from '../src/host-system/oauth/host-credentials.service.js';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { fastExtraction, getJson, triggerSync, waitForFinishedRuns, waitForRun, type RunView } from './support/extraction.js';
import { FakeSquare, squareConnection, squareEnv } from './support/fake-square.js';
import { SquareSellerData } from './support/square-data.js';
import { WorkerChild } from './support/worker-child.js';

/**
 * A worker process killed with SIGKILL in a Square run right after it renewed the access token
 * (spending the single-use refresh token): the new pair is in the database, so the worker started
 * after it goes on without refreshing again, and no refresh token is presented twice.
 */
describe('Square refresh-token rotation: a worker killed right after a refresh', () => {
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
    ids = [await squareConnection(app, fake, tenant, { page_size: 25 })];
    assert.equal((await waitForFinishedRuns(app, ids[0], 1, 90_000))[0].status, 'succeeded');
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await app?.close();
    await fake?.stop();
  });

  function worker(): Promise<WorkerChild> {
    return WorkerChild.start(app.database.url, { ...squareEnv(fake), WORKER_CONCURRENCY: '2' });
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
    // Whichever worker holds the run dies; one worker is started again (it knows nothing but the database).
    await Promise.all(workers.map((w) => w.kill()));
    workers.splice(0, workers.length, await worker());
    const finished = await waitForRun(app, id, run.id, 120_000);
    assert.equal(finished.status, 'succeeded', JSON.stringify(finished));
    assert.ok(finished.attempt >= 2, `attempt ${finished.attempt}: the killed attempt was replaced`);
    assert.equal(fake.refreshes - refreshesBefore, 1, 'the restarted workers used the stored, newest token');
    await assertNewestKept();
  });
});
