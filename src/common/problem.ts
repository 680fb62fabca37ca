import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QueryFailedError } from 'typeorm';
import { DomainError, ValidationFailedError } from './errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class FieldErrorDto {
  @ApiProperty({ example: 'pageSize' })
  readonly field: string;

  @ApiProperty({ example: 'pageSize must not be greater than 100' })
  readonly message: string;
}

/** RFC 7807 problem details, as every error of this API is answered. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:connector-hub:problem:request.validation-failed', format: 'uri' })
  readonly type: string;

  @ApiProperty({ example: 'Bad Request' })
  readonly title: string;

  @ApiProperty({ example: 400, minimum: 400, maximum: 599 })
  readonly status: number;

  @ApiProperty({ example: 'The request is invalid: pageSize: pageSize must not be greater than 100' })
  readonly detail: string;

  @ApiProperty({ example: '/tenantintegrations', description: 'The request path this problem occurred on' })
  readonly instance: string;

  @ApiProperty({ example: '2022-10-28T18:39:21.000Z', format: 'date-time' })
  readonly timestamp: string;

  @ApiProperty({ example: 'e68cae3b-3c77-4fed-93d3-1765c24fd6e8', description: 'Also sent as the x-request-id header and in every log line of the request' })
  readonly traceId: string;

  @ApiPropertyOptional({ example: 'REQUEST.VALIDATION_FAILED', description: 'Stable machine-readable code' })
  readonly code?: string;

  @ApiPropertyOptional({ example: 'user1@companyXyz.com', description: 'The caller (subject) that encountered the problem' })
  readonly encounteredBy?: string;

  @ApiPropertyOptional({ example: 'user1@companyXyz.com', description: 'Same as encounteredBy, spelled as in the tenant-config spec', deprecated: true })
  readonly ecnounteredBy?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Present on validation problems: one entry per invalid field' })
  readonly errors?: FieldErrorDto[];

  @ApiPropertyOptional({ example: 3, description: 'Present on version conflicts: the resource version to retry with' })
  readonly currentVersion?: number;
}

export interface ProblemContext {
  readonly path: string;
  readonly traceId: string;
  readonly subject?: string;
}

export interface Problem {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The original error, worth a stack trace in the log (server-side failures only). */
  readonly internal?: unknown;
}

/** Postgres error codes that mean the input was bad or conflicting, never a server fault. */
const PG_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'RESOURCE.ALREADY_EXISTS', 'A resource with the same unique values already exists'],
  '23503': [409, 'RESOURCE.REFERENCE_CONFLICT', 'The resource refers to, or is referred to by, another resource'],
  '23502': [400, 'REQUEST.MISSING_VALUE', 'A required value is missing'],
  '23514': [400, 'REQUEST.CONSTRAINT_VIOLATED', 'A value is outside the allowed range'],
  '22001': [400, 'REQUEST.VALUE_TOO_LONG', 'A value is longer than allowed'],
  '22P02': [400, 'REQUEST.MALFORMED_VALUE', 'A value is malformed'],
  '22007': [400, 'REQUEST.MALFORMED_VALUE', 'A date or time value is malformed'],
  '22008': [400, 'REQUEST.MALFORMED_VALUE', 'A date or time value is out of range'],
  '22003': [400, 'REQUEST.VALUE_OUT_OF_RANGE', 'A number is out of range'],
  '40001': [409, 'RESOURCE.CONCURRENT_UPDATE', 'The resource was changed concurrently; retry the request'],
  '40P01': [409, 'RESOURCE.CONCURRENT_UPDATE', 'The resource was changed concurrently; retry the request'],
};

export function toProblem(error: unknown, context: ProblemContext): Problem {
  const base = {
    instance: context.path,
    timestamp: new Date().toISOString(),
    traceId: context.traceId,
    ...(context.subject ? { encounteredBy: context.subject, ecnounteredBy: context.subject } : {}),
  };
  // Extensions never replace a member of RFC 7807 or of this API's problem (a service once sent
  // `status: "succeeded"` as an extension, and the problem's status was no longer a number).
  const problem = (status: number, code: string | undefined, detail: string, extra: Record<string, unknown> = {}) => ({
    status,
    body: {
      ...withoutReserved(extra),
      type: code ? `urn:connector-hub:problem:${code.toLowerCase().replace(/_/g, '-')}` : 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      ...base,
      ...(code ? { code } : {}),
    },
  });

  if (error instanceof DomainError) {
    const errors = error instanceof ValidationFailedError ? { errors: error.errors } : {};
    return problem(error.status, error.code, error.message, { ...error.extensions, ...errors });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const extra = typeof response === 'object' && response && 'extensions' in response ? (response.extensions as Record<string, unknown>) : {};
    const result = problem(status, undefined, httpDetail(status, response), extra);
    return status >= 500 ? { ...result, internal: error } : result;
  }
  if (isDatabaseUnavailable(error)) {
    return problem(503, 'SERVER.DATABASE_UNAVAILABLE', 'The database is temporarily unreachable; retry the request shortly.', {});
  }
  if (error instanceof QueryFailedError) {
    const mapped = PG_CLIENT_ERRORS[(error.driverError as { code?: string })?.code ?? ''];
    if (mapped) return problem(mapped[0], mapped[1], mapped[2]);
  }
  const fastifyStatus = (error as { statusCode?: number })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    // Errors from the HTTP layer itself (malformed JSON, body too large, unsupported media type).
    return problem(fastifyStatus, undefined, (error as Error).message);
  }
  return {
    ...problem(500, 'SERVER.UNEXPECTED', 'An unexpected error occurred. Quote the traceId when reporting it.'),
    internal: error,
  };
}

/** Connection-level failures: the request may succeed when retried, so they are 503, not 500. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/;

function isDatabaseUnavailable(error: unknown): boolean {
  const cause = error instanceof QueryFailedError ? (error.driverError as Error & { code?: string }) : (error as Error & { code?: string });
  if (!cause || typeof cause !== 'object') return false;
  return UNAVAILABLE_CODES.has(cause.code ?? '') || UNAVAILABLE_MESSAGES.test(cause.message ?? '');
}

const RESERVED_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'timestamp', 'traceId', 'code', 'encounteredBy', 'ecnounteredBy']);

function withoutReserved(extra: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extra).filter(([key]) => !RESERVED_MEMBERS.has(key)));
}

function httpDetail(status: number, response: string | object): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return STATUS_CODES[status] ?? 'Error';
}
