import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { parseRetryAfter, type HeaderReader, type RequestBudget } from './host-http-client.js';
import { HostRateLimitWait } from './host-limits.js';

/** A token bucket: up to `capacity` calls at once, then `refillPerSecond`. */
export interface BucketLimits {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** What a host's rate-limit headers said in one answer (each part when present). */
export interface HostRateHeaders {
  /** Calls allowed per window (BigCommerce `X-Rate-Limit-Requests-Quota`). */
  readonly quota?: number;
  /** The window's length (BigCommerce `X-Rate-Limit-Time-Window-Ms`). */
  readonly windowMs?: number;
  /** Calls left in the current window (BigCommerce `X-Rate-Limit-Requests-Left`). */
  readonly left?: number;
  /** Until the window starts again (BigCommerce `X-Rate-Limit-Time-Reset-Ms`). */
  readonly resetMs?: number;
}

/**
 * A host's limit per upstream account (a BigCommerce store, a Square merchant), shared by every
 * connection and worker process that calls that account: the bucket it starts with, and how to
 * read what the host says about it.
 */
export interface AccountRatePolicy {
  /** What one account is at this host, for people: 'store', 'merchant'. */
  readonly account: string;
  /** The bucket before the host's headers said anything (its plan default). */
  readonly defaults: BucketLimits;
  /** Why these defaults, for people (shown by GET /connections/{id}/status). */
  readonly defaultsSource: string;
  /** The host's rate-limit headers of an answer; absent: the host sends none. */
  readHeaders?(headers: HeaderReader): HostRateHeaders | undefined;
  /** How long a 429 without any reset or Retry-After drains the bucket. */
  readonly throttleMs: number;
}

/**
 * The bucket for a host that counts `quota` calls in fixed windows of `windowMs`: a tenth of the
 * quota at once, and eight tenths of it per window as refill. Any span of one window then holds at
 * most nine tenths of the quota, whatever the phase of the host's window, and a tenth is left for
 * the time between a call leaving here and arriving there.
 */
export function bucketForQuota(quota: number, windowMs: number): BucketLimits {
  return { capacity: Math.max(1, Math.floor(quota * BURST_SHARE)), refillPerSecond: Math.max(0.001, (quota * REFILL_SHARE) / (windowMs / 1000)) };
}

const BURST_SHARE = 0.1;
const REFILL_SHARE = 0.8;

/** The budget key of an account: a hash of what names it (no credential), prefixed by the host. */
export function accountBudgetKey(host: string, ...parts: string[]): string {
  return `${host}:${createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32)}`;
}

/** An account's bucket as stored, for the status page. */
export interface BucketState extends BucketLimits {
  /** Calls that could be made now (negative: calls are owed, or the host asked to wait). */
  readonly available: number;
  /** Until when the host asked for no calls (its last 429), if that is still ahead. */
  readonly throttledUntil: Date | null;
  /** The capacity and refill come from the host's own headers, not the plan default. */
  readonly learnedFromHost: boolean;
  /** What the host last said: its quota per window. */
  readonly hostQuota: number | null;
  readonly hostWindowMs: number | null;
  /** 429 answers seen for this account. */
  readonly throttles: number;
}

interface BucketRow {
  reserved: boolean;
  wait_ms: number;
  capacity: number;
  refill_per_second: number;
  host_quota: number | null;
  host_window_ms: number | null;
}

/** A call is reserved only when it may go within this long; a taker further back waits without a reservation. */
const HORIZON_MS = 1_000;
/** A taker without a reservation looks again at least this often. */
const MAX_WAIT_STEP_MS = 5_000;
/**
 * A wait for budget longer than this is not slept through: the run steps aside (HostRateLimitWait,
 * deferred until the wait is over), so that a throttled account does not hold worker slots that other
 * accounts' runs could use. Shorter waits, the pacing of a busy account, are slept.
 */
export const STEP_ASIDE_AFTER_MS = 10_000;
/** Calls a process takes from the shared bucket at once, when the bucket is large, and how long it may keep them. */
const MAX_LEASE = 50;
const LEASE_MS = 1_000;

/** Tokens available at `now` ($now: an expression), from the row `b` as stored. */
const available = (now: string) => `LEAST(b.capacity, b.tokens + b.refill_per_second * GREATEST(0, extract(epoch FROM ${now} - b.refilled_at))::double precision)`;

/**
 * Token buckets per upstream account in PostgreSQL (`host_rate_buckets`), shared by every worker
 * process: the refill is computed from the database's clock, and every change is one statement on
 * the account's row, so no lock is held beyond it and no one waits inside a transaction.
 */
export class PgTokenBuckets {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Reserves `count` calls when they may go within `horizonMs`: one INSERT … ON CONFLICT DO UPDATE
   * that refills, takes and answers how long to wait before the calls (0: now). Tokens may go
   * negative: the calls owed are spaced by the refill. Further back than the horizon nothing is
   * taken, and the wait is only an estimate to look again after.
   */
  async reserve(key: string, defaults: BucketLimits, count: number, horizonMs = HORIZON_MS): Promise<BucketRow> {
    const [row]: BucketRow[] = await this.dataSource.query(
      `WITH taken AS (
         INSERT INTO host_rate_buckets AS b (budget_key, capacity, refill_per_second, tokens, refilled_at)
         VALUES ($1, $2::double precision, $3::double precision, $2::double precision - $4::integer, clock_timestamp())
         ON CONFLICT (budget_key) DO UPDATE
           SET tokens = ${available('EXCLUDED.refilled_at')} - $4,
               refilled_at = GREATEST(b.refilled_at, EXCLUDED.refilled_at),
               capacity = CASE WHEN b.learned_at IS NULL THEN EXCLUDED.capacity ELSE b.capacity END,
               refill_per_second = CASE WHEN b.learned_at IS NULL THEN EXCLUDED.refill_per_second ELSE b.refill_per_second END
           WHERE ${available('EXCLUDED.refilled_at')} - $4 >= -b.refill_per_second * $5::double precision / 1000
         RETURNING true AS reserved, GREATEST(0, -b.tokens / b.refill_per_second * 1000) AS wait_ms,
                   b.capacity, b.refill_per_second, b.host_quota, b.host_window_ms
       )
       SELECT * FROM taken
       UNION ALL
       SELECT false, GREATEST(0, ($4::integer - ${available('clock_timestamp()')}) / b.refill_per_second * 1000), b.capacity, b.refill_per_second, b.host_quota, b.host_window_ms
       FROM host_rate_buckets b WHERE b.budget_key = $1 AND NOT EXISTS (SELECT 1 FROM taken)`,
      [key, defaults.capacity, defaults.refillPerSecond, count, horizonMs],
    );
    // Nothing at all: the row was inserted by another statement after this one's snapshot; look again.
    return row ?? { reserved: false, wait_ms: 0, capacity: defaults.capacity, refill_per_second: defaults.refillPerSecond, host_quota: null, host_window_ms: null };
  }

  /**
   * What the host said in an answer, in one UPDATE: its quota and window set the bucket's size and
   * refill; calls left until its reset cap what may be taken before then; a 429 (`throttled`) drains
   * the bucket until the reset.
   */
  async observe(
    key: string,
    observed: { learned?: BucketLimits & { quota: number; windowMs: number }; left?: number; resetMs?: number; throttled: boolean },
  ): Promise<BucketRow | undefined> {
    const learned = observed.learned;
    const bound = observed.left !== undefined && observed.resetMs !== undefined;
    const [row]: BucketRow[] = await this.dataSource.query(
      `WITH now AS (SELECT clock_timestamp() AS at)
       UPDATE host_rate_buckets b
          SET capacity = COALESCE($2::double precision, b.capacity),
              refill_per_second = COALESCE($3::double precision, b.refill_per_second),
              host_quota = COALESCE($4::integer, b.host_quota),
              host_window_ms = COALESCE($5::integer, b.host_window_ms),
              learned_at = CASE WHEN $2::double precision IS NULL THEN b.learned_at ELSE now.at END,
              tokens = LEAST(COALESCE($2, b.capacity), ${available('now.at')},
                             CASE WHEN $6::double precision IS NULL THEN 'Infinity'::double precision
                                  ELSE $6 - COALESCE($3, b.refill_per_second) * $7::double precision / 1000 END),
              refilled_at = GREATEST(b.refilled_at, now.at),
              throttled_until = CASE WHEN $8::boolean THEN GREATEST(COALESCE(b.throttled_until, now.at), now.at + make_interval(secs => $7 / 1000)) ELSE b.throttled_until END,
              throttles = b.throttles + CASE WHEN $8 THEN 1 ELSE 0 END,
              updated_at = now.at
         FROM now
        WHERE b.budget_key = $1
        RETURNING true AS reserved, 0 AS wait_ms, b.capacity, b.refill_per_second, b.host_quota, b.host_window_ms`,
      [
        key,
        learned?.capacity ?? null,
        learned?.refillPerSecond ?? null,
        learned?.quota ?? null,
        learned?.windowMs ?? null,
        bound ? observed.left : null,
        observed.resetMs ?? 0,
        observed.throttled,
      ],
    );
    return row;
  }

  /** The account's bucket now; one never used is full, at the plan default. */
  async state(key: string, defaults: BucketLimits): Promise<BucketState> {
    const [row]: Array<{ capacity: number; refill_per_second: number; available: number; throttled_until: Date | null; learned: boolean; host_quota: number | null; host_window_ms: number | null; throttles: string }> =
      await this.dataSource.query(
        `SELECT b.capacity, b.refill_per_second, ${available('clock_timestamp()')} AS available,
                CASE WHEN b.throttled_until > clock_timestamp() THEN b.throttled_until END AS throttled_until,
                b.learned_at IS NOT NULL AS learned, b.host_quota, b.host_window_ms, b.throttles::text AS throttles
         FROM host_rate_buckets b WHERE b.budget_key = $1`,
        [key],
      );
    if (!row) return { ...defaults, available: defaults.capacity, throttledUntil: null, learnedFromHost: false, hostQuota: null, hostWindowMs: null, throttles: 0 };
    return {
      capacity: row.capacity,
      refillPerSecond: row.refill_per_second,
      available: row.available,
      throttledUntil: row.throttled_until,
      learnedFromHost: row.learned,
      hostQuota: row.host_quota,
      hostWindowMs: row.host_window_ms,
      throttles: Number(row.throttles),
    };
  }
}

/**
 * One account's share of its bucket in this process: takes before every attempt (waiting, asleep,
 * outside any transaction, when the account has nothing left: other accounts' calls go on), and
 * tells the bucket what the host answered. When the bucket is large (a host that allows thousands
 * of calls a second), calls are taken a few at a time and kept for a second, so a fast host does
 * not cost a statement per call.
 */
export class AccountBudget implements RequestBudget {
  private lease = { calls: 0, until: 0 };
  /** The bucket as the last statement saw it. */
  private known?: BucketRow;

  constructor(
    private readonly buckets: PgTokenBuckets,
    readonly key: string,
    private readonly policy: AccountRatePolicy,
  ) {}

  async take(): Promise<void> {
    for (;;) {
      if (this.lease.calls > 0 && performance.now() < this.lease.until) {
        this.lease.calls -= 1;
        return;
      }
      const count = Math.max(1, Math.min(MAX_LEASE, Math.floor((this.known?.capacity ?? this.policy.defaults.capacity) / 20)));
      const row = await this.buckets.reserve(this.key, this.policy.defaults, count);
      this.known = row;
      if (row.reserved) {
        if (row.wait_ms > 0) await sleep(row.wait_ms);
        // Calls left from an expired lease are not kept: they were counted in a second that is over.
        if (count > 1) this.lease = { calls: count - 1, until: performance.now() + LEASE_MS };
        return;
      }
      const stepAside = this.tooLongToWait(row.wait_ms);
      if (stepAside) throw stepAside;
      // Not reserved: the calls within the horizon are taken. Come back when this one might be among them.
      await sleep(Math.min(MAX_WAIT_STEP_MS, Math.max(10, row.wait_ms - HORIZON_MS)) + Math.random() * HORIZON_MS * 0.5);
    }
  }

  tooLongToWait(waitMs: number): HostRateLimitWait | undefined {
    if (waitMs <= STEP_ASIDE_AFTER_MS) return undefined;
    const resumeAt = new Date(Date.now() + Math.ceil(waitMs));
    return new HostRateLimitWait(`The ${this.policy.account}'s shared rate budget has no call for ${Math.ceil(waitMs / 1000)} s (the host asked to wait); resuming at ${resumeAt.toISOString()}`, resumeAt);
  }

  async observe(answer: { readonly status: number; readonly headers: HeaderReader }): Promise<void> {
    try {
      const said = this.policy.readHeaders?.(answer.headers);
      const learned = said?.quota && said.windowMs ? { ...bucketForQuota(said.quota, said.windowMs), quota: said.quota, windowMs: said.windowMs } : undefined;
      if (answer.status === 429) {
        // Calls kept here were counted before the host said stop: drop them.
        this.lease = { calls: 0, until: 0 };
        const resetMs = said?.resetMs ?? parseRetryAfter(answer.headers.get('retry-after')) ?? this.policy.throttleMs;
        this.known = (await this.buckets.observe(this.key, { learned, left: 0, resetMs, throttled: true })) ?? this.known;
        return;
      }
      if (!said) return;
      const known = this.known;
      const relearn = learned !== undefined && (known?.host_quota !== learned.quota || known?.host_window_ms !== learned.windowMs);
      const limits = learned ?? (known ? { capacity: known.capacity, refillPerSecond: known.refill_per_second } : this.policy.defaults);
      // The host has fewer calls left before its reset than the bucket could hand out meanwhile: cap it.
      const short = said.left !== undefined && said.resetMs !== undefined && said.left - (limits.refillPerSecond * said.resetMs) / 1000 < limits.capacity;
      if (!relearn && !short) return;
      this.known = (await this.buckets.observe(this.key, { learned: relearn ? learned : undefined, left: said.left, resetMs: said.resetMs, throttled: false })) ?? this.known;
    } catch {
      // The answer is what matters; the bucket learns from the next one.
    }
  }
}

const SERVICES = new WeakMap<AppConfig, AccountBudgetService>();

/**
 * The shared budget of one upstream account, for the readers of the application that `config`
 * belongs to (they receive the config, not the providers: see budgetFor); undefined when the
 * application runs without account budgets (`extraction.accountRateBudgets` off, in tests only).
 */
export function accountBudgetFor(config: AppConfig, key: string, policy: AccountRatePolicy): RequestBudget | undefined {
  const service = SERVICES.get(config);
  if (!service) throw new Error('No account rate budget is registered for this application (RateBudgetModule is not loaded)');
  return service.forAccount(key, policy);
}

/** Every account budget of this process: one per account, whichever connections call it. */
@Injectable()
export class AccountBudgetService {
  private readonly buckets: PgTokenBuckets;
  private readonly accounts = new Map<string, AccountBudget>();

  constructor(@InjectDataSource() dataSource: DataSource, private readonly config: AppConfig) {
    this.buckets = new PgTokenBuckets(dataSource);
    SERVICES.set(config, this);
  }

  forAccount(key: string, policy: AccountRatePolicy): RequestBudget | undefined {
    if (!this.config.extraction.accountRateBudgets) return undefined;
    let budget = this.accounts.get(key);
    if (!budget) this.accounts.set(key, (budget = new AccountBudget(this.buckets, key, policy)));
    return budget;
  }

  state(key: string, policy: AccountRatePolicy): Promise<BucketState> {
    return this.buckets.state(key, policy.defaults);
  }
}
