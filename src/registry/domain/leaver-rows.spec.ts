import { leaverRowProblems, type LeaverStudent } from './leaver-rows.js';

const TODAY = '2026-11-29';
const pupil: LeaverStudent = { id: 'a', status: 'enrolled', enrolment_date: '2018-09-01', education_stage: 'primary', grade: 1 };
const row = { studentId: 'a', leavingKind: 'graduation' as const, leavingDate: '2024-07-01' };

describe('leaverRowProblems: the single proposal rules, row by row', () => {
  it('passes an enrolled pupil leaving after the end of the stage', () => {
    expect(leaverRowProblems(pupil, row, TODAY)).toEqual([]);
  });

  it.each([
    ['a student not at the school', undefined, row, [['studentId', 'NOT_FOUND']]],
    ['a student already proposed', { ...pupil, status: 'graduation_proposed' as const }, row, [['studentId', 'INVALID_STATE']]],
    ['a student already graduated', { ...pupil, status: 'graduated' as const }, row, [['studentId', 'INVALID_STATE']]],
    ['a leaving date in the future', pupil, { ...row, leavingDate: '2027-07-01' }, [['leavingDate', 'INVALID_DATE']]],
    ['graduation before the stage ends (肄业 only)', pupil, { ...row, leavingDate: '2023-07-01' }, [['leavingKind', 'STAGE_NOT_FINISHED']]],
    ['two problems of one row at once', { ...pupil, status: 'graduated' as const }, { ...row, leavingDate: '2017-01-01' }, [['studentId', 'INVALID_STATE'], ['leavingDate', 'INVALID_DATE'], ['leavingKind', 'STAGE_NOT_FINISHED']]],
  ])('reports %s', (_, student, input, expected) => {
    expect(leaverRowProblems(student, input, TODAY).map((p) => [p.field, p.code])).toEqual(expected);
  });

  it('allows 肄业 before the end of the stage', () => {
    expect(leaverRowProblems(pupil, { ...row, leavingKind: 'incompletion', leavingDate: '2021-03-01' }, TODAY)).toEqual([]);
  });
});
