import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { AccountBudgetService } from './account-budget.js';
import { HostDailyLimitReached } from './host-limits.js';

/** A host's published limits per site (AroFlo: 3 a second, 120 a minute, 2,000 a day from 00:00 Australia/Melbourne). */
export interface RateLimits {
  readonly perSecond: number;
  readonly perMinute: number;
  readonly perDay: number;
  /** The IANA zone whose midnight resets the daily count. */
  readonly dayTimeZone: string;
  /**
   * Added to the one-second and one-minute windows: a slot is taken a little before the request
   * reaches the host, and the host counts arrivals, so calls spaced exactly one window apart here
   * could arrive closer together there.
   */
  readonly marginMs: number;
}

/** Takes one call of a site's budget, waiting for a slot; throws HostDailyLimitReached when the day's calls are spent. */
export interface CallBudget {
  take(siteKey: string, limits: RateLimits): Promise<void>;
}

export interface DailyBudget {
  readonly limit: number;
  readonly used: number;
  readonly remaining: number;
  /** When the daily count starts again at 0. */
  readonly resetsAt: Date;
}

interface BudgetRow {
  recent: string[];
  used_today: number;
  now_ms: string;
  tomorrow: Date;
}

/** Waits longer than this are cut into steps, so the row is looked at again (another worker may have given up its slot). */
const MAX_WAIT_STEP_MS = 5_000;

/**
 * A call budget per host site shared by every worker process through PostgreSQL: one row per site
 * (`host_rate_budgets`) with the times of its calls of the last minute and its count for the day.
 * Taking a call locks the row for one short transaction (no lock is held while waiting), so no two
 * workers take the same slot; the windows slide (any second, any minute), on the database's clock.
 */
export class PgRateBudget implements CallBudget {
  constructor(private readonly dataSource: DataSource) {}

  async take(siteKey: string, limits: RateLimits): Promise<void> {
    for (;;) {
      const waitMs = await this.dataSource.transaction((manager) => this.tryTake(manager, siteKey, limits));
      if (waitMs === 0) return;
      await sleep(Math.min(waitMs, MAX_WAIT_STEP_MS) + Math.random() * 20);
    }
  }

  /** What is left of the site's day; a site never called has its whole budget. */
  async remaining(siteKey: string, limits: RateLimits): Promise<DailyBudget> {
    const [row]: Array<{ used_today: number | null; tomorrow: Date }> = await this.dataSource.query(
      `SELECT (SELECT CASE WHEN b.day_start = ${TODAY} THEN b.day_used ELSE 0 END FROM host_rate_budgets b WHERE b.site_key = $1) AS used_today,
              ${TOMORROW} AS tomorrow`,
      [siteKey, limits.dayTimeZone],
    );
    const used = Math.min(limits.perDay, row.used_today ?? 0);
    return { limit: limits.perDay, used, remaining: limits.perDay - used, resetsAt: row.tomorrow };
  }

  /** 0 when a call was taken, else how long to wait before trying again. */
  private async tryTake(manager: EntityManager, siteKey: string, limits: RateLimits): Promise<number> {
    await manager.query(`INSERT INTO host_rate_budgets (site_key, day_start) VALUES ($1, ${TODAY}) ON CONFLICT (site_key) DO NOTHING`, [siteKey, limits.dayTimeZone]);
    const [row]: BudgetRow[] = await manager.query(
      `SELECT recent::text[] AS recent, CASE WHEN day_start = ${TODAY} THEN day_used ELSE 0 END AS used_today,
              (extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS now_ms, ${TOMORROW} AS tomorrow
       FROM host_rate_budgets WHERE site_key = $1 FOR UPDATE`,
      [siteKey, limits.dayTimeZone],
    );
    if (row.used_today >= limits.perDay) {
      throw new HostDailyLimitReached(`The ${limits.perDay} calls of today are spent for this site; they are available again at ${row.tomorrow.toISOString()}`, row.tomorrow);
    }
    const now = Number(row.now_ms);
    const minute = 60_000 + limits.marginMs;
    const second = 1_000 + limits.marginMs;
    const recent = row.recent.map(Number).filter((at) => at > now - minute);
    const inSecond = recent.filter((at) => at > now - second);
    let waitMs = 0;
    if (inSecond.length >= limits.perSecond) waitMs = inSecond[inSecond.length - limits.perSecond] + second - now;
    if (recent.length >= limits.perMinute) waitMs = Math.max(waitMs, recent[recent.length - limits.perMinute] + minute - now);
    if (waitMs > 0) return Math.ceil(waitMs);
    recent.push(now);
    await manager.query(
      `UPDATE host_rate_budgets SET recent = $3::bigint[], day_used = $4, day_start = ${TODAY}, updated_at = now() WHERE site_key = $1`,
      [siteKey, limits.dayTimeZone, recent.slice(-limits.perMinute).map(String), row.used_today + 1],
    );
    return 0;
  }
}

/** 00:00 of today and of tomorrow in the zone `$2`, as instants. */
const TODAY = `(date_trunc('day', clock_timestamp() AT TIME ZONE $2) AT TIME ZONE $2)`;
const TOMORROW = `((date_trunc('day', clock_timestamp() AT TIME ZONE $2) + interval '1 day') AT TIME ZONE $2)`;

const BUDGETS = new WeakMap<AppConfig, CallBudget>();

/**
 * The shared budget of the application that `config` belongs to. Host readers receive the
 * application's config (HostAdapter.readerCredentials), not its providers, so the service
 * registers itself here when it is created.
 */
export function budgetFor(config: AppConfig): CallBudget {
  const budget = BUDGETS.get(config);
  if (!budget) throw new Error('No rate budget is registered for this application (RateBudgetModule is not loaded)');
  return budget;
}

@Injectable()
export class RateBudgetService extends PgRateBudget {
  constructor(@InjectDataSource() dataSource: DataSource, config: AppConfig) {
    super(dataSource);
    BUDGETS.set(config, this);
  }
}

/** The shared budgets: per host site (calls a second, minute and day: AroFlo) and per upstream account (token buckets: BigCommerce, Square). */
@Module({ providers: [RateBudgetService, AccountBudgetService], exports: [RateBudgetService, AccountBudgetService] })
export class RateBudgetModule {}
