import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from './config/app-config.js';

const SECRET_QUERY_PARAMETERS = /^(access_token|refresh_token|id_token|token|code|state|api_?key|client_secret|password|secret|signature)$/i;

/**
 * Keys removed from every log line. Exact top-level keys only: wildcard paths made redaction
 * the most expensive part of a request (~160 µs measured, see bench/). Request lines cannot
 * carry secrets anyway (the serializers below keep only safe fields), and errors go through
 * `serializeError`, which drops query text and parameters.
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
  'value',
  'headers',
];

/** An error as a log field: type, message, code and stack; never SQL, parameters or request options. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message: error.message, ...(code !== undefined ? { code } : {}), stack: error.stack };
}

/** Masks the values of query parameters that carry credentials or one-time codes. */
export function redactUrl(url: string): string {
  const index = url.indexOf('?');
  if (index < 0) return url;
  const params = new URLSearchParams(url.slice(index + 1));
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY_PARAMETERS.test(key)) params.set(key, '[REDACTED]');
  }
  return `${url.slice(0, index)}?${params.toString()}`;
}

type RequestWithId = IncomingMessage & { id?: string | number | object };

export function loggerParams(config: AppConfig, pretty: boolean, destination?: DestinationStream): Params {
  const options: Options = {
    level: config.logLevel,
    // Fastify assigns the trace id (see app.ts); reuse it so both agree.
    genReqId: (req: IncomingMessage) => (req as RequestWithId).id ?? 'unknown',
    customProps: (req: IncomingMessage) => ({ traceId: (req as RequestWithId).id }),
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    serializers: {
      req: (req: { id?: string; method?: string; url?: string; remoteAddress?: string; headers?: Record<string, unknown> }) => ({
        method: req.method,
        url: req.url ? redactUrl(req.url) : req.url,
        remoteAddress: req.remoteAddress,
        userAgent: req.headers?.['user-agent'],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // Health probes arrive every few seconds; logging them would drown the real traffic.
    autoLogging: { ignore: (req: IncomingMessage) => ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith('/health') },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
      : {}),
  };
  return {
    // Every path, including unknown ones (the library's default pattern misses them on Fastify).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: destination ? [options, destination] : options,
  };
}
