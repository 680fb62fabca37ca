import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { createRootLogger, logRequests, NestPinoLogger } from './logging.js';
import type { DestinationStream } from 'pino';
import { resolveTraceId } from './common/trace.js';
import { createValidationPipe } from './common/validation.js';
import { sendEtags } from './common/etag.js';
import type { AppConfig } from './config/app-config.js';
import { buildOpenApiDocument } from './openapi.js';
import { PROJECT_ROOT } from './paths.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const APP_VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface HttpAppOptions extends AppModuleOptions {
  /** Human-readable logs (development on a terminal). */
  readonly prettyLogs?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  readonly logDestination?: DestinationStream;
}

/** The HTTP application, configured but not listening. */
export async function createHttpApp(config: AppConfig, options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config, options.prettyLogs ?? false, options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    disableRequestLogging: true, // one line per request instead, see logRequests
    requestIdLogLabel: 'traceId',
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true, // behind the Heroku router: client address and protocol from X-Forwarded-*
    genReqId: (raw: IncomingMessage) => resolveTraceId(raw.headers),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    bodyParser: false, // Fastify's own JSON parser only: no urlencoded bodies (see configureFastify)
  });
  app.useGlobalPipes(createValidationPipe());
  configureFastify(app.getHttpAdapter().getInstance());

  const document = buildOpenApiDocument(app, APP_VERSION);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'connector-hub API',
    swaggerOptions: { persistAuthorization: true },
  });
  await app.init();
  return app;
}

function configureFastify(fastify: FastifyInstance): void {
  logRequests(fastify);
  sendEtags(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // JSON bodies only: a text/plain or form body would otherwise reach the DTOs; anything else is a 415.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(
    'application/merge-patch+json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    fastify.getDefaultJsonParser('error', 'error'),
  );
}

