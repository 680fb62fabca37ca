import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../../src/config/app-config.js';
import { ok } from '../../client/index.js';
import type { TestApp } from './app.js';
import { fastExtraction, serviceClient } from './extraction.js';

export const TRUSTFILE_TOKEN = 'extractor-to-avalara-0123456789';

/** Extraction and push timings for tests: ticks and probes in fractions of seconds, short backoffs. */
export function fastPush(config: AppConfig): AppConfig {
  return fastExtraction(config).withTrustFile({ tickMs: 250, probeIntervalSeconds: 1, requestTimeoutMs: 5_000, retryDelayMs: 50, retries: 6, healthCacheMs: 0 });
}

export interface PushStatus {
  extracted: number;
  pending: number;
  pushed: number;
  rejected: number;
  lastPushAt: string | null;
}

export async function pushStatus(app: TestApp, connectionId: string): Promise<PushStatus> {
  return (await ok(serviceClient(app).GET('/connections/{connectionId}/status', { params: { path: { connectionId } } }))) as unknown as PushStatus;
}

/** Polls the connection's status until nothing is pending (and at least `extracted` documents exist). */
export async function waitForPushed(app: TestApp, connectionId: string, options: { extracted?: number; timeoutMs?: number } = {}): Promise<PushStatus> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const status = await pushStatus(app, connectionId);
    if (status.pending === 0 && status.extracted >= (options.extracted ?? 1)) return status;
    if (Date.now() > deadline) throw new Error(`connection ${connectionId} still has pending documents: ${JSON.stringify(status)}`);
    await sleep(100);
  }
}
