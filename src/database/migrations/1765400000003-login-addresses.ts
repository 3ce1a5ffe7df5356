import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login failures and locks per account and client address, and the addresses an account has
 * logged in from (exempt from an account-wide lock). Addresses are kept as SHA-256 only.
 */
export class LoginAddresses1765400000003 implements MigrationInterface {
  name = 'LoginAddresses1765400000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_addresses (
        account_id uuid NOT NULL REFERENCES accounts(id),
        address_key char(64) NOT NULL,
        failures integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_success_at timestamptz,
        PRIMARY KEY (account_id, address_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_addresses`);
  }
}
