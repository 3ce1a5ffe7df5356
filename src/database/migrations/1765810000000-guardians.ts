import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guardians (issue 7) and the record's field and identity-document histories (第十三条).
 *
 * - `guardian_accounts`: people, not organisation accounts; found by a keyed digest of the phone
 *   number, which is kept sealed, never in clear.
 * - `guardian_binding_codes`: one-time codes a school hands over (digest only), single use.
 * - `guardian_bindings`: which guardian follows which student, and as what relation.
 * - `requests` may be submitted by a guardian: `submitted_by` (an account) or
 *   `submitted_by_guardian`, exactly one, each with its foreign key.
 * - `student_field_changes`: a correction's fields, proposed while its request is open and
 *   applied (with the old value) on approval; personal values sealed.
 * - `student_identity_documents`: the documents a record carried before an identity-document
 *   change (with the nationality they stated), their validity and the request that replaced
 *   them; and the one an open request proposes.
 */
export class Guardians1765810000000 implements MigrationInterface {
  name = 'Guardians1765810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guardian_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone_digest char(64) NOT NULL UNIQUE,
        phone_sealed bytea NOT NULL,
        password_hash varchar(200) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
        token_version integer NOT NULL DEFAULT 1,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE guardian_binding_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        student_id uuid NOT NULL REFERENCES students(id),
        relation varchar(16) NOT NULL,
        code_digest char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        used_by uuid REFERENCES guardian_accounts(id),
        CHECK ((used_at IS NULL) = (used_by IS NULL))
      )`);
    await q.query(`
      CREATE TABLE guardian_bindings (
        guardian_id uuid NOT NULL REFERENCES guardian_accounts(id),
        student_id uuid NOT NULL REFERENCES students(id),
        relation varchar(16) NOT NULL,
        code_id uuid NOT NULL REFERENCES guardian_binding_codes(id),
        bound_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (guardian_id, student_id)
      )`);
    await q.query(`CREATE INDEX guardian_bindings_student ON guardian_bindings (student_id)`);
    await q.query(`ALTER TABLE requests ALTER COLUMN submitted_by DROP NOT NULL`);
    await q.query(`ALTER TABLE requests ADD COLUMN submitted_by_guardian uuid REFERENCES guardian_accounts(id)`);
    await q.query(`ALTER TABLE requests ADD CONSTRAINT requests_one_submitter CHECK (num_nonnulls(submitted_by, submitted_by_guardian) = 1)`);
    await q.query(`
      CREATE TABLE student_field_changes (
        id bigserial PRIMARY KEY,
        student_id uuid NOT NULL REFERENCES students(id),
        request_id uuid NOT NULL REFERENCES requests(id),
        field varchar(40) NOT NULL,
        personal boolean NOT NULL,
        old_value text,
        old_sealed bytea,
        new_value text,
        new_sealed bytea,
        applied_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (personal = (new_value IS NULL AND new_sealed IS NOT NULL)),
        UNIQUE (request_id, field)
      )`);
    await q.query(`CREATE INDEX student_field_changes_student ON student_field_changes (student_id, id)`);
    await q.query(`
      CREATE TABLE student_identity_documents (
        id bigserial PRIMARY KEY,
        student_id uuid NOT NULL REFERENCES students(id),
        request_id uuid NOT NULL REFERENCES requests(id),
        state varchar(16) NOT NULL CHECK (state IN ('proposed', 'former')),
        document_type varchar(32) NOT NULL,
        nationality char(3),
        number_digest char(64) NOT NULL,
        number_sealed bytea NOT NULL,
        valid_from date,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (state = 'proposed' OR valid_to IS NOT NULL),
        UNIQUE (request_id, state)
      )`);
    await q.query(`CREATE INDEX student_identity_documents_student ON student_identity_documents (student_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE student_identity_documents`);
    await q.query(`DROP TABLE student_field_changes`);
    await q.query(`ALTER TABLE requests DROP CONSTRAINT requests_one_submitter`);
    await q.query(`ALTER TABLE requests DROP COLUMN submitted_by_guardian`);
    await q.query(`ALTER TABLE requests ALTER COLUMN submitted_by SET NOT NULL`);
    await q.query(`DROP TABLE guardian_bindings`);
    await q.query(`DROP TABLE guardian_binding_codes`);
    await q.query(`DROP TABLE guardian_accounts`);
  }
}
