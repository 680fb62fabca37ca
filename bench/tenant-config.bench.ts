/**
 * `npm run bench`: tenant-config reads under load, against a bare Fastify + pg baseline.
 *
 * Seeds 100,000 configs (100 tenant integrations x 1,000) into a real PostgreSQL (embedded, or
 * BENCH_DATABASE_URL), starts the application (JWT verification on, against a real OIDC issuer
 * on 127.0.0.1) and the baseline server (bench/baseline-server.ts) as separate processes, and
 * loads each with autocannon from a third process. Prints req/s, p50 and p99 per route for
 * both and their ratios; targets: throughput ratio >= 0.7 and p99 <= 2x the baseline's.
 */
import 'reflect-metadata';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { Scope } from '../src/auth/principal.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { MIGRATIONS_GLOB } from '../src/database/typeorm-options.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { TEST_AUDIENCE, TestIdentityProvider } from '../test/support/identity-provider.js';
import { cpuTicks } from './cpu.js';

const TENANT = '1a855cf0-d29b-4fb2-a238-abd2c0d03856';
const INTEGRATIONS = 100;
const CONFIGS_PER_INTEGRATION = 1000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const run = promisify(execFile);

interface Measurement {
  /** CPU time per request of the server process and of PostgreSQL (Linux only). */
  readonly serverCpuMicros?: number;
  readonly databaseCpuMicros?: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

async function seed(url: string): Promise<{ integrationId: string; configId: string }> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: [MIGRATIONS_GLOB], migrationsTransactionMode: 'each' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO tenant_integrations (name, tenant, connector, mode, created_by, updated_by)
      SELECT 'integration-' || i,
             CASE WHEN i = 1 THEN '${TENANT}'::uuid ELSE gen_random_uuid() END,
             'BIGCOMMERCE_OSERIES', 'settings', 'bench', 'bench'
      FROM generate_series(1, ${INTEGRATIONS}) AS i`);
    await client.query(`
      INSERT INTO tenant_configs (id, tenant_integration_id, tenant, partner_tenant, integration, "group", name, label,
                                  description, value, connector, created_by, updated_by, updated_at)
      SELECT gen_random_uuid(), ti.id, ti.tenant, 'partner-' || ti.name, ti.id, 'group-' || (n % 10), 'param-' || n,
             'Parameter ' || n, 'Benchmark parameter number ' || n, 'value-' || n, ti.connector, 'bench', 'bench',
             now() - (n || ' seconds')::interval
      FROM tenant_integrations ti CROSS JOIN generate_series(1, ${CONFIGS_PER_INTEGRATION}) AS n`);
    await client.query('ANALYZE');
    const { rows } = await client.query(`
      SELECT ti.id AS "integrationId", c.id AS "configId" FROM tenant_integrations ti
      JOIN tenant_configs c ON c.tenant_integration_id = ti.id
      WHERE ti.tenant = $1 ORDER BY c.name LIMIT 1 OFFSET 500`, [TENANT]);
    const { rows: [{ count }] } = await client.query('SELECT count(*)::int AS count FROM tenant_configs');
    console.log(`Seeded ${count} configs in ${INTEGRATIONS} tenant integrations`);
    return rows[0];
  } finally {
    await client.end();
  }
}

function startServer(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const profile = process.env.BENCH_PROFILE && script.includes('app-server') ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', '@swc-node/register/esm-register', join(PROJECT_ROOT, script)], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /READY (\d+)/.exec(stderr);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}: ${stderr}`)));
  });
}

async function load(url: string, token: string | undefined, seconds: number): Promise<Measurement> {
  const args = [join(PROJECT_ROOT, 'node_modules', 'autocannon', 'autocannon.js'), '-c', String(CONNECTIONS), '-d', String(seconds), '-j'];
  if (token) args.push('-H', `authorization=Bearer ${token}`);
  const { stdout } = await run(process.execPath, [...args, url], { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function measure(url: string, server: ChildProcess, token?: string): Promise<Measurement> {
  await load(url, token, WARMUP_SECONDS);
  const before = [cpuTicks(server.pid), cpuTicks()];
  const result = await load(url, token, SECONDS);
  const after = [cpuTicks(server.pid), cpuTicks()];
  const requests = result.requestsPerSecond * SECONDS;
  const perRequest = (i: number) => (before[i] === undefined ? undefined : ((after[i]! - before[i]!) * 10_000) / requests);
  return { ...result, serverCpuMicros: perRequest(0), databaseCpuMicros: perRequest(1) };
}

function describe(label: string, m: Measurement): string {
  const cpu = m.serverCpuMicros === undefined ? '' : `   CPU/request: server ${m.serverCpuMicros.toFixed(0)} µs, PostgreSQL ${m.databaseCpuMicros!.toFixed(0)} µs`;
  return `  ${label}${m.requestsPerSecond.toFixed(0).padStart(6)} req/s   p50 ${m.p50} ms   p99 ${m.p99} ms${cpu}`;
}

async function main(): Promise<void> {
  let embedded: EmbeddedPostgres | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'connector-hub-bench-'));
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    embedded = await EmbeddedPostgres.start({ dataDir, database: `bench_${randomBytes(3).toString('hex')}` });
    url = embedded.url;
  }
  const idp = await TestIdentityProvider.start();
  const servers: ChildProcess[] = [];
  try {
    const { integrationId, configId } = await seed(url);
    const token = await idp.token({ sub: 'bench@companyxyz.com', scopes: [Scope.TenantConfigRead], tenants: [TENANT], expiresIn: 3600 });
    const app = await startServer('bench/app-server.ts', {
      NODE_ENV: 'production',
      DATABASE_URL: url,
      DATABASE_SSL: 'disable',
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      AUTH_AUDIENCE: TEST_AUDIENCE,
      ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      PUBLIC_BASE_URL: 'http://127.0.0.1',
      LOG_LEVEL: 'info',
    });
    const baseline = await startServer('bench/baseline-server.ts', { DATABASE_URL: url });
    servers.push(app.child, baseline.child);

    const routes = [
      ['GET …/configs/{config}', `/tenantintegrations/${integrationId}/configs/${configId}`],
      ['GET …/configs (page of 20)', `/tenantintegrations/${integrationId}/configs`],
    ] as const;
    console.log(`autocannon: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per run\n`);
    let allMet = true;
    for (const [name, path] of routes) {
      const base = await measure(`${baseline.url}${path}`, baseline.child);
      const ours = await measure(`${app.url}${path}`, app.child, token);
      if (ours.non2xx || ours.errors || base.non2xx || base.errors) {
        throw new Error(`${name}: failed requests (app ${ours.non2xx} non-2xx / ${ours.errors} errors, baseline ${base.non2xx} / ${base.errors})`);
      }
      const throughput = ours.requestsPerSecond / base.requestsPerSecond;
      const tail = ours.p99 / base.p99;
      const met = throughput >= 0.7 && tail <= 2;
      allMet &&= met;
      console.log(name);
      console.log(describe('baseline (bare Fastify + pg): ', base));
      console.log(describe('connector-hub (JWT on):       ', ours));
      console.log(`  ratio: throughput ${throughput.toFixed(2)} (target >= 0.70), p99 ${tail.toFixed(2)}x (target <= 2.00x) -> ${met ? 'met' : 'NOT met'}\n`);
    }
    console.log(allMet ? 'All targets met.' : 'Some targets were not met.');
  } finally {
    for (const child of servers) child.kill('SIGTERM');
    await Promise.all(servers.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)))));
    await idp.stop();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
