import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Student numbers count per province and year (`registry/student-numbers.ts`): the number
 * already carries both (S PP YYYY NNNNNNNNN C), so its nine digits need only be unique within
 * them. One national sequence gave the whole country 10⁹ numbers — about fifty years of
 * entrants — and made every number taken for work that was then abandoned (a rejected import)
 * a loss to all of it.
 *
 * A counter row is made the first time its province and year take a number, and starts above
 * the old sequence's last value, so it can never hand out a number the sequence gave. The
 * sequence stays as that floor and is no longer drawn from.
 */
export class StudentNumberCounters1765890000000 implements MigrationInterface {
  name = 'StudentNumberCounters1765890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE student_number_counters (
        province_code char(2) NOT NULL,
        year smallint NOT NULL,
        last_sequence bigint NOT NULL,
        PRIMARY KEY (province_code, year),
        CONSTRAINT student_number_counters_nine_digits CHECK (last_sequence BETWEEN 1 AND 999999999)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Numbers the counters gave may lie above the sequence: it restarts above all of them.
    await q.query(`
      SELECT setval('student_number_seq', GREATEST((SELECT last_value FROM student_number_seq), (SELECT max(last_sequence) FROM student_number_counters)))
       WHERE EXISTS (SELECT 1 FROM student_number_counters)`);
    await q.query(`DROP TABLE student_number_counters`);
  }
}
