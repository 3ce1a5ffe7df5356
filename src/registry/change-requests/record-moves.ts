import type { EntityManager } from 'typeorm';
import type { Placement } from '../domain/change-kinds/change-kind.js';
import type { StudentStatus } from '../domain/student-lifecycle.js';

/**
 * Moves a record to another school (第十四条 progression; at merge: the shared "move record to
 * school" of transfers and mergers): the school and the subtree that sees it, the stage, grade
 * and entry date it starts there, enrolled again; graduation facts of the stage it left are
 * cleared (its history period and certificates keep them). The student number never changes
 * (第八条). In the caller's transaction; the caller writes the history period and the audit.
 */
export async function moveRecordToSchool(
  em: EntityManager,
  studentId: string,
  to: Required<Pick<Placement, 'school' | 'stage' | 'grade' | 'enrolmentDate'>>,
): Promise<void> {
  await em.query(
    `UPDATE students SET school_id = $2, scope_path = $3, education_stage = $4, grade = $5, enrolment_date = $6, status = 'enrolled',
            graduation_date = NULL, leaving_kind = NULL, version = version + 1, updated_at = now()
      WHERE id = $1`,
    [studentId, to.school.id, to.school.path, to.stage, to.grade, to.enrolmentDate],
  );
}

/** A record's new status and, where the change says so, its stage, grade or entry date at the same school. */
export async function updateRecordInPlace(em: EntityManager, studentId: string, status: StudentStatus, placement: Placement = {}): Promise<void> {
  await em.query(
    `UPDATE students SET status = $2, education_stage = COALESCE($3, education_stage), grade = COALESCE($4::smallint, grade),
            enrolment_date = COALESCE($5::date, enrolment_date), version = version + 1, updated_at = now()
      WHERE id = $1`,
    [studentId, status, placement.stage ?? null, placement.grade ?? null, placement.enrolmentDate ?? null],
  );
}
