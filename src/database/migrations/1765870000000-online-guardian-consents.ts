import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guardians consent online (issue 11) and withdraw: `guardian_consents` keeps the school's paper
 * consents and now a bound guardian's own, told apart by `source`.
 * - paper: recorded by a school account, with the signer's name and the signed form's SHA-256;
 * - online: given by the guardian's account (`guardian_id`), no name, no form;
 * - `purpose`: what is consented to (the identity credential only, for now);
 * - `withdrawn_at` / `withdrawn_by_guardian`: a withdrawn consent lets no further offer be made.
 * One open online consent per guardian and child.
 */
export class OnlineGuardianConsents1765870000000 implements MigrationInterface {
  name = 'OnlineGuardianConsents1765870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE guardian_consents ADD COLUMN source varchar(8) NOT NULL DEFAULT 'paper' CHECK (source IN ('paper', 'online'))`);
    await q.query(`ALTER TABLE guardian_consents ADD COLUMN purpose varchar(32) NOT NULL DEFAULT 'identity_credential' CHECK (purpose IN ('identity_credential'))`);
    await q.query(`ALTER TABLE guardian_consents ADD COLUMN guardian_id uuid REFERENCES guardian_accounts(id)`);
    await q.query(`ALTER TABLE guardian_consents ADD COLUMN withdrawn_at timestamptz`);
    await q.query(`ALTER TABLE guardian_consents ADD COLUMN withdrawn_by_guardian uuid REFERENCES guardian_accounts(id)`);
    await q.query(`ALTER TABLE guardian_consents ALTER COLUMN guardian_name DROP NOT NULL`);
    await q.query(`ALTER TABLE guardian_consents ALTER COLUMN signed_form_sha256 DROP NOT NULL`);
    await q.query(`ALTER TABLE guardian_consents ALTER COLUMN recorded_by DROP NOT NULL`);
    await q.query(`
      ALTER TABLE guardian_consents ADD CONSTRAINT guardian_consents_by_source CHECK (
        (source = 'paper' AND recorded_by IS NOT NULL AND guardian_name IS NOT NULL AND signed_form_sha256 IS NOT NULL AND guardian_id IS NULL)
        OR (source = 'online' AND guardian_id IS NOT NULL AND recorded_by IS NULL AND guardian_name IS NULL AND signed_form_sha256 IS NULL))`);
    await q.query(`ALTER TABLE guardian_consents ADD CONSTRAINT guardian_consents_withdrawal CHECK ((withdrawn_at IS NULL) = (withdrawn_by_guardian IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX guardian_consents_one_open_online ON guardian_consents (student_id, guardian_id) WHERE source = 'online' AND withdrawn_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX guardian_consents_one_open_online`);
    // Online consents have no place in the older shape: offers made under one keep no consent id.
    await q.query(`UPDATE identity_offers SET consent_id = NULL WHERE consent_id IN (SELECT id FROM guardian_consents WHERE source = 'online')`);
    await q.query(`DELETE FROM guardian_consents WHERE source = 'online'`);
    await q.query(`ALTER TABLE guardian_consents DROP CONSTRAINT guardian_consents_withdrawal`);
    await q.query(`ALTER TABLE guardian_consents DROP CONSTRAINT guardian_consents_by_source`);
    for (const column of ['withdrawn_by_guardian', 'withdrawn_at', 'guardian_id', 'purpose', 'source']) await q.query(`ALTER TABLE guardian_consents DROP COLUMN ${column}`);
    await q.query(`ALTER TABLE guardian_consents ALTER COLUMN recorded_by SET NOT NULL`);
    await q.query(`ALTER TABLE guardian_consents ALTER COLUMN signed_form_sha256 SET NOT NULL`);
    await q.query(`ALTER TABLE guardian_consents ALTER COLUMN guardian_name SET NOT NULL`);
  }
}
