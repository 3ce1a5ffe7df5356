import {
  canConfirmGraduation,
  canProposeGraduation,
  checkEnrolmentDate,
  checkGrade,
  checkGraduationDate,
  checkLeavingKind,
  stageEndDate,
  type StudentStatus,
} from './student-lifecycle.js';

describe('graduation workflow', () => {
  it.each<[StudentStatus, boolean]>([
    ['enrolled', true],
    ['graduation_proposed', false],
    ['graduated', false],
    ['suspended', false],
    ['withdrawn', false],
    ['deceased', false],
  ])('a school may propose a %s student as graduate: %s', (status, ok) => {
    expect(canProposeGraduation(status).ok).toBe(ok);
  });

  it.each<[StudentStatus, RegExp]>([
    ['suspended', /休学/],
    ['withdrawn', /退学/],
    ['deceased', /死亡注销/],
  ])('says why a %s record is not proposed', (status, message) => {
    const decision = canProposeGraduation(status);
    expect(!decision.ok && decision.message).toMatch(message);
  });

  it.each<[StudentStatus, boolean]>([
    ['enrolled', false],
    ['graduation_proposed', true],
    ['graduated', false],
  ])('the authority may confirm a %s student: %s', (status, ok) => {
    expect(canConfirmGraduation(status).ok).toBe(ok);
  });
});

describe('dates and grades', () => {
  it.each([
    ['2026-07-01', '2020-09-01', '2026-11-29', true],
    ['2020-08-31', '2020-09-01', '2026-11-29', false],
    ['2026-11-30', '2020-09-01', '2026-11-29', false],
    ['2026-11-29', '2020-09-01', '2026-11-29', true],
  ])('graduation on %s after enrolment %s, today %s: %s', (grad, enrol, today, ok) => {
    expect(checkGraduationDate(grad, enrol, today).ok).toBe(ok);
  });

  it.each([
    ['2020-09-01', '2014-03-01', '2026-11-29', true],
    ['2026-12-01', '2014-03-01', '2026-11-29', false],
    ['2014-03-01', '2014-03-01', '2026-11-29', false],
  ])('enrolment on %s for a child born %s, today %s: %s', (enrol, birth, today, ok) => {
    expect(checkEnrolmentDate(enrol, birth, today).ok).toBe(ok);
  });

  it.each([
    ['primary', 1, true],
    ['primary', 6, true],
    ['primary', 7, false],
    ['junior', 9, true],
    ['senior', 9, false],
    ['senior', 12, true],
    ['senior', 10.5, false],
  ] as const)('%s grade %d: %s', (stage, grade, ok) => {
    expect(checkGrade(stage, grade).ok).toBe(ok);
  });
});

describe('leaving kind (第十九条)', () => {
  it.each([
    ['primary', 1, '2018-09-01', '2024-06-01'],
    ['primary', 3, '2020-09-01', '2024-06-01'],
    ['junior', 7, '2021-09-01', '2024-06-01'],
    ['senior', 10, '2022-02-20', '2024-06-01'],
  ] as const)('%s from grade %i entered %s ends %s', (stage, grade, entered, end) => {
    expect(stageEndDate(stage, grade, entered)).toBe(end);
  });

  it('allows graduation and completion only after the end of the stage', () => {
    expect(checkLeavingKind('graduation', '2024-07-01', '2024-06-01').ok).toBe(true);
    expect(checkLeavingKind('completion', '2024-06-01', '2024-06-01').ok).toBe(true);
    const early = checkLeavingKind('graduation', '2023-01-15', '2024-06-01');
    expect(early).toMatchObject({ ok: false, code: 'STAGE_NOT_FINISHED' });
  });

  it('always allows incompletion', () => {
    expect(checkLeavingKind('incompletion', '2020-01-15', '2024-06-01').ok).toBe(true);
  });
});
