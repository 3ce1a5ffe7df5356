import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A history period's reference to its student may be checked at commit instead of per row, when
 * a transaction asks for it (SET CONSTRAINTS … DEFERRED). Only the student import asks: it copies
 * a batch's first periods while it seals and formats the students, then copies the students
 * (docs/architecture.md, "Student imports"). Every other statement still checks at once
 * (INITIALLY IMMEDIATE), and a period of no student still never commits.
 */
export class ImportPeriodOrder1765870000000 implements MigrationInterface {
  name = 'ImportPeriodOrder1765870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE student_status_periods ALTER CONSTRAINT student_status_periods_student_id_fkey DEFERRABLE INITIALLY IMMEDIATE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE student_status_periods ALTER CONSTRAINT student_status_periods_student_id_fkey NOT DEFERRABLE`);
  }
}
