import { checkTransfer, isCrossProvince, transferSteps, transferVisibility } from './transfer-rules.js';

const HANGZHOU_SCHOOL = '/000000/330000/330100/330106/3330106001/';
const HANGZHOU_SCHOOL_2 = '/000000/330000/330100/330106/3330106002/';
const NANJING_SCHOOL = '/000000/320000/320100/320102/3320102001/';
const enrolledJunior = { status: 'enrolled' as const, stage: 'junior' as const, schoolPath: HANGZHOU_SCHOOL };

describe('checkTransfer', () => {
  it('allows an enrolled record to move to another school within its stage', () => {
    expect(checkTransfer(enrolledJunior, { receivingSchoolPath: NANJING_SCHOOL, grade: 8 })).toBeNull();
  });

  it.each([
    ['to the school it is at', { ...enrolledJunior }, { receivingSchoolPath: HANGZHOU_SCHOOL, grade: 8 }, 'SAME_SCHOOL'],
    ['a suspended record', { ...enrolledJunior, status: 'suspended' as const }, { receivingSchoolPath: NANJING_SCHOOL, grade: 8 }, 'INVALID_STATE'],
    ['a graduate', { ...enrolledJunior, status: 'graduated' as const }, { receivingSchoolPath: NANJING_SCHOOL, grade: 8 }, 'INVALID_STATE'],
    ['into another stage (that is progression)', enrolledJunior, { receivingSchoolPath: NANJING_SCHOOL, grade: 10 }, 'INVALID_GRADE'],
  ])('refuses a transfer of %s', (_case, record, ask, code) => {
    expect(checkTransfer(record, ask)).toMatchObject({ code });
  });

  it('names the grade field when the grade is outside the stage', () => {
    expect(checkTransfer(enrolledJunior, { receivingSchoolPath: NANJING_SCHOOL, grade: 3 })).toMatchObject({ kind: 'validation', field: 'grade' });
  });
});

describe('transferSteps (第十五条)', () => {
  it('across counties: the sending school, its authority, then the receiving authority, 10 working days each', () => {
    expect(transferSteps(HANGZHOU_SCHOOL, NANJING_SCHOOL)).toEqual([
      { name: 'sending_school', actorPath: HANGZHOU_SCHOOL, workingDays: 10 },
      { name: 'sending_authority', actorPath: '/000000/330000/330100/330106/', workingDays: 10 },
      { name: 'receiving_authority', actorPath: '/000000/320000/320100/320102/', workingDays: 10 },
    ]);
  });

  it('inside one county the shared authority acts once', () => {
    expect(transferSteps(HANGZHOU_SCHOOL, HANGZHOU_SCHOOL_2).map((s) => s.name)).toEqual(['sending_school', 'sending_authority']);
  });
});

describe('transferVisibility', () => {
  it('names both schools and both authorities, nothing else', () => {
    expect(transferVisibility(HANGZHOU_SCHOOL, NANJING_SCHOOL).sort()).toEqual(
      [HANGZHOU_SCHOOL, NANJING_SCHOOL, '/000000/330000/330100/330106/', '/000000/320000/320100/320102/'].sort(),
    );
  });
});

describe('isCrossProvince', () => {
  it.each([
    [HANGZHOU_SCHOOL, NANJING_SCHOOL, true],
    [HANGZHOU_SCHOOL, HANGZHOU_SCHOOL_2, false],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(isCrossProvince(from, to)).toBe(expected);
  });
});
