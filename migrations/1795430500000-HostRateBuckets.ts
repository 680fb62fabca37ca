import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A token bucket per upstream account (a BigCommerce store, a Square merchant), shared by every
 * worker process: its size and refill (the plan default, or what the host's rate-limit headers
 * said), the tokens at `refilled_at` (negative: calls owed), and until when the host's last 429
 * asked for no calls. UNLOGGED: it is rewritten on nearly every host call, and after a crash it may
 * start again empty (the buckets refill from the plan defaults and the hosts' next answers).
 */
export class HostRateBuckets1795430500000 implements MigrationInterface {
  name = 'HostRateBuckets1795430500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE host_rate_buckets (
        budget_key varchar(128) PRIMARY KEY,
        capacity double precision NOT NULL CHECK (capacity >= 1),
        refill_per_second double precision NOT NULL CHECK (refill_per_second > 0),
        tokens double precision NOT NULL,
        refilled_at timestamptz NOT NULL,
        throttled_until timestamptz,
        throttles bigint NOT NULL DEFAULT 0,
        learned_at timestamptz,
        host_quota integer,
        host_window_ms integer,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE host_rate_buckets`);
  }
}
