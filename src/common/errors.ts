/**
 * Domain errors: services throw these with a stable `code`; the global problem filter is the
 * one place that turns them (and everything else) into `application/problem+json`.
 */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Extra members of the problem document (e.g. `currentVersion`). */
  readonly extensions: Record<string, unknown> = {};

  constructor(
    readonly code: string,
    detail: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
    Object.assign(this.extensions, extensions);
  }
}

export class ValidationFailedError extends DomainError {
  readonly status = 400;
  readonly title = 'Bad Request';
  constructor(
    readonly errors: readonly FieldError[],
    detail = `The request is invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
  ) {
    super('REQUEST.VALIDATION_FAILED', detail);
  }
}

export class BadRequestError extends DomainError {
  readonly status = 400;
  readonly title = 'Bad Request';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = 'Not Found';
  constructor(code: string, resource: string, id: string) {
    super(code, `${resource} ${id} does not exist`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = 'Conflict';
}

export class VersionConflictError extends ConflictError {
  constructor(resource: string, id: string, expectedVersion: number, currentVersion: number) {
    super(
      'RESOURCE.VERSION_CONFLICT',
      `${resource} ${id} is at version ${currentVersion}, not ${expectedVersion}: it was changed by someone else. ` +
        'Read it again and retry with the current version.',
      { currentVersion },
    );
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly title = 'Service Unavailable';
}

/** Too many requests: `retryAfterSeconds` is sent as the Retry-After header. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = 'Too Many Requests';
  constructor(code: string, detail: string, readonly retryAfterSeconds: number) {
    super(code, detail);
  }
}
