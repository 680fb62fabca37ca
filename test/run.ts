/**
 * `npm test`: runs every unit spec (`src/**\/*.spec.ts`) and end-to-end test (`test/**\/*.e2e.ts`)
 * with Node's test runner against a real PostgreSQL: TEST_DATABASE_URL or DATABASE_URL when set
 * (the role needs CREATEDB), otherwise an embedded server started for this run. Migrations run
 * once into a template database; every test file gets its own copy (see support/database.ts).
 * Pass file paths to run a subset: `npm test -- test/auth.e2e.ts`.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { MIGRATIONS_GLOB } from '../src/database/typeorm-options.js';
import { PROJECT_ROOT } from '../src/paths.js';

const TEMPLATE = `ch_test_template_${process.pid}`;

function findTests(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : findTests(path, pattern);
    return pattern.test(name) ? [relative(PROJECT_ROOT, path)] : [];
  });
}

async function prepareTemplate(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE}`;
  const dataSource = new DataSource({ type: 'postgres', url: url.toString(), migrations: [MIGRATIONS_GLOB], migrationsTransactionMode: 'each' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}

async function dropTestDatabases(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
    [TEMPLATE, `ch_test_${process.pid}_%`],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
  await admin.end();
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
  const files = requested.length > 0
    ? requested
    : [...findTests(join(PROJECT_ROOT, 'src'), /\.spec\.ts$/), ...findTests(join(PROJECT_ROOT, 'test'), /\.e2e\.ts$/)];

  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = mkdtempSync(join(tmpdir(), 'connector-hub-test-'));
    embedded = await EmbeddedPostgres.start({ dataDir, database: 'postgres' });
    adminUrl = embedded.url;
  }
  try {
    await prepareTemplate(adminUrl);
    return await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--import', '@swc-node/register/esm-register',
          '--test', '--test-reporter=spec', '--test-concurrency=2', `--test-timeout=${process.env.TEST_TIMEOUT_MS ?? 240_000}`,
          ...files,
        ],
        {
          cwd: PROJECT_ROOT,
          stdio: 'inherit',
          env: { ...process.env, TEST_PG_ADMIN_URL: adminUrl, TEST_PG_TEMPLATE: TEMPLATE, TEST_PG_PREFIX: `ch_test_${process.pid}_` },
        },
      );
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await dropTestDatabases(adminUrl).catch((error) => console.error('Could not drop the test databases:', error));
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

// An explicit exit: with the TypeScript loader, a process.exitCode set at the top level was lost (a failing run exited 0).
process.exit(await main());
