import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { etag } from './optimistic-lock.js';

/** Sends `ETag: "<version>"` with every single-resource response that carries a version. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | undefined)?.version;
        if (typeof version === 'number') context.switchToHttp().getResponse<FastifyReply>().header('etag', etag(version));
        return body;
      }),
    );
  }
}

/** OpenAPI description of the ETag response header. */
export const ETAG_HEADER = { ETag: { description: 'The resource version, e.g. "3"', schema: { type: 'string', example: '"3"' } } };
