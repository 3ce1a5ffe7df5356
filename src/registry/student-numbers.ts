import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../database/rows.js';
import { formatStudentNumber } from './domain/student-number.js';

/**
 * Student numbers (domain/student-number.ts) for records first created in a province, each in
 * the year of its enrolment date: the nine digits count per province and year, from
 * `student_number_counters` (migration 1765890000000; a new counter starts above the old
 * national sequence, so no number is ever given twice).
 *
 * One statement per year takes a block, locking that counter only while it runs — or, given
 * a transaction's EntityManager, until that transaction ends, so a refused enrolment gives its
 * number back. An import takes its blocks outside its long transaction (`db` a DataSource):
 * enrolments in the province are not held up behind it, and a rejected file leaves a gap,
 * which numbers may have (they are unique and never reused, not dense).
 *
 * Answers one number per entry of `enrolmentYears`, in order; within a year, ascending.
 */
export async function takeStudentNumbers(db: DataSource | EntityManager, province: string, enrolmentYears: readonly number[]): Promise<string[]> {
  const wanted = new Map<number, number>();
  for (const year of enrolmentYears) wanted.set(year, (wanted.get(year) ?? 0) + 1);
  // A province or year no number can have is refused before any counter moves.
  for (const year of wanted.keys()) formatStudentNumber(province, year, 1);
  const next = new Map<number, bigint>();
  // Years in ascending order, so two takers of several years lock their counters in one order.
  for (const [year, count] of [...wanted].sort(([a], [b]) => a - b)) {
    const [row] = rowsOf<{ last_sequence: string }>(
      await db.query(
        `INSERT INTO student_number_counters AS c (province_code, year, last_sequence)
         VALUES ($1, $2, (SELECT last_value FROM student_number_seq) + $3)
         ON CONFLICT (province_code, year) DO UPDATE SET last_sequence = c.last_sequence + $3
         RETURNING last_sequence`,
        [province, year, count],
      ),
    );
    next.set(year, BigInt(row.last_sequence) - BigInt(count) + 1n);
  }
  return enrolmentYears.map((year) => {
    const sequence = next.get(year)!;
    next.set(year, sequence + 1n);
    return formatStudentNumber(province, year, sequence);
  });
}
