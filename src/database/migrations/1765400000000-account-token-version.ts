import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every access token carries its account's token version; raising the version revokes every
 * live token of the account at once (logout, lock-out; later password change, sealing, role
 * change). Tokens stay stateless otherwise: the guard reads the account row anyway.
 */
export class AccountTokenVersion1765400000000 implements MigrationInterface {
  name = 'AccountTokenVersion1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP COLUMN token_version`);
  }
}
