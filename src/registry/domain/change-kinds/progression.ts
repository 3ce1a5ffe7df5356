import { GRADE_RANGE, type EducationStage } from '../student-lifecycle.js';
import { notInFuture, notInState, type ChangeKindRules } from './change-kind.js';

/** The stage a graduate of each stage progresses to (第十四条); senior secondary is the last the register holds. */
export const NEXT_STAGE: Record<EducationStage, EducationStage | null> = { primary: 'junior', junior: 'senior', senior: null };

export interface ProgressionInput {
  /** The new stage's entry date at the receiving school. */
  enrolmentDate: string;
  /** SHA-256 of the admission notice (录取通知) as scanned. */
  admissionSha256: string;
  /** Filled in by the service from the receiving school's account, never by the body. */
  receivingSchool: { id: string; code: string; path: string };
  /** The record's stage and grade when asked, filled in by the service. */
  fromStage: EducationStage;
  fromGrade: number;
}

/**
 * The first grade of the next stage for a graduate of `stage` who left it in `grade`: the grade
 * after, within the next stage (6 → 7; a 五四制 primary graduate of grade 5 → junior 6; 9 → 10).
 */
export function entryGrade(stage: EducationStage, grade: number): { stage: EducationStage; grade: number } | null {
  const next = NEXT_STAGE[stage];
  if (!next) return null;
  const { min, max } = GRADE_RANGE[next];
  const first = grade + 1;
  return first >= min && first <= max ? { stage: next, grade: first } : null;
}

/**
 * 升学 keeping the number (第十四条 first paragraph; 第八条 一人一号, 终身不变): the receiving school
 * — any school, any county — starts it with the student number and the ID number of a graduate
 * of primary (or junior secondary); its supervising authority approves within 10 working days.
 * The record then belongs to the receiving school: a new stage, the stage's first grade, the
 * school and the entry date; status enrolled again; the number unchanged.
 */
export const progression: ChangeKindRules<ProgressionInput> = {
  name: 'student_progression',
  workingDays: 10,
  change: 'student.progressed',
  check(record, input, today) {
    if (record.status !== 'graduated') return notInState('graduated', record.status);
    if (!entryGrade(record.stage, record.grade ?? input.fromGrade)) {
      return { kind: 'unprocessable', code: 'NO_NEXT_STAGE', message: `a graduate of ${record.stage} education has no next stage in the register` };
    }
    if (record.current && input.enrolmentDate < record.current.from) {
      return { kind: 'validation', field: 'enrolmentDate', code: 'INVALID_DATE', message: 'enrolmentDate is before the graduation' };
    }
    return notInFuture('enrolmentDate', input.enrolmentDate, today);
  },
  effectiveDate: (input) => input.enrolmentDate,
  becomes(input) {
    const placement = entryGrade(input.fromStage, input.fromGrade);
    if (!placement) throw new RangeError('progression without a next stage');
    return {
      status: 'enrolled',
      from: input.enrolmentDate,
      plannedUntil: null,
      placement: { ...placement, enrolmentDate: input.enrolmentDate, school: input.receivingSchool },
    };
  },
};
