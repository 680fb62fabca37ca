import { HostHttpError } from './host-http-client.js';

/**
 * The host's daily call budget is spent (AroFlo's body status 7, or the shared rate budget's own
 * daily count): nothing more can be read before `resumeAt`. Not a failure: the run should stop as
 * deferred, keep its checkpoint and resume after `resumeAt`.
 */
export class HostDailyLimitReached extends Error {
  override name = 'HostDailyLimitReached';
  /** For describeFailure, until the runner knows this error: a stable code instead of INTERNAL. */
  readonly code = 'HOST_DAILY_LIMIT';
  constructor(
    message: string,
    readonly resumeAt: Date,
  ) {
    super(message);
  }
}

/**
 * The host refused the credentials in its answer body (AroFlo answers HTTP 200 with a login status).
 * A 401 HostHttpError, so the runner's existing handling applies: renew once, then `auth_error`.
 */
export class HostAuthorizationRefused extends HostHttpError {
  override name = 'HostAuthorizationRefused';
  constructor(
    message: string,
    /** The host's own explanation (AroFlo's `statusmessage`), safe to show: it carries no secret. */
    readonly hostMessage: string,
    readonly hostStatus: string,
    attempts: number,
  ) {
    super(message, 401, undefined, attempts);
  }
}

/** The host answered with an outcome the reader cannot get past (a bad method, an unknown status). */
export class HostRefused extends Error {
  override name = 'HostRefused';
  readonly code = 'HOST_REFUSED';
}
