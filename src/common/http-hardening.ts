import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import { TooManyRequestsError } from './errors.js';
import { sendProblem } from './problem.filter.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RATE_WINDOW_MS = 60_000;
/** Probes of the platform's router must never be locked out by someone else's failed logins. */
const UNLIMITED_PATHS = /^\/health(\/|$|\?)/;

/**
 * Security headers, CORS and rate limits, in front of every route:
 * - helmet with a CSP that lets the Swagger UI (`/docs`: its own scripts, inline styles, data:
 *   images) and an admin page loading its scripts from this origin work; pages with stricter
 *   needs (the OAuth popup, /admin) send their own CSP, which replaces this one;
 * - CORS only for `CORS_ORIGINS` (none by default: no CORS headers at all);
 * - failed authentications (401) counted per client address: past the limit every authenticated
 *   route answers 429 from that address until the window ends, before the token is even looked at;
 * - writes counted per bearer token (its SHA-256): past the limit 429.
 * Both 429s are problem+json with `Retry-After`.
 */
export async function hardenHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const https = config.publicBaseUrl.startsWith('https:');
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // HSTS only where the service is really served over https (it would pin localhost otherwise).
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // No Cross-Origin-Opener-Policy: helmet's default (same-origin) cuts the OAuth popup off from
    // its opener (the admin page, possibly on ADMIN_ORIGIN), so the popup could not post its result.
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: config.corsOrigins.length > 0 ? 'cross-origin' : 'same-origin' },
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'if-match', 'x-request-id', 'traceparent'],
      exposedHeaders: ['etag', 'x-request-id', 'retry-after', 'location'],
      maxAge: 600,
    });
  }
  await app.register(rateLimit, { global: false });
  limitRates(app.getHttpAdapter().getInstance(), config);
}

function limitRates(fastify: FastifyInstance, config: AppConfig): void {
  const failedAuth = fastify.createRateLimit({
    max: config.rateLimits.authFailuresPerMinute,
    timeWindow: RATE_WINDOW_MS,
    keyGenerator: (request) => `auth-failures:${request.ip}`,
  });
  const writes = fastify.createRateLimit({
    max: config.rateLimits.writesPerMinute,
    timeWindow: RATE_WINDOW_MS,
    keyGenerator: (request) => `writes:${tokenKey(request)}`,
  });

  fastify.addHook('onRequest', async (request, reply) => {
    if (UNLIMITED_PATHS.test(request.url)) return;
    const failures = await failedAuth(request, { increment: false });
    if (!failures.isAllowed && failures.remaining === 0) {
      sendProblem(
        new TooManyRequestsError(
          'AUTH.TOO_MANY_FAILURES',
          `Too many failed authentications from this address; retry in ${failures.ttlInSeconds} s`,
          failures.ttlInSeconds,
        ),
        request,
        reply,
      );
      return reply;
    }
    if (WRITE_METHODS.has(request.method) && request.headers.authorization) {
      const used = await writes(request);
      if (!used.isAllowed && used.isExceeded) {
        sendProblem(
          new TooManyRequestsError('REQUEST.TOO_MANY_WRITES', `Too many writes with this token; retry in ${used.ttlInSeconds} s`, used.ttlInSeconds),
          request,
          reply,
        );
        return reply;
      }
    }
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 401) await failedAuth(request);
    return payload;
  });
}

function tokenKey(request: FastifyRequest): string {
  return createHash('sha256').update(String(request.headers.authorization)).digest('base64url');
}
