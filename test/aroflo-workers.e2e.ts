import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { fastExtraction, getJson, waitForFinishedRuns } from './support/extraction.js';
import { FakeAroFlo } from './support/fake-aroflo.js';
import { WorkerChild } from './support/worker-child.js';

describe('4 worker processes against one AroFlo site', () => {
  let app: TestApp;
  let aroflo: FakeAroFlo;
  const workers: WorkerChild[] = [];
  const tenant = randomUUID();

  before(async () => {
    // AroFlo's real limits, strictly: a fourth request within a second answers status 6.
    aroflo = await FakeAroFlo.start({ invoices: 12, users: 4, suppliers: 4, payments: 4, historyDays: 60, perSecond: 3, perMinute: 120 });
    app = await startTestApp({ PROCESS_ROLE: 'web', AROFLO_API_URL: aroflo.url }, { configure: fastExtraction });
  });
  after(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await app?.close();
    await aroflo?.stop();
  });

  it('never send it more than 3 calls a second, with 4 connections to it syncing at once on 4 workers', async () => {
    const startDate = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    const starting = Promise.all(
      Array.from({ length: 4 }, async () => {
        const worker = await WorkerChild.start(app.database.url, { AROFLO_API_URL: aroflo.url, WORKER_CONCURRENCY: '2' });
        workers.push(worker);
        return worker;
      }),
    );
    // Authorized meanwhile (one check call each), enabled together once the workers are up: the four runs overlap.
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const created = await app.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { connector: 'AROFLO', name: `branch ${i}`, tenant, settings: { max_records_per_page: 5 } } });
      const { id } = (await created.json()) as { id: string };
      const authorized = await app.request(`/connections/${id}/credentials`, { method: 'PUT', token: SERVICE_TOKEN, json: aroflo.credentials() });
      assert.equal(authorized.status, 200, await authorized.clone().text());
      ids.push(id);
    }
    await starting;
    for (const id of ids) {
      const enabled = await app.request(`/connections/${id}`, { method: 'PUT', token: SERVICE_TOKEN, json: { enabled: true, startDate } });
      assert.equal(enabled.status, 200);
    }
    // Polled slowly: the fake AroFlo shares this process, and a busy test would delay its arrivals.
    const deadline = Date.now() + 90_000;
    while ((await app.query(`SELECT 1 FROM extraction_runs WHERE status IN ('succeeded', 'failed', 'cancelled')`)).length < ids.length && Date.now() < deadline) await sleep(1000);
    const runs = await Promise.all(ids.map((id) => waitForFinishedRuns(app, id, 1, 10_000)));
    for (const [run] of runs) assert.equal(run.status, 'succeeded', JSON.stringify(run));
    const workersUsed = new Set((await app.query<{ worker: string }>('SELECT DISTINCT worker FROM extraction_runs')).map((row) => row.worker));
    assert.ok(workersUsed.size >= 2, `the runs were spread over the workers: ${[...workersUsed].join(', ')}`);

    const statuses = aroflo.requests.map((r) => r.status);
    assert.ok(aroflo.requests.length >= 4 * 6, `${aroflo.requests.length} calls`);
    assert.deepEqual(statuses.filter((status) => status !== '0'), [], 'AroFlo never had to refuse a call');
    assert.ok(aroflo.maxPerSecond() <= 3, `${aroflo.maxPerSecond()} calls arrived within one second`);

    const status = await getJson(app, `/connections/${ids[0]}/status`);
    assert.equal(status.dailyBudget.used, aroflo.requests.length, 'the shared budget counted every call of the site, from every process');
  });
});
