import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { SERVICE_TOKEN, startTestApp, type TestApp } from './support/app.js';
import { BigCommerceStoreData } from './support/bigcommerce-data.js';
import { BIGCOMMERCE_STORE, BIGCOMMERCE_TOKEN, bigCommerceConnection, getJson, waitForFinishedRuns } from './support/extraction.js';
import { ConnectionService } from '../src/connections/connection.service.js';
import { FakeBigCommerce } from './support/fake-bigcommerce.js';
import { FakeTrustFile } from './support/fake-trustfile.js';
import { TEST_AUDIENCE, TestIdentityProvider } from './support/identity-provider.js';
import { fastPush, TRUSTFILE_TOKEN, waitForPushed } from './support/push.js';
import { integrationBody, specCreateBody, TENANT_A, TENANT_B } from './support/tenant-config.fixtures.js';

const ALL_EVENTS = ['sync.succeeded', 'sync.failed', 'connection.auth_error', 'connection.status_changed', 'push.rejected', 'tenant_config.changed'];

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A subscriber's endpoint on 127.0.0.1: records every request; can answer 500 a given number of times first. */
class Receiver {
  readonly received: Received[] = [];
  failNext = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<Receiver> {
    let receiver: Receiver | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver!.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (receiver!.failNext > 0) {
          receiver!.failNext -= 1;
          response.writeHead(500).end('try later');
        } else {
          response.writeHead(204).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new Receiver(server, `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`);
    return receiver;
  }

  /** Verified events of one type, with the package's own verify (it throws on a bad signature). */
  events(secret: string, type: string): Array<{ id: string; data: Record<string, unknown> }> {
    const verifier = new Webhook(secret);
    return this.received
      .map((r) => ({ id: String(r.headers['webhook-id']), event: verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> } }))
      .filter((r) => r.event.type === type)
      .map((r) => ({ id: r.id, data: r.event.data }));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('Webhooks: signed, per tenant, outbox-delivered with retries', () => {
  let app: TestApp;
  let idp: TestIdentityProvider;
  let receiverA: Receiver;
  let receiverB: Receiver;
  let adminA: string;
  let adminB: string;
  let subscriptionA: { id: string; secret: string };
  let subscriptionB: { id: string; secret: string };

  before(async () => {
    idp = await TestIdentityProvider.start();
    receiverA = await Receiver.start();
    receiverB = await Receiver.start();
    app = await startTestApp(
      { PROCESS_ROLE: 'all', AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: TEST_AUDIENCE },
      { configure: (config) => fastPush(config).withWebhooks({ tickMs: 100, retryScheduleSeconds: [0.2, 0.2, 0.2], timeoutMs: 2_000 }) },
    );
    const scopes = ['ExtractorApi:Connection:Read', 'ExtractorApi:Connection:Write', 'ConnTenantConfigApi:TenantIntegration:Write', 'ConnTenantConfigApi:TenantIntegration:Read', 'ConnTenantConfigApi:TenantConfig:Write', 'ConnTenantConfigApi:TenantConfig:Read'];
    adminA = await idp.token({ scopes, tenants: [TENANT_A] });
    adminB = await idp.token({ scopes, tenants: [TENANT_B] });
  });
  after(async () => {
    await app?.close();
    await receiverA?.stop();
    await receiverB?.stop();
    await idp?.stop();
  });

  it('a subscription is created for the caller’s tenant only; its secret is shown once and stored encrypted', async () => {
    const created = await app.request('/webhooks', { method: 'POST', token: adminA, json: { tenant: TENANT_A, url: receiverA.url, events: ALL_EVENTS, description: 'integrations team' } });
    assert.equal(created.status, 201, await created.clone().text());
    subscriptionA = (await created.json()) as { id: string; secret: string };
    assert.match(subscriptionA.secret, /^whsec_[A-Za-z0-9+/=]{32}$/);
    const createdB = await app.request('/webhooks', { method: 'POST', token: adminB, json: { tenant: TENANT_B, url: receiverB.url, events: ALL_EVENTS } });
    subscriptionB = (await createdB.json()) as { id: string; secret: string };

    const read = (await (await app.request(`/webhooks/${subscriptionA.id}`, { token: adminA })).json()) as Record<string, unknown>;
    assert.equal(read.secret, undefined, 'never shown again');
    const [stored] = await app.query<{ secret_encrypted: string }>(`SELECT secret_encrypted FROM webhook_subscriptions WHERE id = $1`, [subscriptionA.id]);
    assert.ok(!stored.secret_encrypted.includes(subscriptionA.secret.slice(6)), 'not stored in plaintext');

    assert.equal((await app.request(`/webhooks/${subscriptionA.id}`, { token: adminB })).status, 404, "another tenant's subscription does not exist for B");
    assert.equal((await app.request(`/webhooks`, { method: 'POST', token: adminB, json: { tenant: TENANT_A, url: receiverB.url, events: ['sync.failed'] } })).status, 403);
    const listed = (await (await app.request('/webhooks', { token: adminB })).json()) as { content: Array<{ id: string }> };
    assert.deepEqual(listed.content.map((s) => s.id), [subscriptionB.id]);
    for (const body of [
      { tenant: TENANT_A, url: receiverA.url, events: ['sync.exploded'] },
      { tenant: TENANT_A, url: 'ftp://example.com/x', events: ['sync.failed'] },
      { tenant: TENANT_A, url: receiverA.url, events: [] },
      { tenant: 'not-a-tenant', url: receiverA.url, events: ['sync.failed'] },
    ]) {
      const response = await app.request('/webhooks', { method: 'POST', token: adminA, json: body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.match(String(response.headers.get('content-type')), /^application\/problem\+json/);
    }
  });

  it('tenant_config.changed arrives once, verifiably signed, at its own tenant only', async () => {
    const integration = (await (await app.request('/tenantintegrations', { method: 'POST', token: adminA, json: integrationBody() })).json()) as { id: string };
    const config = await app.request(`/tenantintegrations/${integration.id}/configs`, { method: 'POST', token: adminA, json: specCreateBody({ integration: integration.id }) });
    assert.equal(config.status, 201, await config.clone().text());
    const { id: configId } = (await config.json()) as { id: string };
    const events = await until('the tenant_config.changed event', () => {
      const found = receiverA.events(subscriptionA.secret, 'tenant_config.changed');
      return found.length > 0 ? found : undefined;
    });
    await sleep(500);
    assert.equal(receiverA.events(subscriptionA.secret, 'tenant_config.changed').length, 1, 'once');
    assert.deepEqual(events[0].data.action, 'created');
    assert.equal((events[0].data.configs as Array<{ id: string }>)[0].id, configId);
    assert.equal(JSON.stringify(events[0].data).includes('"value"'), false, 'no config values in the event');
    assert.equal(receiverB.received.length, 0, 'tenant B heard nothing of tenant A');
    assert.throws(() => new Webhook(subscriptionB.secret).verify(receiverA.received[0].body, receiverA.received[0].headers as Record<string, string>), 'another secret does not verify it');
  });

  it('a receiver answering 500 twice gets the event on the third attempt; the delivery log shows each attempt; redelivery sends it again', async () => {
    receiverA.failNext = 2;
    const before = receiverA.received.length;
    const integration = (await (await app.request('/tenantintegrations', { method: 'POST', token: adminA, json: integrationBody({ name: 'second-integration' }) })).json()) as { id: string };
    await app.request(`/tenantintegrations/${integration.id}/configs`, { method: 'POST', token: adminA, json: specCreateBody({ integration: integration.id, name: 'retried' }) });
    const delivery = await until('a delivered delivery', async () => {
      const page = (await (await app.request(`/webhooks/${subscriptionA.id}/deliveries?state=delivered`, { token: adminA })).json()) as { content: Array<{ id: string; attempts: number; attemptLog: Array<{ status: number }> }> };
      return page.content.find((d) => d.attempts === 3);
    });
    assert.deepEqual(delivery.attemptLog.map((a) => a.status), [500, 500, 204]);
    const ids = receiverA.received.slice(before).map((r) => r.headers['webhook-id']);
    assert.deepEqual(ids, [delivery.id, delivery.id, delivery.id], 'one webhook-id across retries');

    const redelivered = await app.request(`/webhooks/${subscriptionA.id}/deliveries/${delivery.id}/redeliver`, { method: 'POST', token: adminA });
    assert.equal(redelivered.status, 202);
    await until('the redelivery', () => (receiverA.received.filter((r) => r.headers['webhook-id'] === delivery.id).length === 4 ? true : undefined));
    assert.equal((await app.request(`/webhooks/${subscriptionA.id}/deliveries/${randomUUID()}/redeliver`, { method: 'POST', token: adminA })).status, 404);
  });

  it('sync.succeeded, push.rejected, connection.status_changed and connection.auth_error reach the connection’s tenant; the activity log has the run, the push and the authorization', async () => {
    const data = new BigCommerceStoreData({ orders: 30, ordersPerSecond: 3, seed: 5 });
    const store = await FakeBigCommerce.start({ storeHash: BIGCOMMERCE_STORE, accessToken: BIGCOMMERCE_TOKEN, orders: 30, ordersPerSecond: 3, data });
    const receiver = await Receiver.start();
    const trustfile = await FakeTrustFile.start({
      token: TRUSTFILE_TOKEN,
      reject: (item) => (item.itemId === 'BIGCOMMERCE:orders:7' ? [{ field: 'shipToAddress.country', message: 'unsupported country' }] : undefined),
    });
    // Host and TrustFile URLs are read at boot: a second app (with its own database) serves this part.
    const pusher = await startTestApp(
      { PROCESS_ROLE: 'all', AUTH_JWKS_URL: idp.jwksUrl, AUTH_ISSUER: idp.issuer, AUTH_AUDIENCE: TEST_AUDIENCE, BIGCOMMERCE_API_URL: store.url, TRUSTFILE_API_URL: trustfile.url, EXTRACTOR_TO_AVALARA_TOKEN: TRUSTFILE_TOKEN },
      { configure: (config) => fastPush(config).withWebhooks({ tickMs: 100, retryScheduleSeconds: [0.2], timeoutMs: 2_000 }) },
    );
    try {
      const subscribed = await pusher.request('/webhooks', { method: 'POST', token: adminA, json: { tenant: TENANT_A, url: receiver.url, events: ['push.rejected', 'sync.succeeded', 'sync.failed', 'connection.status_changed', 'connection.auth_error'] } });
      const { secret } = (await subscribed.json()) as { secret: string };
      const connectionId = await bigCommerceConnection(pusher, TENANT_A);
      await waitForFinishedRuns(pusher, connectionId, 1);
      await waitForPushed(pusher, connectionId);
      const [event] = await until('push.rejected', () => {
        const found = receiver.events(secret, 'push.rejected');
        return found.length > 0 ? found : undefined;
      });
      assert.equal(event.data.connectionId, connectionId);
      assert.deepEqual((event.data.items as Array<{ itemId: string; errors: unknown }>).map((i) => [i.itemId, i.errors]), [
        ['BIGCOMMERCE:orders:7', [{ field: 'shipToAddress.country', message: 'unsupported country' }]],
      ]);
      const [synced] = await until('sync.succeeded', () => {
        const found = receiver.events(secret, 'sync.succeeded');
        return found.length > 0 ? found : undefined;
      });
      assert.deepEqual([synced.data.connectionId, synced.data.status, synced.data.inserted], [connectionId, 'succeeded', 30]);
      const changes = receiver.events(secret, 'connection.status_changed').filter((e) => e.data.connectionId === connectionId);
      assert.deepEqual(changes.map((e) => [e.data.from, e.data.to]), [['new', 'ready']], 'authorized: new -> ready; runs do not flap it');
      const activity = (await getJson(pusher, `/connections/${connectionId}/activities?pageSize=100`)).content.map((a: { type: string }) => a.type).reverse();
      for (const type of ['authorization.granted', 'connection.enabled', 'sync.started', 'sync.finished', 'push.batch']) assert.ok(activity.includes(type), `${type} in ${activity}`);

      // A store that refuses the token: the run ends in auth_error, and the tenant hears of it.
      const refused = await pusher.request('/connections', { method: 'POST', token: SERVICE_TOKEN, json: { connector: 'BIGCOMMERCE', name: 'refused', tenant: TENANT_A } });
      const { id: refusedId } = (await refused.json()) as { id: string };
      await pusher.app.get(ConnectionService).completeOAuth(refusedId, 'merchant', { secret: { accessToken: 'revoked-at-the-store', storeHash: BIGCOMMERCE_STORE }, scopes: [], expiresAt: null });
      await pusher.request(`/connections/${refusedId}`, { method: 'PUT', token: SERVICE_TOKEN, json: { enabled: true, startDate: '2023-12-31' } });
      const [lost] = await until('connection.auth_error', () => {
        const found = receiver.events(secret, 'connection.status_changed').filter((e) => e.data.connectionId === refusedId && e.data.to === 'auth_error');
        return found.length > 0 ? found : undefined;
      });
      assert.match(String(lost.data.detail), /401|refused/i);
      await until('the connection.auth_error event', () => (receiver.events(secret, 'connection.auth_error').some((e) => e.data.connectionId === refusedId) ? true : undefined));
      const [failed] = await until('sync.failed', () => {
        const found = receiver.events(secret, 'sync.failed').filter((e) => e.data.connectionId === refusedId);
        return found.length > 0 ? found : undefined;
      });
      assert.equal((failed.data.error as { code: string }).code, 'AUTH_ERROR');
      await sleep(500);
      // Every event once: one delivery per event, whatever the retries and ticks.
      for (const type of ['sync.succeeded', 'sync.failed', 'connection.auth_error', 'push.rejected']) {
        const ids = receiver.received.filter((r) => r.body.includes(`"type": "${type}"`) || r.body.includes(`"type":"${type}"`)).map((r) => r.headers['webhook-id']);
        assert.equal(new Set(ids).size, ids.length, `${type} delivered once`);
        assert.ok(ids.length >= 1, `${type} delivered`);
      }
      const refusedLog = (await getJson(pusher, `/connections/${refusedId}/activities?type=authorization.failed`)).content;
      assert.equal(refusedLog.length, 1);
      const service = await pusher.request('/webhooks?pageSize=100', { token: SERVICE_TOKEN });
      assert.equal(service.status, 200);
    } finally {
      await pusher.close();
      await receiver.stop();
      await store.stop();
      await trustfile.stop();
    }
  });
});
