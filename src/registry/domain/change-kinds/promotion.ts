import { GRADE_RANGE, type EducationStage, type StudentStatus } from '../student-lifecycle.js';

/**
 * The yearly promotion (正常升级, 第七条): at the start of a school year the school moves every
 * class up one grade as one batch. Pure rules; the service runs them over the school's records.
 *
 * - School year N starts on N-09-01; the batch may run from N-07-01 (after the year's leavers)
 *   until the next one may (N+1-07-01): not ahead, not for a past year.
 * - Promoted: records `enrolled` that entered before the year began, below their stage's last
 *   grade. Not promoted: the last grade (they graduate, 第十九条), new entrants of that year,
 *   and records suspended, abroad, deferred, proposed as graduates, withdrawn, deceased or
 *   graduated.
 */
export interface PromotionCandidate {
  status: StudentStatus;
  stage: EducationStage;
  grade: number;
  enrolmentDate: string;
}

export type PromotionYearRefusal = { field: 'schoolYear'; code: 'INVALID_SCHOOL_YEAR'; message: string };

export const schoolYearStart = (schoolYear: number) => `${schoolYear}-09-01`;

export function checkPromotionYear(schoolYear: number, today: string): PromotionYearRefusal | null {
  const opens = `${schoolYear}-07-01`;
  const closes = `${schoolYear + 1}-07-01`;
  if (today < opens) return { field: 'schoolYear', code: 'INVALID_SCHOOL_YEAR', message: `the promotion into school year ${schoolYear} runs from ${opens}` };
  if (today >= closes) return { field: 'schoolYear', code: 'INVALID_SCHOOL_YEAR', message: `school year ${schoolYear} is over; promote into the current one` };
  return null;
}

export function isPromoted(candidate: PromotionCandidate, schoolYear: number): boolean {
  return (
    candidate.status === 'enrolled' &&
    candidate.enrolmentDate < schoolYearStart(schoolYear) &&
    candidate.grade < GRADE_RANGE[candidate.stage].max
  );
}
