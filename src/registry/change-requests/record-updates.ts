import type { EntityManager } from 'typeorm';
import type { Placement } from '../domain/change-kinds/change-kind.js';
import type { StudentStatus } from '../domain/student-lifecycle.js';

/**
 * A record's new status and, where the change says so, its stage, grade or entry date at the same
 * school (a return from abroad, an entry after deferral). A change of school is not this: it goes
 * through RecordMovesService (moves/), which keeps the copy, moves certificates and audits it.
 */
export async function updateRecordInPlace(em: EntityManager, studentId: string, status: StudentStatus, placement: Placement = {}): Promise<void> {
  await em.query(
    `UPDATE students SET status = $2, education_stage = COALESCE($3, education_stage), grade = COALESCE($4::smallint, grade),
            enrolment_date = COALESCE($5::date, enrolment_date), version = version + 1, updated_at = now()
      WHERE id = $1`,
    [studentId, status, placement.stage ?? null, placement.grade ?? null, placement.enrolmentDate ?? null],
  );
}
