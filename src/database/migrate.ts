import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { typeOrmOptions } from './typeorm-options.js';

/** Arbitrary, fixed: the advisory lock every connector-hub process takes to migrate. */
const MIGRATION_LOCK = 7_240_117;

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so processes starting together
 * (web and worker in development) migrate one after the other instead of racing.
 * Returns the names of the migrations that ran.
 */
export async function runPendingMigrations(config: AppConfig): Promise<string[]> {
  const dataSource = new DataSource({ ...typeOrmOptions(config), migrationsTransactionMode: 'each', extra: { max: 2 } });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return (await dataSource.runMigrations()).map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}
