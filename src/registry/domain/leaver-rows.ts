import {
  canProposeGraduation,
  checkGraduationDate,
  checkLeavingKind,
  stageEndDate,
  type Decision,
  type EducationStage,
  type LeavingKind,
  type StudentStatus,
} from './student-lifecycle.js';

/**
 * Leaver lists (第十九条), row by row: the rules a single proposal follows (state, leaving date,
 * leaving kind for the stage), reported per row and field instead of thrown, so a school sees
 * every bad row of its list at once. Pure.
 */

/** One row of a leaver list: a student of the proposing school, and how and when they leave. */
export interface LeaverRow {
  studentId: string;
  leavingKind: LeavingKind;
  leavingDate: string;
}

/** Why a row cannot go through, by field; `index` is the row's place in the list. */
export interface RowProblem {
  index?: number;
  field: string;
  code: string;
  message: string;
}

export interface LeaverStudent {
  id: string;
  status: StudentStatus;
  enrolment_date: string;
  education_stage: EducationStage;
  grade: number;
}

export const NOT_GRADUATED_ROW: RowProblem = { field: 'studentId', code: 'NOT_GRADUATED', message: 'the student has not graduated, so no certificate can be issued' };

/** The single-student rules of proposeGraduation, as row problems instead of thrown errors. */
export function leaverRowProblems(student: LeaverStudent | undefined, row: LeaverRow, today: string): Omit<RowProblem, 'index'>[] {
  if (!student) return [{ field: 'studentId', code: 'NOT_FOUND', message: 'no such student at your school' }];
  const checks: Array<[string, Decision]> = [
    ['studentId', canProposeGraduation(student.status)],
    ['leavingDate', checkGraduationDate(row.leavingDate, student.enrolment_date, today)],
    ['leavingKind', checkLeavingKind(row.leavingKind, row.leavingDate, stageEndDate(student.education_stage, student.grade, student.enrolment_date))],
  ];
  return checks.flatMap(([field, d]) => (d.ok ? [] : [{ field, code: d.code, message: d.message }]));
}

