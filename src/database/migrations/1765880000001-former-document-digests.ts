import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person is registered once under any document they ever carried (第九条): every enrolment,
 * correction and import asks whether a digest is some record's former document. Without an
 * index that question read every former document of the province, once per person asked.
 */
export class FormerDocumentDigests1765880000001 implements MigrationInterface {
  name = 'FormerDocumentDigests1765880000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX student_identity_documents_former_digest ON student_identity_documents (number_digest) WHERE state = 'former'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX student_identity_documents_former_digest`);
  }
}
