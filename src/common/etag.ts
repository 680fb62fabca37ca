import type { FastifyInstance } from 'fastify';
import { etag } from './optimistic-lock.js';

/** OpenAPI description of the ETag response header. */
export const ETAG_HEADER = { ETag: { description: 'The resource version, e.g. "3"', schema: { type: 'string', example: '"3"' } } };

/**
 * Every single-resource response that carries a numeric `version` gets `ETag: "<version>"`.
 * A Fastify hook rather than a Nest interceptor: an interceptor wraps each call in an rxjs
 * pipeline, a measurable cost on the hottest reads (see bench/).
 */
export function sendEtags(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', async (_request, reply, payload: unknown) => {
    const version = (payload as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && reply.statusCode < 300) reply.header('etag', etag(version));
    return payload;
  });
}
