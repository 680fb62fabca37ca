import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { CODE_ROOT } from '../paths.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export const MIGRATIONS_GLOB = join(CODE_ROOT, 'migrations', '*.{ts,js}');
export const ENTITIES_GLOB = join(CODE_ROOT, 'src', '**', '*.entity.{ts,js}');

export function typeOrmOptions(config: AppConfig): DataSourceOptions {
  const url = config.database.url;
  if (!url) throw new Error('The database URL is not known yet (embedded PostgreSQL not started)');
  return {
    type: 'postgres',
    url,
    ssl: tlsOptions(url, config.database.ssl),
    synchronize: false,
    migrationsRun: false, // main.ts runs them under an advisory lock (database/migrate.ts)
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    uuidExtension: 'pgcrypto',
    logging: false,
    extra: { max: 10, connectionTimeoutMillis: 5000, application_name: 'connector-hub' },
  };
}

/**
 * `auto` = TLS unless the database is on this machine. Certificates are verified (chain and host
 * name) unless DATABASE_SSL=no-verify, the explicit choice for providers whose certificates no
 * public CA signs (Heroku Postgres): still encrypted, but not protected against an active
 * man in the middle. A private CA can be trusted with NODE_EXTRA_CA_CERTS instead.
 */
export function tlsOptions(url: string, mode: AppConfig['database']['ssl']): false | { rejectUnauthorized: boolean } {
  if (!useTls(url, mode)) return false;
  return { rejectUnauthorized: mode !== 'no-verify' };
}

export function useTls(url: string, mode: AppConfig['database']['ssl']): boolean {
  if (mode === 'disable') return false;
  if (mode === 'require' || mode === 'no-verify') return true;
  return !LOCAL_HOSTS.has(new URL(url).hostname);
}
