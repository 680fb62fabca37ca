import { setTimeout as sleep } from 'node:timers/promises';
import { parse as parseLosslessJson } from 'lossless-json';
import { Agent, type Dispatcher } from 'undici';

export interface HostRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body, or form fields when `form` is true (OAuth token endpoints). */
  readonly body?: unknown;
  /** A JSON body already serialized (sent as it is, with the JSON content type): large bodies built by the database. */
  readonly jsonText?: string;
  readonly form?: boolean;
  /**
   * POST and PATCH are sent once, whatever happens (a token endpoint burns single-use codes and
   * rotated refresh tokens); true marks such a request safe to retry. GET, PUT and DELETE are retried.
   */
  readonly idempotent?: boolean;
  /**
   * Parse the JSON body so that every number arrives as its exact source text, a string: 12.345678901234567890
   * stays "12.345678901234567890", 1e2 stays "1e2" (not normalised). For money and ids beyond 2^53.
   */
  readonly numbersAsStrings?: boolean;
  /**
   * Headers computed afresh for every attempt, once the query string is final and any rate-limit pause
   * has ended: a request signature over the current time (AroFlo's HMAC). It may wait before it answers
   * (a rate budget shared by every worker); if it throws, the request fails with that error, unretried.
   */
  readonly sign?: (attempt: { readonly method: string; readonly url: URL; readonly attempt: number }) => Record<string, string> | Promise<Record<string, string>>;
  /**
   * The upstream account's share of the host's rate limit, shared with every other client and worker
   * process calling that account: taken before every attempt (retries included, after any pause of
   * this client, before `sign`); if taking throws, the request fails with that error, unretried. Every
   * answer, whatever its status, is shown to it.
   */
  readonly budget?: RequestBudget;
}

/** Reads a header of an answer by name, case-insensitively (a `Headers` is one). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** A rate limit shared beyond one client (see HostRequest.budget). */
export interface RequestBudget {
  /** Resolves when one call may be sent; waits (asleep, holding nothing) while the account has none left. */
  take(): Promise<void>;
  /** What the host answered (its rate-limit headers, a 429); never throws. */
  observe(answer: { readonly status: number; readonly headers: HeaderReader }): Promise<void>;
  /**
   * When the host asks to wait `waitMs` before the next call: an error to fail the request with
   * instead of sleeping (the caller would rather step aside), or undefined to wait it out.
   */
  tooLongToWait?(waitMs: number): Error | undefined;
}

export interface HostHttpOptions {
  /** Attempts after the first one (AroFlo's `retry_attempts`); waits for rate-limit resets do not use them. */
  readonly retries: number;
  /** Per attempt, answer and body together (AroFlo's `request_timeout_seconds`). */
  readonly timeoutMs: number;
  /** First backoff step; doubled per attempt, with full jitter. */
  readonly baseDelayMs?: number;
  /** Cap of one backoff step. */
  readonly maxDelayMs?: number;
  /** Longest Retry-After or rate-limit reset the client honours; a host asking for more fails the request. */
  readonly maxRetryAfterMs?: number;
  /**
   * Headers of a 429 that give the milliseconds until the host's rate-limit window resets; the first
   * present one counts. Default: BigCommerce's `X-Rate-Limit-Time-Reset-Ms`.
   */
  readonly rateLimitResetHeaders?: readonly string[];
  /** How many 429s with a reset (or Retry-After) one request waits out before it fails; default 10. */
  readonly maxRateLimitWaits?: number;
}

export interface HostResponse<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** One line per attempt: what was called and how it went; never headers, bodies or secret parameters. */
export interface HostCallLog {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly status?: number;
  readonly latencyMs: number;
  readonly attempt: number;
  readonly outcome: 'ok' | 'retry' | 'failed';
  readonly error?: string;
  /** On a retry: the wait the host asked for (Retry-After, rate-limit reset) before jitter, or the backoff. */
  readonly waitMs?: number;
}

export class HostHttpError extends Error {
  override name = 'HostHttpError';
  constructor(
    message: string,
    /** The host's status, when it answered. */
    readonly status: number | undefined,
    readonly body: unknown,
    readonly attempts: number,
  ) {
    super(message);
  }
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set(['GET', 'PUT', 'DELETE']);
const DEFAULT_RATE_LIMIT_RESET_HEADERS = ['x-rate-limit-time-reset-ms'];
/** Query parameters that carry credentials; their values never reach the log. */
const SECRET_PARAMETER = /^(access_token|refresh_token|token|api_?key|key|client_secret|secret|password|signature|code)$/i;

/**
 * HTTP to host systems on undici with keep-alive: a timeout per attempt covering the body; retries with
 * exponential backoff and full jitter on network errors, timeouts, 5xx and 429 for idempotent
 * requests. A 429 with a rate-limit reset or Retry-After pauses every request of this client
 * (one per connection) until then; a 503's Retry-After delays that request. Both are bounded by
 * `maxRetryAfterMs` and jittered. Other 4xx answers are final.
 */
export class HostHttpClient {
  private pause: { until: number; spreadMs: number } | undefined;

  constructor(
    private readonly options: HostHttpOptions,
    private readonly log: (entry: HostCallLog) => void = () => undefined,
  ) {}

  async request<T = unknown>(request: HostRequest): Promise<HostResponse<T>> {
    const method = request.method ?? 'GET';
    const url = withQuery(request.url, request.query);
    const retryable = request.idempotent ?? IDEMPOTENT_METHODS.has(method);
    const retries = retryable ? this.options.retries : 0;
    const rateLimitWaits = retryable ? (this.options.maxRateLimitWaits ?? 10) : 0;
    const path = loggablePath(url);
    const name = `${method} ${url.host}${path}`;
    let failures = 0;
    let waits = 0;
    for (let attempt = 1; ; attempt += 1) {
      if (this.pause) await this.pauseEnded();
      if (request.budget) await request.budget.take();
      const signed = request.sign ? await request.sign({ method, url, attempt }) : undefined;
      const started = performance.now();
      const entry = { method, host: url.host, path, attempt };
      let response: RawResponse;
      let body: unknown;
      try {
        response = await send(url, {
          method,
          headers: { accept: 'application/json', ...contentType(request), ...request.headers, ...signed },
          body: encodeBody(request),
          timeoutMs: this.options.timeoutMs,
        });
        body = parseBody(response.text, request.numbersAsStrings ?? false);
      } catch (error) {
        const reason = describeNetworkError(error, this.options.timeoutMs);
        failures += 1;
        if (failures > retries) {
          this.log({ ...entry, latencyMs: elapsed(started), outcome: 'failed', error: reason });
          throw new HostHttpError(`${name} failed after ${attempt} attempt(s): ${reason}`, undefined, undefined, attempt);
        }
        const waitMs = this.backoff(failures);
        this.log({ ...entry, latencyMs: elapsed(started), outcome: 'retry', error: reason, waitMs: Math.round(waitMs) });
        await sleep(waitMs);
        continue;
      }
      const status = response.status;
      // The raw headers, not a Headers object: the budget sees every answer, and building one costs more than reading four values.
      if (request.budget) await request.budget.observe({ status, headers: response.rawHeaders });
      if (response.ok || !RETRYABLE_STATUS.has(status)) {
        this.log({ ...entry, status, latencyMs: elapsed(started), outcome: response.ok ? 'ok' : 'failed' });
        if (!response.ok) throw new HostHttpError(`${name} answered ${status}`, status, body, attempt);
        const raw = response;
        return { status, get headers() { return raw.headers; }, body: body as T };
      }

      const asked = this.askedWait(response);
      const stepAside = status === 429 && asked !== undefined ? request.budget?.tooLongToWait?.(asked) : undefined;
      if (stepAside) {
        this.pauseFor(asked!);
        this.log({ ...entry, status, latencyMs: elapsed(started), outcome: 'failed', error: `asked to wait ${asked} ms: the caller steps aside` });
        throw stepAside;
      }
      if (asked !== undefined && asked > (this.options.maxRetryAfterMs ?? 60_000)) {
        this.log({ ...entry, status, latencyMs: elapsed(started), outcome: 'failed', error: `asked to wait ${asked} ms, over the limit` });
        throw new HostHttpError(`${name} asked to retry after ${Math.ceil(asked / 1000)} s`, status, body, attempt);
      }
      const rateLimited = status === 429 && asked !== undefined;
      if (rateLimited) {
        this.pauseFor(asked);
        waits += 1;
      } else {
        failures += 1;
      }
      if (rateLimited ? waits > rateLimitWaits : failures > retries) {
        this.log({ ...entry, status, latencyMs: elapsed(started), outcome: 'failed' });
        throw new HostHttpError(`${name} answered ${status}`, status, body, attempt);
      }
      const waitMs = asked ?? this.backoff(failures);
      this.log({ ...entry, status, latencyMs: elapsed(started), outcome: 'retry', waitMs: Math.round(waitMs) });
      // A rate-limited request waits in pauseEnded(), with everyone else.
      if (!rateLimited) await sleep(asked === undefined ? waitMs : withJitter(waitMs));
    }
  }

  /** The host's own wait: on a 429 the later of a rate-limit reset and Retry-After; on a 503 Retry-After. */
  private askedWait(response: RawResponse): number | undefined {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (response.status !== 429) return response.status === 503 ? retryAfter : undefined;
    const reset = (this.options.rateLimitResetHeaders ?? DEFAULT_RATE_LIMIT_RESET_HEADERS)
      .map((header) => response.headers.get(header)?.trim())
      .find((value) => value !== undefined && /^\d+$/.test(value));
    if (reset === undefined) return retryAfter;
    return Math.max(Number(reset), retryAfter ?? 0);
  }

  private pauseFor(waitMs: number): void {
    const until = performance.now() + waitMs;
    if (this.pause && this.pause.until >= until) return;
    this.pause = { until, spreadMs: jitterSpread(waitMs) };
  }

  /** Each waiter leaves at its own random point of the spread, so they do not all return at one instant. */
  private async pauseEnded(): Promise<void> {
    while (this.pause && this.pause.until > performance.now()) {
      await sleep(this.pause.until - performance.now() + Math.random() * this.pause.spreadMs);
    }
  }

  /** Full jitter: a random wait between 0 and base * 2^(attempt-1), capped. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.maxDelayMs ?? 30_000, (this.options.baseDelayMs ?? 500) * 2 ** (attempt - 1));
    return Math.random() * ceiling;
  }
}

const WEEKDAY = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
const IMF_FIXDATE = new RegExp(`^${WEEKDAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`);
const RFC_850 = new RegExp(`^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${WEEKDAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`);

/**
 * Retry-After as milliseconds from now: delta-seconds or an HTTP date (IMF-fixdate, RFC 850, asctime);
 * undefined when absent or anything else ("1.5" and "-1" included, which Date.parse would take).
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // asctime has no zone; HTTP dates are GMT, while Date.parse would read it as local time.
  const date = IMF_FIXDATE.test(text) || RFC_850.test(text) ? Date.parse(text) : ASCTIME.test(text) ? Date.parse(`${text} GMT`) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait plus a random 0–20 % of it, at most one second more. */
export function withJitter(waitMs: number, random: () => number = Math.random): number {
  return waitMs + random() * jitterSpread(waitMs);
}

function jitterSpread(waitMs: number): number {
  return Math.min(waitMs * 0.2, 1000);
}

/**
 * The request's URL with its query parameters set (each replacing any of that name already there),
 * encoded as URLSearchParams encodes them. A URL without a query gets it in one assignment rather
 * than a re-serialisation per parameter.
 */
function withQuery(base: string, query: HostRequest['query']): URL {
  const url = new URL(base);
  const entries = Object.entries(query ?? {}).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined);
  if (entries.length === 0) return url;
  if (url.search === '' && !base.includes('?')) {
    try {
      url.search = entries.map(([key, value]) => `${formEncode(key)}=${formEncode(String(value))}`).join('&');
      return url;
    } catch {
      // a lone surrogate: URLSearchParams knows what to do with it
    }
  }
  for (const [key, value] of entries) url.searchParams.set(key, String(value));
  return url;
}

const FORM_SAFE = /^[A-Za-z0-9*._-]*$/;

/** application/x-www-form-urlencoded, byte for byte as URLSearchParams writes it. */
function formEncode(text: string): string {
  if (FORM_SAFE.test(text)) return text;
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function loggablePath(url: URL): string {
  let secret = false;
  for (const key of url.searchParams.keys()) secret ||= SECRET_PARAMETER.test(key);
  if (!secret) return `${url.pathname}${url.search}`;
  const params = new URLSearchParams(url.search);
  for (const key of [...params.keys()]) if (SECRET_PARAMETER.test(key)) params.set(key, '[REDACTED]');
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

function contentType(request: HostRequest): Record<string, string> {
  if (request.jsonText !== undefined) return { 'content-type': 'application/json' };
  if (request.body === undefined) return {};
  return { 'content-type': request.form ? 'application/x-www-form-urlencoded' : 'application/json' };
}

function encodeBody(request: HostRequest): string | undefined {
  if (request.jsonText !== undefined) return request.jsonText;
  if (request.body === undefined) return undefined;
  if (!request.form) return JSON.stringify(request.body);
  return new URLSearchParams(Object.entries(request.body as Record<string, string>)).toString();
}

function parseBody(text: string, numbersAsStrings: boolean): unknown {
  if (!text) return undefined;
  try {
    if (!numbersAsStrings) return JSON.parse(text);
    // The last of duplicate keys wins, as with JSON.parse (lossless-json would throw).
    return parseLosslessJson(text, null, { parseNumber: (number) => number, onDuplicateKey: ({ newValue }) => newValue });
  } catch {
    return text;
  }
}

interface RawResponse {
  readonly status: number;
  readonly ok: boolean;
  /** Built on first use: most answers are never asked for a header. */
  readonly headers: Headers;
  /** The same headers read where they are, without building a Headers object. */
  readonly rawHeaders: HeaderReader;
  readonly text: string;
}

// Keep-alive connections shared by every client of the process, on undici: a request costs about a
// quarter less CPU than on node:http (and a third of fetch), on this side and on the host's, which is
// what a page of orders with three detail requests each is made of.
const DISPATCHER = new Agent({ connections: 64, keepAliveTimeout: 10_000 });

/**
 * One request and its whole body within `timeoutMs` (redirects are answers, not followed), on the
 * dispatcher's own handler interface: no stream per body and no AbortSignal per request (each costs
 * more CPU than the request's I/O here). The deadline is one timer, cleared as soon as the attempt
 * ends (AbortSignal.timeout() would keep each request's objects reachable for the whole timeout).
 */
function send(url: URL, init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let expired: DOMException | undefined;
    let status = 0;
    let rawHeaders: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      expired = timeoutError(init.timeoutMs);
      reject(expired);
      controller?.abort(expired);
    }, init.timeoutMs);
    DISPATCHER.dispatch(
      {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: init.method as Dispatcher.HttpMethod,
        headers: init.headers,
        body: init.body ?? null,
        headersTimeout: init.timeoutMs,
        bodyTimeout: init.timeoutMs,
      },
      {
        onRequestStart(started) {
          controller = started;
          if (expired) started.abort(expired);
        },
        onResponseStart(_controller, statusCode, headers) {
          status = statusCode;
          rawHeaders = headers;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
        },
        onResponseEnd() {
          clearTimeout(timer);
          const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
          let headers: Headers | undefined;
          const raw = rawHeaders;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            text,
            get headers() {
              return (headers ??= toHeaders(raw));
            },
            rawHeaders: { get: (name) => headerValue(raw, name) },
          });
        },
        onResponseError(_controller, error) {
          clearTimeout(timer);
          reject(error);
        },
      },
    );
  });
}

function timeoutError(timeoutMs: number): DOMException {
  return new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError');
}

/** A header as Headers.get answers it: values of a repeated header joined with ", ", null when absent. */
function headerValue(raw: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = raw[name] ?? raw[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return headers;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const name = (error as Error)?.name;
  const code = (error as { code?: string })?.code;
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return (error as { code?: string })?.code ?? cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'network error';
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
