import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { expectJson } from './support/http.js';
import { integrationBody, specCreateBody, specUpdateBody, TENANT_A } from './support/tenant-config.fixtures.js';

const WRITERS = 200;

/** 200 concurrent conflicting writes on one resource: exactly one winner, nothing lost, no gap. */
describe(`${WRITERS} concurrent conflicting PUTs`, () => {
  let api: TestApp;

  before(async () => {
    api = await startTestApp({ RATE_LIMIT_WRITES: '1000000' });
  });
  after(() => api?.close());

  async function allVersions(path: string): Promise<Array<{ version: number; value: string; operation: string }>> {
    const rows: Array<{ version: number; value: string; operation: string }> = [];
    for (let page = 0; ; page += 1) {
      const body = await expectJson(await api.request(`${path}/versions?pageSort=version,ASC&pageSize=100&pageNumber=${page}`, { token: SERVICE_TOKEN }), 200);
      rows.push(...body.content);
      if (page + 1 >= body.page.totalPages) return rows;
    }
  }

  function statusCounts(responses: Response[]): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
    return counts;
  }

  /**
   * Only the expected statuses, plus 503 (a retryable "busy" when 200 requests queue for 10 pooled
   * connections on a loaded machine longer than the pool's 5 s wait): a 503 is never acknowledged,
   * so it never counts as a winner and must leave no trace.
   */
  function assertOnly(counts: Record<number, number>, allowed: number[]): void {
    for (const status of Object.keys(counts).map(Number)) assert.ok([...allowed, 503].includes(status), `unexpected status ${status}: ${JSON.stringify(counts)}`);
  }

  async function newConfig(name: string): Promise<string> {
    const integration = await expectJson(await api.request('/tenantintegrations', { method: 'POST', token: SERVICE_TOKEN, json: integrationBody({ name: `c-${name}` }) }), 201);
    const config = await expectJson(
      await api.request(`/tenantintegrations/${integration.id}/configs`, { method: 'POST', token: SERVICE_TOKEN, json: specCreateBody({ integration: integration.id, name }) }),
      201,
    );
    return `/tenantintegrations/${integration.id}/configs/${config.id}`;
  }

  it('on one config with the same expected version (If-Match or body version): one 200, the rest 409 with the current version', async () => {
    const path = await newConfig('contended');
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        i % 2 === 0
          ? api.request(path, { method: 'PUT', token: SERVICE_TOKEN, json: specUpdateBody({ name: 'contended', value: `writer-${i}` }), headers: { 'if-match': '"0"' } })
          : api.request(path, { method: 'PUT', token: SERVICE_TOKEN, json: specUpdateBody({ name: 'contended', value: `writer-${i}`, version: 0 }) }),
      ),
    );
    const counts = statusCounts(responses);
    console.log(`config, ${WRITERS} PUTs at version 0: ${JSON.stringify(counts)}`);
    assert.equal(counts[200], 1, JSON.stringify(counts));
    assertOnly(counts, [200, 409]);
    const bodies: any[] = await Promise.all(responses.map((r) => r.json()));
    const winner = bodies[responses.findIndex((r) => r.status === 200)];
    for (const body of bodies.filter((b) => b.status === 409)) assert.equal(body.currentVersion, 1);
    const current = await expectJson(await api.request(path, { token: SERVICE_TOKEN }), 200);
    assert.equal(current.version, 1);
    assert.equal(current.value, winner.value);
    const history = await allVersions(path);
    assert.deepEqual(history.map((v) => v.version), [0, 1]);
    assert.equal(history[1].value, winner.value);
  });

  it('on one config without a version: all serialized, versions 0..200 with no gap and every write in the history', async () => {
    const path = await newConfig('serialized');
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => api.request(path, { method: 'PUT', token: SERVICE_TOKEN, json: specUpdateBody({ name: 'serialized', value: `writer-${i}` }) })),
    );
    const counts = statusCounts(responses);
    console.log(`config, ${WRITERS} PUTs without a version: ${JSON.stringify(counts)}`);
    assertOnly(counts, [200]);
    const acknowledged = counts[200] ?? 0;
    assert.ok(acknowledged >= 1, JSON.stringify(counts));
    const history = await allVersions(path);
    assert.deepEqual(history.map((v) => v.version), Array.from({ length: acknowledged + 1 }, (_, i) => i));
    const values = await Promise.all(responses.filter((r) => r.status === 200).map(async (r) => ((await r.json()) as { value: string }).value));
    assert.deepEqual(new Set(history.slice(1).map((v) => v.value)), new Set(values), 'every acknowledged update is in the history, nothing else');
    const current = await expectJson(await api.request(path, { token: SERVICE_TOKEN }), 200);
    assert.equal(current.version, acknowledged);
    assert.equal(current.value, history.at(-1)!.value);
  });

  it('on one connection with the same expected version: one 200, the rest 409; without a version all serialized, version = writes', async () => {
    const connection = await expectJson(await api.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { connector: 'AROFLO', name: 'contended', tenant: TENANT_A } }), 201);
    const path = `/connections/${connection.id}`;
    const contended = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => api.request(path, { method: 'PUT', token: SERVICE_TOKEN, json: { name: `writer-${i}` }, headers: { 'if-match': `"${connection.version}"` } })),
    );
    const counts = statusCounts(contended);
    console.log(`connection, ${WRITERS} PUTs at version ${connection.version}: ${JSON.stringify(counts)}`);
    assert.equal(counts[200], 1, JSON.stringify(counts));
    assertOnly(counts, [200, 409]);
    const winner: any = await contended.find((r) => r.status === 200)!.json();
    let current = await expectJson(await api.request(path, { token: SERVICE_TOKEN }), 200);
    assert.equal(current.version, connection.version + 1);
    assert.equal(current.name, winner.name);

    const serialized = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => api.request(path, { method: 'PATCH', token: SERVICE_TOKEN, json: { name: `serial-${i}` } })),
    );
    const serialCounts = statusCounts(serialized);
    console.log(`connection, ${WRITERS} PATCHes without a version: ${JSON.stringify(serialCounts)}`);
    assertOnly(serialCounts, [200]);
    const acknowledged = serialized.filter((r) => r.status === 200);
    const versions = (await Promise.all(acknowledged.map((r) => r.json() as Promise<any>))).map((b) => b.version as number).sort((a, b) => a - b);
    // Each write got its own version: connection.version + 2 … connection.version + 1 + writes, none twice, none skipped.
    assert.deepEqual(versions, Array.from({ length: acknowledged.length }, (_, i) => connection.version + 2 + i));
    current = await expectJson(await api.request(path, { token: SERVICE_TOKEN }), 200);
    assert.equal(current.version, connection.version + 1 + acknowledged.length);
  });
});
