/**
 * `npm run keys:rotate`: re-encrypts every stored secret under the first key of ENCRYPTION_KEYS.
 * Rotation without downtime: put the new key first and keep the old one in the list, deploy,
 * run this, then drop the old key. Safe to interrupt and rerun; the service keeps serving.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config.js';
import { CryptoService } from '../src/common/crypto.service.js';
import { rotateKeys } from '../src/common/key-rotation.js';
import { EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { typeOrmOptions } from '../src/database/typeorm-options.js';

let config = loadConfig(process.env);
const embedded = config.database.url ? undefined : await EmbeddedPostgres.start({ dataDir: config.dataDir, shareRunning: true });
if (embedded) config = config.withDatabaseUrl(embedded.url);

const dataSource = new DataSource(typeOrmOptions(config));
await dataSource.initialize();
try {
  const crypto = new CryptoService(config);
  console.log(`Re-encrypting stored secrets under key "${crypto.activeKeyId}"…`);
  const results = await rotateKeys(dataSource, crypto, {
    onBatch: (table, rotated) => console.log(`  ${table}: ${rotated} re-encrypted so far`),
  });
  for (const { table, rotated, skipped } of results) {
    console.log(`${table}: ${rotated} re-encrypted${skipped ? `, ${skipped} changed meanwhile (already current)` : ''}`);
  }
} finally {
  await dataSource.destroy();
  await embedded?.stop();
}
