/**
 * A worker process as Heroku runs one (`PROCESS_ROLE=worker`), with the extraction timings of
 * the tests (heartbeats, supervision and retries in seconds), configured from the environment.
 * Tests start it with `WorkerProcess.start` and end it with a real signal, `kill -9` included.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/app-config.js';
import { createRootLogger, NestPinoLogger } from '../../src/logging.js';
import { fastPush } from './push.js';

const loaded = fastPush(loadConfig({ ...process.env, PROCESS_ROLE: 'worker' }, { dataDir: process.env.WORKER_DATA_DIR }));
// npm run chaos kills one run more often than the tests' retry limit allows.
const retried = process.env.TEST_RETRY_LIMIT ? loaded.withExtraction({ retryLimit: Number(process.env.TEST_RETRY_LIMIT) }) : loaded;
// test/rate-budget.e2e.ts measures what the shared account budgets prevent, with them off.
const config = process.env.TEST_ACCOUNT_RATE_BUDGETS === 'off' ? retried.withExtraction({ accountRateBudgets: false }) : retried;
const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new NestPinoLogger(createRootLogger(config, false)) });
process.stdout.write('worker ready\n');
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
