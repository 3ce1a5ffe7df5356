import { GRADE_RANGE } from '../student-lifecycle.js';
import { notInFuture, notInState, type ChangeKindRules } from './change-kind.js';

export interface SpecialEducationGradeInput {
  /** The grade the student studies in from `effectiveDate`: up, or down (降级) where the assessment says so. */
  newGrade: number;
  /** The day the expert committee (残疾人教育专家委员会) assessed the student. */
  assessmentDate: string;
  /** SHA-256 of the committee's assessment report as scanned; the report stays at the school. */
  assessmentSha256: string;
  /** The first day in the new grade. */
  effectiveDate: string;
}

/**
 * 第十四条 second paragraph: a special-education student (one whose record has a disability
 * category, 第十一条) changes grade — up, or exceptionally down — on the assessment of the expert
 * committee the school commissioned; the school registers it and the supervising authority
 * approves. The grade stays inside the stage (moving to the next stage is progression, 升学).
 */
export const specialEducationGrade: ChangeKindRules<SpecialEducationGradeInput> = {
  name: 'special_education_grade_change',
  workingDays: 10,
  change: 'student.regraded',
  check(record, input, today) {
    if (!record.specialEducationCategory) {
      return {
        kind: 'unprocessable',
        code: 'NOT_SPECIAL_EDUCATION',
        message: 'this change is for special-education students only (第十四条); the record has no disability category',
      };
    }
    if (record.status !== 'enrolled') return notInState('enrolled', record.status);
    const range = GRADE_RANGE[record.stage];
    if (input.newGrade < range.min || input.newGrade > range.max) {
      return { kind: 'validation', field: 'newGrade', code: 'GRADE_OUT_OF_RANGE', message: `the ${record.stage} stage runs from grade ${range.min} to ${range.max}` };
    }
    if (record.grade !== undefined && input.newGrade === record.grade) {
      return { kind: 'validation', field: 'newGrade', code: 'SAME_GRADE', message: 'is the grade the student is in' };
    }
    const assessed = notInFuture('assessmentDate', input.assessmentDate, today);
    if (assessed) return assessed;
    if (input.effectiveDate < input.assessmentDate) {
      return { kind: 'validation', field: 'effectiveDate', code: 'INVALID_DATE', message: 'effectiveDate is before the assessment' };
    }
    if (record.current && input.effectiveDate < record.current.from) {
      return { kind: 'validation', field: 'effectiveDate', code: 'INVALID_DATE', message: 'effectiveDate is before the current status began' };
    }
    return notInFuture('effectiveDate', input.effectiveDate, today);
  },
  effectiveDate: (input) => input.effectiveDate,
  // Still enrolled, in another grade: a new period of the record's history from the first day in it.
  becomes: (input) => ({ status: 'enrolled', from: input.effectiveDate, plannedUntil: null, grade: input.newGrade }),
};
