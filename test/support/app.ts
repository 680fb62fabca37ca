import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '../../src/app.js';
import type { HttpAppOptions } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createTestDatabase, queryDatabase, type TestDatabase } from './database.js';

export const SERVICE_TOKEN = 'test-service-token-0123456789abcdef';
export const TEST_ENCRYPTION_KEY = `test1:${Buffer.alloc(32, 7).toString('base64')}`;

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly config: AppConfig;
  readonly database: TestDatabase;
  /** Runs SQL against the app's database (to look at what is really stored). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** fetch against the app; `token` adds the bearer header. */
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** Boots the whole application on a fresh database, listening on 127.0.0.1. */
export interface TestAppOptions extends HttpAppOptions {
  /** Adjusts the loaded configuration (settings that are not environment variables). */
  readonly configure?: (config: AppConfig) => AppConfig;
}

/**
 * Passport keeps strategies in a process-wide registry, so the bearer strategy of the app
 * started last serves every app of the process. Apps that run at the same time in one test
 * process must therefore share their authentication settings; this is enforced here.
 */
const liveAuthSettings = new Map<TestApp, string>();

function authSettings(config: AppConfig): string {
  const { jwksUrl, issuer, audience, tenantsClaim, staticTokens } = config.auth;
  return JSON.stringify({ jwksUrl, issuer, audience, tenantsClaim, staticTokens });
}

export async function startTestApp(
  env: Record<string, string | undefined> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'connector-hub-app-'));
  const loaded = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_URL: database.url,
      AVALARA_TO_EXTRACTOR_TOKEN: SERVICE_TOKEN,
      ENCRYPTION_KEYS: TEST_ENCRYPTION_KEY,
      PROCESS_ROLE: 'web', // no extraction worker unless a test asks for one
      ...env,
    },
    { dataDir },
  );
  const config = options.configure ? options.configure(loaded) : loaded;
  for (const settings of liveAuthSettings.values()) {
    if (settings !== authSettings(config)) {
      throw new Error('Another test app with different authentication settings is running in this process (see liveAuthSettings)');
    }
  }
  const app = await createHttpApp(config, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const testApp: TestApp = {
    app,
    baseUrl,
    config,
    database,
    request(path, init = {}) {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${baseUrl}${path}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    query: <T>(sql: string, params: unknown[] = []) => queryDatabase<T>(database.url, sql, params),
    async close() {
      liveAuthSettings.delete(testApp);
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  liveAuthSettings.set(testApp, authSettings(config));
  return testApp;
}
