import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search at province scale (issue 8). Listings page in the order (scope_path, student_number)
 * compared byte-wise (COLLATE "C": both are codes, and only the C collation lets a btree serve a
 * LIKE prefix and an ORDER BY whatever the database's locale), so:
 *
 * - `students_keyset`: any subtree's page is one index range from the cursor on — a school's
 *   too, as its records are those whose path is the school's (school_id and scope_path always
 *   move together), so no second keyset index per school is needed;
 * - `students_class`: one school's roster by grade and class (the school's path, grade and class
 *   equal, then in student-number order), the school's most common listing;
 * - `students_status_keyset` (partial, every status but enrolled): a rare status (withdrawn,
 *   suspended, deceased) is a range of its own instead of a filter over the enrolled 97%;
 * - `students_number_prefix` / `students_name_prefix`: a student-number or name prefix anywhere in
 *   the subtree, then the few matching rows sorted; names get a finer histogram (statistics
 *   1000) so the planner sees how rare a prefix is, surnames being very unevenly shared.
 *
 * `province_code` is the key a national deployment partitions and distributes by (docs/scaling.md):
 * the province digits of the school's path, generated from it, so it can never disagree with the
 * path and follows a transfer across provinces by itself.
 */
export class StudentSearch1765860000000 implements MigrationInterface {
  name = 'StudentSearch1765860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE students ADD COLUMN province_code char(2) GENERATED ALWAYS AS (substr(scope_path, 9, 2)) STORED`);
    await q.query(`CREATE INDEX students_keyset ON students (scope_path COLLATE "C", student_number COLLATE "C")`);
    await q.query(`CREATE INDEX students_class ON students (scope_path COLLATE "C", grade, class_name, student_number COLLATE "C")`);
    await q.query(`CREATE INDEX students_status_keyset ON students (status, scope_path COLLATE "C", student_number COLLATE "C") WHERE status <> 'enrolled'`);
    await q.query(`CREATE INDEX students_number_prefix ON students (student_number COLLATE "C")`);
    await q.query(`CREATE INDEX students_name_prefix ON students (name COLLATE "C")`);
    await q.query(`ALTER TABLE students ALTER COLUMN name SET STATISTICS 1000`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE students ALTER COLUMN name SET STATISTICS -1`);
    await q.query(`DROP INDEX students_name_prefix`);
    await q.query(`DROP INDEX students_status_keyset`);
    await q.query(`DROP INDEX students_class`);
    await q.query(`DROP INDEX students_number_prefix`);
    await q.query(`DROP INDEX students_keyset`);
    await q.query(`ALTER TABLE students DROP COLUMN province_code`);
  }
}
