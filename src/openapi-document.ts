import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { APP_VERSION } from './app.js';
import { loadConfig } from './config/app-config.js';
import { buildOpenApiDocument } from './openapi.js';

/** The OpenAPI document, built without starting anything (Nest preview mode). */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://preview@127.0.0.1:1/preview',
    AVALARA_TO_EXTRACTOR_TOKEN: 'preview-token-not-used-0000',
    ENCRYPTION_KEYS: `preview:${Buffer.alloc(32).toString('base64')}`,
    LOG_LEVEL: 'silent',
  });
  const app = await NestFactory.create(AppModule.forRoot(config), new FastifyAdapter(), { preview: true, logger: false });
  try {
    return JSON.parse(JSON.stringify(buildOpenApiDocument(app, APP_VERSION))) as OpenAPIObject;
  } finally {
    await app.close();
  }
}
