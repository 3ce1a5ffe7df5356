import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Placements: each period of a record's history says where the student was, not only in what
 * status — school, stage and grade (第七、十二、十四、十五条: transfers, mergers, progression and
 * promotion move a record; its history keeps where it was). A period is a snapshot of the record
 * taken when it opens; "where was this student on 2026-03-01" reads one row. Existing periods
 * take the record's present placement (nothing has moved a record before this migration).
 */
export class Placements1765790000000 implements MigrationInterface {
  name = 'Placements1765790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE student_status_periods
        ADD COLUMN school_id uuid REFERENCES organisations(id),
        ADD COLUMN education_stage varchar(16),
        ADD COLUMN grade smallint`);
    await q.query(`
      UPDATE student_status_periods p SET school_id = s.school_id, education_stage = s.education_stage, grade = s.grade
        FROM students s WHERE s.id = p.student_id`);
    await q.query(`
      ALTER TABLE student_status_periods
        ALTER COLUMN school_id SET NOT NULL,
        ALTER COLUMN education_stage SET NOT NULL,
        ALTER COLUMN grade SET NOT NULL`);
    await q.query(`CREATE INDEX student_status_periods_school ON student_status_periods (school_id, from_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE student_status_periods DROP COLUMN school_id, DROP COLUMN education_stage, DROP COLUMN grade`);
  }
}
