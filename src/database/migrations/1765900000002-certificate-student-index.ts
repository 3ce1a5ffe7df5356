import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every certificate went into two indexes by student: the one-valid-per-kind unique index (all
 * but revoked ones) and a plain one. The plain one is replaced by a partial index of the revoked
 * ones only, which an issuance never writes to: a student's certificates are read from both
 * partial indexes (certificates.service.ts, `byStudent`), and a batch writes one index entry
 * fewer per certificate. No student is ever deleted, so the foreign key from certificates needs
 * no index of its own to check a deletion.
 */
export class CertificateStudentIndex1765900000002 implements MigrationInterface {
  name = 'CertificateStudentIndex1765900000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX certificates_student_revoked ON certificates (student_id) WHERE status = 'revoked'`);
    await q.query(`DROP INDEX certificates_student`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX certificates_student ON certificates (student_id)`);
    await q.query(`DROP INDEX certificates_student_revoked`);
  }
}
