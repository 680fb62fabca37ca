import { setTimeout as sleep } from 'node:timers/promises';

export interface HostRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body, or form fields when `form` is true (OAuth token endpoints). */
  readonly body?: unknown;
  readonly form?: boolean;
}

export interface HostHttpOptions {
  /** Attempts after the first one (AroFlo's `retry_attempts`). */
  readonly retries: number;
  /** Per attempt (AroFlo's `request_timeout_seconds`). */
  readonly timeoutMs: number;
  /** First backoff step; doubled per attempt, with full jitter. */
  readonly baseDelayMs?: number;
  /** Cap of one backoff step. */
  readonly maxDelayMs?: number;
  /** Longest Retry-After the client honours; a host asking for more fails the request. */
  readonly maxRetryAfterMs?: number;
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
/** Query parameters that carry credentials; their values never reach the log. */
const SECRET_PARAMETER = /^(access_token|refresh_token|token|api_?key|key|client_secret|secret|password|signature|code)$/i;

/**
 * HTTP to host systems on Node's fetch: a timeout per attempt; retries with exponential backoff
 * and full jitter on network errors, timeouts, 5xx and 429; `Retry-After` (seconds or an HTTP
 * date) honoured on 429/503 up to a bound. Other 4xx answers are final.
 */
export class HostHttpClient {
  constructor(
    private readonly options: HostHttpOptions,
    private readonly log: (entry: HostCallLog) => void = () => undefined,
  ) {}

  async request<T = unknown>(request: HostRequest): Promise<HostResponse<T>> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const attempts = this.options.retries + 1;
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      const entry = { method, host: url.host, path: loggablePath(url), attempt };
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: { accept: 'application/json', ...contentType(request), ...request.headers },
          body: encodeBody(request),
          signal: AbortSignal.timeout(this.options.timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const reason = describeNetworkError(error, this.options.timeoutMs);
        const last = attempt >= attempts;
        this.log({ ...entry, latencyMs: elapsed(started), outcome: last ? 'failed' : 'retry', error: reason });
        if (last) throw new HostHttpError(`${method} ${url.host}${entry.path} failed after ${attempt} attempt(s): ${reason}`, undefined, undefined, attempt);
        await sleep(this.backoff(attempt));
        continue;
      }
      const body = await readBody(response);
      const retryable = RETRYABLE_STATUS.has(response.status);
      if (response.ok || !retryable || attempt >= attempts) {
        this.log({ ...entry, status: response.status, latencyMs: elapsed(started), outcome: response.ok ? 'ok' : 'failed' });
        if (!response.ok) {
          throw new HostHttpError(`${method} ${url.host}${entry.path} answered ${response.status}`, response.status, body, attempt);
        }
        return { status: response.status, headers: response.headers, body: body as T };
      }
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfter !== undefined && retryAfter > (this.options.maxRetryAfterMs ?? 60_000)) {
        this.log({ ...entry, status: response.status, latencyMs: elapsed(started), outcome: 'failed', error: `Retry-After ${retryAfter} ms exceeds the limit` });
        throw new HostHttpError(`${method} ${url.host}${entry.path} asked to retry after ${Math.ceil(retryAfter / 1000)} s`, response.status, body, attempt);
      }
      this.log({ ...entry, status: response.status, latencyMs: elapsed(started), outcome: 'retry' });
      await sleep(retryAfter ?? this.backoff(attempt));
    }
  }

  /** Full jitter: a random wait between 0 and base * 2^(attempt-1), capped. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.maxDelayMs ?? 30_000, (this.options.baseDelayMs ?? 500) * 2 ** (attempt - 1));
    return Math.random() * ceiling;
  }
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function loggablePath(url: URL): string {
  const params = new URLSearchParams(url.search);
  for (const key of [...params.keys()]) if (SECRET_PARAMETER.test(key)) params.set(key, '[REDACTED]');
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

function contentType(request: HostRequest): Record<string, string> {
  if (request.body === undefined) return {};
  return { 'content-type': request.form ? 'application/x-www-form-urlencoded' : 'application/json' };
}

function encodeBody(request: HostRequest): string | undefined {
  if (request.body === undefined) return undefined;
  if (!request.form) return JSON.stringify(request.body);
  return new URLSearchParams(Object.entries(request.body as Record<string, string>)).toString();
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? 'network error';
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
