import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { createRootLogger, NestPinoLogger } from './logging.js';
import { APP_VERSION, createHttpApp } from './app.js';
import { AppConfig, ConfigError, loadConfig } from './config/app-config.js';
import { EmbeddedPostgres, EmbeddedPostgresError } from './database/embedded-postgres.js';
import { runPendingMigrations } from './database/migrate.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const pretty = config.nodeEnv === 'development' && process.stdout.isTTY === true;
  let embedded: EmbeddedPostgres | undefined;
  let app: INestApplicationContext | undefined;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received: shutting down (HTTP, workers, database connections, then the embedded database)`);
    // In-flight requests and runs get SHUTDOWN_GRACE_SECONDS (Heroku sends SIGKILL at 30 s); what
    // is still running then is abandoned (runs are resumed by another worker from their checkpoint).
    setTimeout(() => {
      say(`Shutdown took longer than SHUTDOWN_GRACE_SECONDS (${config.shutdownGraceSeconds} s); exiting`);
      void Promise.race([embedded?.stop(), new Promise((resolve) => setTimeout(resolve, 400))]).finally(() => process.exit(1));
    }, config.shutdownGraceSeconds * 1000).unref();
    try {
      await app?.close();
    } finally {
      await embedded?.stop();
    }
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));

  try {
    let runtimeConfig: AppConfig = config;
    if (!config.database.url) {
      embedded = await EmbeddedPostgres.start({ dataDir: config.dataDir, log: say });
      runtimeConfig = config.withDatabaseUrl(embedded.url);
    }
    if (runtimeConfig.database.migrateOnBoot) {
      const applied = await runPendingMigrations(runtimeConfig);
      if (applied.length > 0) say(`Applied migrations: ${applied.join(', ')}`);
    }
    if (config.processRole === 'worker') {
      app = await NestFactory.createApplicationContext(AppModule.forRoot(runtimeConfig), {
        logger: new NestPinoLogger(createRootLogger(runtimeConfig, pretty)),
      });
    } else {
      const http = await createHttpApp(runtimeConfig, { prettyLogs: pretty });
      app = http;
      await http.listen({ port: config.port, host: '0.0.0.0' });
    }
    for (const warning of config.warnings) say(`warning: ${warning}`);
    printBanner(config);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    fail(describeStartupError(error, config));
  }
}

function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function printBanner(config: AppConfig): void {
  const base = `http://localhost:${config.port}`;
  const lines = [`connector-hub ${APP_VERSION} started (${config.nodeEnv}, role: ${config.processRole})`];
  if (config.processRole !== 'worker') {
    lines.push(`  API:      ${base}`, `  API docs: ${base}/docs`, `  Health:   ${base}/health`);
  }
  if (config.auth.generatedToken && config.processRole !== 'worker') {
    lines.push(
      '',
      'Development service token (new every start; set AVALARA_TO_EXTRACTOR_TOKEN to choose one):',
      `  ${config.auth.generatedToken}`,
      'Try it:',
      `  curl -H "Authorization: Bearer ${config.auth.generatedToken}" ${base}/me`,
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

function describeStartupError(error: unknown, config: AppConfig): string {
  if (error instanceof EmbeddedPostgresError) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') return `Port ${config.port} is already in use: stop what uses it or set PORT.`;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    return `Cannot reach the database at DATABASE_URL (${code}). Check the URL, or unset it to use the embedded database.`;
  }
  return `Startup failed: ${(error as Error)?.stack ?? String(error)}`;
}

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

void main();
