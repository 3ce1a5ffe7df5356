import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A certificate names the account that issued it and the authority it issued for, and the account
 * is always one of that authority's (the single route, corrections and leaver lists all issue as
 * the caller's own organisation). One foreign key on the pair says so — a stronger rule than the
 * two it replaces (account exists; organisation exists), since the organisation follows from the
 * account's own foreign key — and is one check per inserted certificate instead of two (a batch
 * inserts them by the thousand; each check is a query of its own).
 */
export class CertificateIssuingAccount1765900000001 implements MigrationInterface {
  name = 'CertificateIssuingAccount1765900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD CONSTRAINT accounts_id_organisation_key UNIQUE (id, organisation_id)`);
    // Added unchecked, then validated: validation does not block writes to certificates.
    await q.query(
      `ALTER TABLE certificates ADD CONSTRAINT certificates_issued_by_account_of_issuer
         FOREIGN KEY (issued_by, issuer_organisation_id) REFERENCES accounts (id, organisation_id) NOT VALID`,
    );
    await q.query(`ALTER TABLE certificates VALIDATE CONSTRAINT certificates_issued_by_account_of_issuer`);
    await q.query(`ALTER TABLE certificates DROP CONSTRAINT certificates_issued_by_fkey, DROP CONSTRAINT certificates_issuer_organisation_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE certificates ADD CONSTRAINT certificates_issued_by_fkey FOREIGN KEY (issued_by) REFERENCES accounts(id),
         ADD CONSTRAINT certificates_issuer_organisation_id_fkey FOREIGN KEY (issuer_organisation_id) REFERENCES organisations(id)`,
    );
    await q.query(`ALTER TABLE certificates DROP CONSTRAINT certificates_issued_by_account_of_issuer`);
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_id_organisation_key`);
  }
}
