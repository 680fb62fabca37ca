import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { AppConfig } from './config/app-config.js';

/**
 * Query parameters whose values are masked in logs: any name that looks like a credential
 * (`access_token`, `X-Api-Key`, `client_assertion`, `jwt`, `Authorization`, …), and the one-time
 * values of OAuth and signed URLs. Deliberately broad: masking a harmless value costs nothing.
 */
const SECRET_QUERY_WORDS = /token|key|secret|passw|pwd|auth|jwt|bearer|signature|assertion|credential|session|cookie/i;
const SECRET_QUERY_NAMES = /^(code|state|sig|nonce|ticket|hmac|otp)$/i;

export function isSecretQueryParameter(name: string): boolean {
  return SECRET_QUERY_WORDS.test(name) || SECRET_QUERY_NAMES.test(name);
}

/**
 * Keys removed from every log line. Exact top-level keys only: wildcard paths cost on every line.
 * Request lines cannot carry secrets anyway (they are built from safe fields below), and errors
 * go through `serializeError`, which drops query text and parameters.
 */
export const REDACTED_PATHS = [
  'authorization',
  'password',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'apiKey',
  'clientSecret',
  'client_secret',
  'secret',
  'secretKey',
  'uEncoded',
  'pEncoded',
  'orgEncoded',
  'authentication',
  'value',
  'headers',
];

/** Masks the values of query parameters that carry credentials or one-time codes. */
export function redactUrl(url: string): string {
  const index = url.indexOf('?');
  if (index < 0) return url;
  const params = new URLSearchParams(url.slice(index + 1));
  for (const key of [...params.keys()]) {
    if (isSecretQueryParameter(key)) params.set(key, '[REDACTED]');
  }
  return `${url.slice(0, index)}?${params.toString()}`;
}

/** An error as a log field: type, message, code and stack; never SQL, parameters or request options. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(code !== undefined ? { code } : {}), stack: error.stack };
}

/** The process's pino logger: JSON lines, or human-readable lines in development on a terminal. */
export function createRootLogger(config: AppConfig, pretty: boolean, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    serializers: { err: serializeError },
    ...(pretty && !destination
      ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * One line per request, written by Fastify's own per-request logger (which carries the
 * `traceId`): method, path (secret parameters masked), status and time; health probes are
 * skipped, they arrive every few seconds and would drown the real traffic.
 */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/health')) return;
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    // `http`, not `req`/`res`: Fastify's own serializers would rewrite those keys.
    request.log[level](
      {
        http: {
          method: request.method,
          url: redactUrl(request.url),
          status,
          remoteAddress: request.ip,
          userAgent: request.headers['user-agent'],
        },
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });
}

/** Nest's logger (framework and lifecycle messages) writing through the same pino logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, ...(trace ? { stack: trace } : {}) }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string): void {
    // Hot paths log every host call at debug: below the level, not even the line's object is built.
    if (!this.logger.isLevelEnabled(level)) return;
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}
