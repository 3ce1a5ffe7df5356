import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record's status history: one row per period (from_date inclusive, to_date exclusive, open
 * while current) and the request that caused it, so "what was this student's status on a day"
 * has an answer. Record statuses gain 休学, 退学 and 死亡注销 (第十六、十八、二十一条); records are
 * never deleted. Existing records get their history from what they hold: enrolled since
 * enrolment, graduated since the graduation date.
 */
export class RecordStatusPeriods1765700000000 implements MigrationInterface {
  name = 'RecordStatusPeriods1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE students DROP CONSTRAINT IF EXISTS students_status_check`);
    await q.query(
      `ALTER TABLE students ADD CONSTRAINT students_status_check
         CHECK (status IN ('enrolled','graduation_proposed','graduated','suspended','withdrawn','deceased'))`,
    );
    await q.query(`
      CREATE TABLE student_status_periods (
        id bigserial PRIMARY KEY,
        student_id uuid NOT NULL REFERENCES students(id),
        status varchar(24) NOT NULL CHECK (status IN ('enrolled','graduated','suspended','withdrawn','deceased')),
        from_date date NOT NULL,
        to_date date,
        planned_until date,
        request_id uuid REFERENCES requests(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_date IS NULL OR to_date >= from_date)
      )`);
    await q.query(`CREATE INDEX student_status_periods_student ON student_status_periods (student_id, from_date)`);
    await q.query(`CREATE UNIQUE INDEX student_status_periods_one_open ON student_status_periods (student_id) WHERE to_date IS NULL`);
    await q.query(`
      INSERT INTO student_status_periods (student_id, status, from_date, to_date)
      SELECT id, 'enrolled', enrolment_date, CASE WHEN status = 'graduated' THEN graduation_date END FROM students`);
    await q.query(`
      INSERT INTO student_status_periods (student_id, status, from_date)
      SELECT id, 'graduated', graduation_date FROM students WHERE status = 'graduated' AND graduation_date IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE student_status_periods`);
    await q.query(`UPDATE students SET status = 'enrolled' WHERE status = 'suspended'`);
    await q.query(`ALTER TABLE students DROP CONSTRAINT students_status_check`);
    await q.query(`ALTER TABLE students ADD CONSTRAINT students_status_check CHECK (status IN ('enrolled','graduation_proposed','graduated'))`);
  }
}
