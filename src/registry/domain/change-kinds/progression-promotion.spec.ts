import type { ChangeRefusal, RecordFacts } from './change-kind.js';
import { entryGrade, progression, type ProgressionInput } from './progression.js';
import { checkPromotionYear, isPromoted, type PromotionCandidate } from './promotion.js';

const TODAY = '2026-09-10';
const code = (r: ChangeRefusal | null) => (r === null ? null : 'field' in r ? `${r.code}@${r.field}` : r.code);
const graduate = (stage: RecordFacts['stage'], grade: number): RecordFacts => ({
  status: 'graduated',
  stage,
  grade,
  enrolmentDate: '2020-09-01',
  current: { status: 'graduated', from: '2026-07-01', plannedUntil: null },
});
const receiving = { id: '00000000-0000-4000-8000-000000000001', code: '3320102001', path: '/86/32/3201/320102/3320102001/' };
const input = (record: RecordFacts, enrolmentDate = '2026-09-01'): ProgressionInput => ({
  enrolmentDate,
  admissionSha256: 'a'.repeat(64),
  receivingSchool: receiving,
  fromStage: record.stage,
  fromGrade: record.grade!,
});

describe('progression to the next stage (升学, 第十四条)', () => {
  it.each<[string, RecordFacts['stage'], number, { stage: string; grade: number } | null]>([
    ['primary 6 → junior 7', 'primary', 6, { stage: 'junior', grade: 7 }],
    ['五四制 primary 5 → junior 6', 'primary', 5, { stage: 'junior', grade: 6 }],
    ['junior 9 → senior 10', 'junior', 9, { stage: 'senior', grade: 10 }],
    ['primary 4 has no place in junior', 'primary', 4, null],
    ['senior has no next stage here', 'senior', 12, null],
  ])('entry grade: %s', (_case, stage, grade, expected) => {
    expect(entryGrade(stage, grade)).toEqual(expected);
  });

  it.each<[string, RecordFacts, string, string | null]>([
    ['a primary graduate', graduate('primary', 6), '2026-09-01', null],
    ['a junior graduate', graduate('junior', 9), '2026-09-01', null],
    ['a senior graduate', graduate('senior', 12), '2026-09-01', 'NO_NEXT_STAGE'],
    ['an enrolled student (not graduated)', { ...graduate('primary', 6), status: 'enrolled' }, '2026-09-01', 'INVALID_STATE'],
    ['an entry before the graduation', graduate('primary', 6), '2026-06-30', 'INVALID_DATE@enrolmentDate'],
    ['an entry in the future', graduate('primary', 6), '2026-09-11', 'INVALID_DATE@enrolmentDate'],
  ])('%s', (_case, record, enrolmentDate, expected) => {
    expect(code(progression.check(record, input(record, enrolmentDate), TODAY))).toBe(expected);
  });

  it('moves the record to the receiving school in the first grade of the next stage', () => {
    expect(progression.becomes(input(graduate('junior', 9)))).toEqual({
      status: 'enrolled',
      from: '2026-09-01',
      plannedUntil: null,
      placement: { stage: 'senior', grade: 10, enrolmentDate: '2026-09-01', school: receiving },
    });
  });
});

describe('yearly promotion (正常升级, 第七条)', () => {
  it.each<[string, number, string, string | null]>([
    ['on the first day it opens', 2026, '2026-07-01', null],
    ['during the school year', 2026, '2027-06-30', null],
    ['before it opens', 2026, '2026-06-30', 'INVALID_SCHOOL_YEAR'],
    ['a past school year', 2025, '2026-07-01', 'INVALID_SCHOOL_YEAR'],
  ])('school year: %s', (_case, year, today, expected) => {
    expect(checkPromotionYear(year, today)?.code ?? null).toBe(expected);
  });

  const pupil = (over: Partial<PromotionCandidate>): PromotionCandidate => ({ status: 'enrolled', stage: 'primary', grade: 3, enrolmentDate: '2023-09-01', ...over });
  it.each<[string, PromotionCandidate, boolean]>([
    ['an enrolled pupil below the last grade', pupil({}), true],
    ['junior grade 8', pupil({ stage: 'junior', grade: 8 }), true],
    ['the last grade of primary (graduates)', pupil({ grade: 6 }), false],
    ['the last grade of senior', pupil({ stage: 'senior', grade: 12 }), false],
    ['a new entrant of the year', pupil({ grade: 1, enrolmentDate: '2026-09-01' }), false],
    ['suspended', pupil({ status: 'suspended' }), false],
    ['abroad', pupil({ status: 'abroad' }), false],
    ['deferred', pupil({ status: 'deferred', grade: 1 }), false],
    ['proposed as a graduate', pupil({ status: 'graduation_proposed' }), false],
    ['withdrawn', pupil({ status: 'withdrawn', stage: 'senior', grade: 10 }), false],
    ['deceased', pupil({ status: 'deceased' }), false],
  ])('%s', (_case, candidate, expected) => {
    expect(isPromoted(candidate, 2026)).toBe(expected);
  });
});
