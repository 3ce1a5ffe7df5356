import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The student identity credential (学生可信教育数字身份) and its issuance over OpenID4VCI:
 * - guardian_consents: a guardian's consent for a student under 14, recorded by the school
 *   before an offer (who, relation, when, the signed form's SHA-256);
 * - identity_offers: a school's credential offer for one student, with its pre-authorised code
 *   and transaction code kept as SHA-256 digests only, single use, expiring, locked after
 *   repeated wrong transaction codes;
 * - oid4vci_nonces: single-use `c_nonce`s for proofs of possession (digests; consumed by delete);
 * - identity_credentials: each issued copy, its format, holder key and status entry.
 */
export class IdentityCredentials1765300000000 implements MigrationInterface {
  name = 'IdentityCredentials1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guardian_consents (
        id uuid PRIMARY KEY,
        student_id uuid NOT NULL REFERENCES students(id),
        scope_path varchar(80) NOT NULL,
        guardian_name varchar(100) NOT NULL,
        relation varchar(16) NOT NULL CHECK (relation IN ('father','mother','guardian','grandparent','other')),
        signed_form_sha256 char(64) NOT NULL,
        consented_on date NOT NULL,
        recorded_by uuid NOT NULL REFERENCES accounts(id),
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX guardian_consents_student ON guardian_consents (student_id, recorded_at DESC)`);
    await q.query(`
      CREATE TABLE identity_offers (
        id uuid PRIMARY KEY,
        student_id uuid NOT NULL REFERENCES students(id),
        scope_path varchar(80) NOT NULL,
        issuer_organisation_id uuid NOT NULL REFERENCES organisations(id),
        consent_id uuid REFERENCES guardian_consents(id),
        configuration_ids varchar(64)[] NOT NULL,
        pre_authorized_code_digest char(64) NOT NULL UNIQUE,
        tx_code_digest char(64) NOT NULL,
        tx_code_failures smallint NOT NULL DEFAULT 0,
        state varchar(16) NOT NULL DEFAULT 'offered' CHECK (state IN ('offered','redeemed','locked','cancelled')),
        issued_configurations varchar(64)[] NOT NULL DEFAULT '{}',
        created_by uuid NOT NULL REFERENCES accounts(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        redeemed_at timestamptz,
        token_expires_at timestamptz
      )`);
    await q.query(`CREATE INDEX identity_offers_student ON identity_offers (student_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE oid4vci_nonces (
        nonce_digest char(64) PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE identity_credentials (
        id uuid PRIMARY KEY,
        offer_id uuid NOT NULL REFERENCES identity_offers(id),
        student_id uuid NOT NULL REFERENCES students(id),
        scope_path varchar(80) NOT NULL,
        issuer_did varchar(255) NOT NULL,
        format varchar(16) NOT NULL CHECK (format IN ('dc+sd-jwt','ldp_vc')),
        holder_key varchar(255) NOT NULL,
        status_list_seq bigint NOT NULL,
        status_index integer NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        issued_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX identity_credentials_student ON identity_credentials (student_id, issued_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['identity_credentials', 'oid4vci_nonces', 'identity_offers', 'guardian_consents']) await q.query(`DROP TABLE ${table}`);
  }
}
