import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holders in control (第二十四条): a student (or guardian) signs in with the key their identity
 * credential is bound to (single-use challenges), sees every disclosure about them (the access
 * log gains the student it concerns), and makes online verification codes for their certificates
 * (kept as digests), each use recorded.
 */
export class HolderAccess1765500000005 implements MigrationInterface {
  name = 'HolderAccess1765500000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE holder_challenges (challenge_digest char(64) PRIMARY KEY, expires_at timestamptz NOT NULL)`);
    await q.query(`ALTER TABLE sharing_access_log ADD COLUMN student_id uuid REFERENCES students(id)`);
    await q.query(`CREATE INDEX sharing_access_log_student ON sharing_access_log (student_id, id) WHERE student_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE verification_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        student_id uuid NOT NULL REFERENCES students(id),
        certificate_id uuid NOT NULL REFERENCES certificates(id),
        code_digest char(64) NOT NULL UNIQUE,
        hint varchar(4) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX verification_codes_student ON verification_codes (student_id, created_at)`);
    await q.query(`CREATE TABLE verification_code_uses (id bigserial PRIMARY KEY, code_id uuid NOT NULL REFERENCES verification_codes(id), at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX verification_code_uses_code ON verification_code_uses (code_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE verification_code_uses`);
    await q.query(`DROP TABLE verification_codes`);
    await q.query(`DROP INDEX sharing_access_log_student`);
    await q.query(`ALTER TABLE sharing_access_log DROP COLUMN student_id`);
    await q.query(`DROP TABLE holder_challenges`);
  }
}
