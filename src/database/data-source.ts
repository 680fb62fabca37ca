/**
 * Entry point of the TypeORM CLI (`npm run migration:*`). Without DATABASE_URL it uses the
 * embedded PostgreSQL of this checkout, sharing it with a running `npm start`.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { ENTITIES_GLOB, typeOrmOptions } from './typeorm-options.js';

let config = loadConfig(process.env);
if (!config.database.url) {
  const embedded = await EmbeddedPostgres.start({ dataDir: config.dataDir, shareRunning: true });
  config = config.withDatabaseUrl(embedded.url);
}

export default new DataSource({ ...typeOrmOptions(config), entities: [ENTITIES_GLOB] });
