import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Temporary lock-out after repeated failed logins. */
export class AccountLockout1764600000000 implements MigrationInterface {
  name = 'AccountLockout1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN locked_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP COLUMN locked_until`);
  }
}
