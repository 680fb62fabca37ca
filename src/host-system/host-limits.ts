import { HostHttpError } from './host-http-client.js';

/**
 * The host takes no call from this account before `resumeAt`. Not a failure: a run stops as
 * deferred, keeps its checkpoint, gives its worker slot to other accounts' runs and resumes after
 * `resumeAt`.
 */
export abstract class HostCallsUnavailable extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly resumeAt: Date,
  ) {
    super(message);
  }
}

/** The host's daily call budget is spent (AroFlo's body status 7, or the shared rate budget's own daily count). */
export class HostDailyLimitReached extends HostCallsUnavailable {
  override name = 'HostDailyLimitReached';
  /** For describeFailure: a stable code instead of INTERNAL. */
  readonly code = 'HOST_DAILY_LIMIT';
}

/**
 * The account's shared rate budget has nothing for longer than a run should sleep holding a worker
 * slot (a 429 whose reset is far off): the run steps aside until then.
 */
export class HostRateLimitWait extends HostCallsUnavailable {
  override name = 'HostRateLimitWait';
  readonly code = 'HOST_RATE_LIMIT_WAIT';
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
