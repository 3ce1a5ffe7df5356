import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account rules of 第二十二、二十四条: activation by the holder (a one-time code kept as a
 * digest; no password until the holder sets one), password age and history, sealing for disuse,
 * an optional second factor (TOTP secret sealed under the master key), registrar filing and
 * training, growing locks per address, and recent login failures for burst warnings.
 * Existing accounts count their password as set when they were created.
 */
export class AccountRules1765600000000 implements MigrationInterface {
  name = 'AccountRules1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_status_check`);
    await q.query(`UPDATE accounts SET status = 'active' WHERE status = 'locked'`);
    await q.query(`ALTER TABLE accounts ALTER COLUMN status TYPE varchar(24)`);
    await q.query(`ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('pending_activation','active','sealed'))`);
    await q.query(`ALTER TABLE accounts ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`
      ALTER TABLE accounts
        ADD COLUMN password_changed_at timestamptz,
        ADD COLUMN password_history jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN activation_digest char(64),
        ADD COLUMN activation_expires_at timestamptz,
        ADD COLUMN activation_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN sealed_at timestamptz,
        ADD COLUMN totp_secret_sealed bytea,
        ADD COLUMN totp_confirmed_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD COLUMN filed_on date,
        ADD COLUMN filing_reference varchar(100),
        ADD COLUMN trained_on date,
        ADD COLUMN training_course varchar(200)`);
    await q.query(`UPDATE accounts SET password_changed_at = created_at WHERE password_hash IS NOT NULL`);
    await q.query(`ALTER TABLE login_addresses ADD COLUMN locks integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        failed_at timestamptz NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts(id),
        organisation_path varchar(80) NOT NULL,
        address_key char(64) NOT NULL
      )`);
    await q.query(`CREATE INDEX login_failures_org ON login_failures (organisation_path, failed_at)`);
    await q.query(`CREATE INDEX login_failures_address ON login_failures (address_key, failed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
    await q.query(`ALTER TABLE login_addresses DROP COLUMN locks`);
    await q.query(`
      ALTER TABLE accounts
        DROP COLUMN password_changed_at, DROP COLUMN password_history, DROP COLUMN activation_digest,
        DROP COLUMN activation_expires_at, DROP COLUMN activation_attempts, DROP COLUMN sealed_at,
        DROP COLUMN totp_secret_sealed, DROP COLUMN totp_confirmed_at, DROP COLUMN totp_last_step,
        DROP COLUMN filed_on, DROP COLUMN filing_reference, DROP COLUMN trained_on, DROP COLUMN training_course`);
    await q.query(`DELETE FROM accounts WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE accounts ALTER COLUMN password_hash SET NOT NULL`);
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_status_check`);
    await q.query(`UPDATE accounts SET status = 'sealed' WHERE status = 'pending_activation'`);
    await q.query(`ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('active','locked','sealed'))`);
  }
}
