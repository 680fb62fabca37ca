import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../../src/config/app-config.js';
import { ConnectionService } from '../../src/connections/connection.service.js';
import { createClient, ok, type ConnectorHubClient } from '../../client/index.js';
import { SERVICE_TOKEN, type TestApp } from './app.js';

const clients = new WeakMap<TestApp, ConnectorHubClient>();

/** The typed client (client/) of the TrustFile side, for `app`. */
export function serviceClient(app: TestApp): ConnectorHubClient {
  let client = clients.get(app);
  if (!client) clients.set(app, (client = createClient({ baseUrl: app.baseUrl, token: SERVICE_TOKEN })));
  return client;
}

/** Extraction timings for tests: ticks, polls and retries in (fractions of) seconds. */
export function fastExtraction(config: AppConfig): AppConfig {
  return config.withExtraction({
    schedulerTickMs: 250,
    pollingIntervalSeconds: 0.5,
    retryDelaySeconds: 1,
    retryDelayMaxSeconds: 2,
    retryLimit: 6,
    safetyLagSeconds: 0,
    heartbeatSeconds: 10,
    superviseIntervalSeconds: 2,
  });
}

export interface RunView {
  id: string;
  status: string;
  attempt: number;
  trigger: string;
  error: { code: string; message: string } | null;
  streams: Array<{ stream: string; status: string; fetched: number; inserted: number; updated: number; unchanged: number; failed: number; syncedThrough: string | null }>;
}

/** Creates a connection authorized with credentials PUT to /credentials (an apiKey connector), enabled from `startDate`, and returns its id. */
export async function apiKeyConnection(
  app: TestApp,
  options: { connector: string; tenant: string; credentials: Record<string, string>; startDate: string; settings?: Record<string, unknown>; name?: string; plugs?: Array<{ name: string; enabled: boolean }> },
): Promise<string> {
  const created = await app.request('/connections', {
    method: 'POST',
    token: SERVICE_TOKEN,
    json: { connector: options.connector, name: options.name ?? 'test connection', tenant: options.tenant, settings: options.settings, plugs: options.plugs },
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { id } = (await created.json()) as { id: string };
  const credentials = await app.request(`/connections/${id}/credentials`, { method: 'PUT', token: SERVICE_TOKEN, json: options.credentials });
  assert.equal(credentials.status, 200, await credentials.clone().text());
  const enabled = await app.request(`/connections/${id}`, { method: 'PUT', token: SERVICE_TOKEN, json: { enabled: true, startDate: options.startDate } });
  assert.equal(enabled.status, 200, await enabled.clone().text());
  return id;
}

export async function triggerSync(app: TestApp, connectionId: string, body: { streams?: string[]; from?: string; to?: string } = {}): Promise<RunView> {
  return (await ok(serviceClient(app).POST('/connections/{connectionId}/syncs', { params: { path: { connectionId } }, body }))) as RunView;
}

/** Polls a run until it has finished (succeeded, failed or cancelled). */
export async function waitForRun(app: TestApp, connectionId: string, runId: string, timeoutMs = 60_000): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await ok(serviceClient(app).GET('/connections/{connectionId}/syncs/{syncId}', { params: { path: { connectionId, syncId: runId } } }))) as RunView;
    if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms: ${JSON.stringify(run)}`);
    await sleep(100);
  }
}

/** The latest run of a connection once it has finished (for scheduled runs, whose id the test does not know). */
export async function waitForFinishedRuns(app: TestApp, connectionId: string, count: number, timeoutMs = 60_000): Promise<RunView[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = (await ok(serviceClient(app).GET('/connections/{connectionId}/syncs', { params: { path: { connectionId }, query: { pageSize: 100 } } }))).content as RunView[];
    const finished = runs.filter((run) => ['succeeded', 'failed', 'cancelled'].includes(run.status));
    if (finished.length >= count && finished.length === runs.length) return runs;
    if (Date.now() > deadline) throw new Error(`connection ${connectionId}: ${finished.length} of ${count} runs finished: ${JSON.stringify(runs)}`);
    await sleep(100);
  }
}

export function streamOf(run: RunView, stream: string) {
  const found = run.streams.find((s) => s.stream === stream);
  assert.ok(found, `run ${run.id} has no stream ${stream}: ${JSON.stringify(run.streams)}`);
  return found;
}

/** GET with the service token, the JSON body untyped (tests look at it field by field). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function getJson(app: TestApp, path: string): Promise<any> {
  const response = await app.request(path, { token: SERVICE_TOKEN });
  assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
  return response.json();
}

/** The store the fake BigCommerce serves in the extraction tests, and its access token. */
export const BIGCOMMERCE_STORE = 'store42';
export const BIGCOMMERCE_TOKEN = 'bc-token-0123456789';

/** A BigCommerce connection authorized as the OAuth callback does it, then enabled from `startDate`. */
export async function bigCommerceConnection(app: TestApp, tenant: string, startDate = '2023-12-31', settings: Record<string, unknown> = { page_size: 100 }): Promise<string> {
  const client = serviceClient(app);
  const { id } = await ok(client.POST('/connections', { body: { connector: 'BIGCOMMERCE', name: 'store', tenant, settings } }));
  await app.app.get(ConnectionService).completeOAuth(id, 'merchant', { secret: { accessToken: BIGCOMMERCE_TOKEN, storeHash: BIGCOMMERCE_STORE }, scopes: ['store_v2_orders_read_only'], expiresAt: null });
  await ok(client.PUT('/connections/{connectionId}', { params: { path: { connectionId: id } }, body: { enabled: true, startDate } }));
  return id;
}

