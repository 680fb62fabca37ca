import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's trace id: the W3C `traceparent` trace id, else a well-formed `x-request-id`,
 * else a new UUID. Anything else a client sends is ignored, so it cannot forge log lines.
 */
export function resolveTraceId(headers: IncomingHttpHeaders): string {
  const traceparent = single(headers['traceparent'])?.trim().toLowerCase();
  const fromTraceparent = traceparent ? TRACEPARENT.exec(traceparent)?.[1] : undefined;
  if (fromTraceparent && !/^0+$/.test(fromTraceparent)) return fromTraceparent;
  const requestId = single(headers['x-request-id'])?.trim();
  if (requestId && REQUEST_ID.test(requestId)) return requestId;
  return randomUUID();
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
