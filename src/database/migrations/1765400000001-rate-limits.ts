import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request counters of the rate limits, shared by every instance of the service: one row per
 * limit and client (the key is a SHA-256, so no address is stored), counting within a window.
 */
export class RateLimits1765400000001 implements MigrationInterface {
  name = 'RateLimits1765400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limits (
        key char(64) PRIMARY KEY,
        hits integer NOT NULL,
        window_ends timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rate_limits_window ON rate_limits (window_ends)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
  }
}
