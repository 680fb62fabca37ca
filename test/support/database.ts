import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

function runnerSetting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with "npm test" (test/run.ts prepares the database)`);
  return value;
}

/** Runs one statement on its own connection to `url` and returns its rows. */
export async function queryDatabase<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A fresh database: a copy of the migrated template test/run.ts prepared, or empty (`migrated: false`). */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = runnerSetting('TEST_PG_ADMIN_URL');
  const name = `${runnerSetting('TEST_PG_PREFIX')}${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const template = options.migrated === false ? '' : ` TEMPLATE ${runnerSetting('TEST_PG_TEMPLATE')}`;
    await admin.query(`CREATE DATABASE ${name}${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh migrated database and `count` separate pools of `max` connections on it, as that many
 * worker processes would hold; `close()` ends the pools and drops the database.
 */
export async function databaseWithPools(count: number, max: number): Promise<{ database: TestDatabase; sources: DataSource[]; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const sources: DataSource[] = [];
  for (let i = 0; i < count; i += 1) sources.push(await new DataSource({ type: 'postgres', url: database.url, extra: { max } }).initialize());
  return {
    database,
    sources,
    async close() {
      await Promise.all(sources.map((source) => source.destroy()));
      await database.drop();
    },
  };
}
