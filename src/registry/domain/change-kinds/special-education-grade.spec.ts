import type { ChangeRefusal, RecordFacts } from './change-kind.js';
import { specialEducationGrade, type SpecialEducationGradeInput } from './special-education-grade.js';

const TODAY = '2026-03-10';
const special = (over: Partial<RecordFacts> = {}): RecordFacts => ({
  status: 'enrolled',
  stage: 'primary',
  current: { status: 'enrolled', from: '2023-09-01', plannedUntil: null },
  grade: 3,
  specialEducationCategory: '5',
  ...over,
});
const INPUT: SpecialEducationGradeInput = { newGrade: 4, assessmentDate: '2026-03-01', assessmentSha256: 'e'.repeat(64), effectiveDate: '2026-03-09' };
const code = (r: ChangeRefusal | null) => (r === null ? null : 'field' in r ? `${r.code}@${r.field}` : r.code);

describe('special-education grade change (第十四条)', () => {
  it.each<[string, RecordFacts, Partial<SpecialEducationGradeInput>, string | null]>([
    ['up one grade', special(), {}, null],
    ['down one grade (降级)', special(), { newGrade: 2 }, null],
    ['a student without a disability category', special({ specialEducationCategory: null }), {}, 'NOT_SPECIAL_EDUCATION'],
    ['facts that do not say', special({ specialEducationCategory: undefined }), {}, 'NOT_SPECIAL_EDUCATION'],
    ['a suspended student', special({ status: 'suspended' }), {}, 'INVALID_STATE'],
    ['grade 7 in primary school', special(), { newGrade: 7 }, 'GRADE_OUT_OF_RANGE@newGrade'],
    ['grade 5 in junior secondary', special({ stage: 'junior', grade: 8 }), { newGrade: 5 }, 'GRADE_OUT_OF_RANGE@newGrade'],
    ['the grade the student is in', special(), { newGrade: 3 }, 'SAME_GRADE@newGrade'],
    ['an assessment in the future', special(), { assessmentDate: '2026-03-11', effectiveDate: '2026-03-12' }, 'INVALID_DATE@assessmentDate'],
    ['effective before the assessment', special(), { effectiveDate: '2026-02-28' }, 'INVALID_DATE@effectiveDate'],
    ['effective in the future', special(), { effectiveDate: '2026-03-11' }, 'INVALID_DATE@effectiveDate'],
    ['effective before the current period', special({ current: { status: 'enrolled', from: '2026-03-05', plannedUntil: null } }), { effectiveDate: '2026-03-04' }, 'INVALID_DATE@effectiveDate'],
  ])('%s', (_case, record, change, expected) => {
    expect(code(specialEducationGrade.check(record, { ...INPUT, ...change }, TODAY))).toBe(expected);
  });

  it('keeps the student enrolled, in the new grade from the effective day', () => {
    expect(specialEducationGrade.becomes(INPUT)).toEqual({ status: 'enrolled', from: '2026-03-09', plannedUntil: null, grade: 4 });
    expect(specialEducationGrade.effectiveDate(INPUT)).toBe('2026-03-09');
  });
});
