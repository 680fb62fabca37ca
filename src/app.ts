import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { createRootLogger, logRequests, NestPinoLogger } from './logging.js';
import type { DestinationStream } from 'pino';
import { BadRequestError } from './common/errors.js';
import { resolveTraceId } from './common/trace.js';
import { createValidationPipe } from './common/validation.js';
import { sendEtags } from './common/etag.js';
import { hardenHttp } from './common/http-hardening.js';
import { sendProblem } from './common/problem.filter.js';
import { PROBLEM_CONTENT_TYPE, toProblem } from './common/problem.js';
import type { AppConfig } from './config/app-config.js';
import { buildOpenApiDocument } from './openapi.js';
import { PROJECT_ROOT } from './paths.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Deepest nesting of objects and arrays a JSON body may have; deeper ones are refused before parsing. */
export const MAX_JSON_DEPTH = 64;
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
    // One line per request instead, see logRequests. Through a LogController: the top-level
    // options print Fastify's deprecation warnings FSTDEP023/FSTDEP024 at boot.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'traceId' }),
    bodyLimit: BODY_LIMIT_BYTES,
    // X-Forwarded-For/-Proto are believed only from TRUST_PROXY (production default: one hop, the
    // Heroku router); otherwise any client could choose the address that is logged.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    genReqId: (raw: IncomingMessage) => resolveTraceId(raw.headers),
    clientErrorHandler: answerClientError,
    // The router's own refusals (a path parameter over 100 characters: 414, a malformed URL: 400)
    // are answered before any hook or filter; without this they were bare JSON, not problems.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('x-request-id', request.id);
      sendProblem(error, request, reply);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    bodyParser: false, // Fastify's own JSON parser only: no urlencoded bodies (see configureFastify)
  });
  app.useGlobalPipes(createValidationPipe());
  configureFastify(app.getHttpAdapter().getInstance());
  await hardenHttp(app, config);

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
  // Graceful drain: once closing starts, the requests still in flight answer with
  // `Connection: close`, so their keep-alive sockets end with them and the server can close
  // (otherwise a client's idle keep-alive connection kept the process up until the grace ran out).
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  // JSON bodies only: a text/plain or form body would otherwise reach the DTOs; anything else is a 415.
  fastify.removeContentTypeParser(['text/plain', 'application/json']);
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  // A deeply nested body would overflow the stack of the recursive code it reaches (validation,
  // merge patch) and answer 500; it is refused with a 400 before it is even parsed.
  const parseBoundedJson: typeof parseJson = (request, body, done) => {
    if (jsonDepthExceeds(body as string, MAX_JSON_DEPTH)) {
      done(new BadRequestError('REQUEST.TOO_DEEPLY_NESTED', `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`), undefined);
      return;
    }
    parseJson(request, body, done);
  };
  for (const type of ['application/json', 'application/merge-patch+json']) {
    fastify.addContentTypeParser(type, { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, parseBoundedJson);
  }
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a request line or headers over
 * 16 KB: 431; unparsable: 400; too slow: 408) are answered as problems too, with a new traceId.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const traceId = randomUUID();
  const detail = status === 431 ? 'The request line and headers exceed 16 KB' : status === 408 ? 'The request took too long to arrive' : 'The request is not valid HTTP';
  const { body } = toProblem(new BadRequestError(`REQUEST.${status === 431 ? 'HEADERS_TOO_LARGE' : status === 408 ? 'TIMEOUT' : 'MALFORMED'}`, detail), { path: '', traceId });
  const text = JSON.stringify({ ...body, status, title: STATUS_CODES[status] });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
        `x-request-id: ${traceId}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}

/**
 * Trust the nearest `hops` peers (proxy-addr counts the socket peer as hop 0). Fastify reads a bare
 * number as "trust nothing", since a count cannot tell a proxy from a direct client; on Heroku
 * every request comes through the router, so one hop is the router.
 */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** Whether objects/arrays nest deeper than `max` in JSON text (brackets inside strings do not count). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

