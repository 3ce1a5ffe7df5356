import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The province key on the register's other hot tables (issue 8, docs/scaling.md): what a national
 * deployment partitions (PostgreSQL) and distributes (Citus) by, so that a province's rows live
 * together and no hot path joins across provinces.
 *
 * - Tables with a path of their own take it, as `students` does, as a stored generated column
 *   (the two province digits of the path; empty for the national level), which can never
 *   disagree with the path: `certificates` and `audit_entries` (the record's school or scope),
 *   `requests` (the asking organisation), `record_reads` (the reading account's organisation).
 * - The rows that hang off a student (`student_status_periods`, `student_guardian_contacts`)
 *   carry the student's own key, held to it by their foreign key, now on (student, province)
 *   with ON UPDATE CASCADE: a writer that names another province is refused, and a transfer
 *   across provinces, which changes the student's path and so its key, moves them with it.
 */
const FROM_PATH: Array<[table: string, path: string]> = [
  ['certificates', 'scope_path'],
  ['audit_entries', 'scope_path'],
  ['requests', 'submitted_path'],
  ['record_reads', 'actor_path'],
];
const OF_STUDENT = ['student_status_periods', 'student_guardian_contacts'];

export class ProvinceKeys1765880000002 implements MigrationInterface {
  name = 'ProvinceKeys1765880000002';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, path] of FROM_PATH) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN province_code char(2) GENERATED ALWAYS AS (substr(${path}, 9, 2)) STORED`);
    }
    await q.query(`ALTER TABLE students ADD CONSTRAINT students_id_province_key UNIQUE (id, province_code)`);
    for (const table of OF_STUDENT) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN province_code char(2)`);
      await q.query(`UPDATE ${table} t SET province_code = s.province_code FROM students s WHERE s.id = t.student_id`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN province_code SET NOT NULL`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_student_id_fkey`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_student_province_fkey
           FOREIGN KEY (student_id, province_code) REFERENCES students (id, province_code) ON UPDATE CASCADE`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of OF_STUDENT) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_student_province_fkey`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_student_id_fkey FOREIGN KEY (student_id) REFERENCES students (id)`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN province_code`);
    }
    await q.query(`ALTER TABLE students DROP CONSTRAINT students_id_province_key`);
    for (const [table] of FROM_PATH) await q.query(`ALTER TABLE ${table} DROP COLUMN province_code`);
  }
}
