import { checkSemester, rosterProblems, semesterOf, type RecordElsewhere, type SchoolRecord } from './roster-run.js';

describe('semesterOf', () => {
  it.each([
    ['2026-09-01', '2026-autumn'],
    ['2026-12-31', '2026-autumn'],
    ['2027-01-15', '2026-autumn'],
    ['2027-02-01', '2027-spring'],
    ['2027-07-31', '2027-spring'],
    ['2027-08-01', '2027-autumn'],
  ])('%s is in %s', (date, semester) => expect(semesterOf(date)).toBe(semester));
});

describe('checkSemester', () => {
  it.each([
    ['the present semester', '2026-autumn', null],
    ['the one before', '2026-spring', null],
    ['one not started', '2027-spring', 'is a semester that has not started'],
    ['two back', '2025-autumn', 'is more than one semester ago'],
    ['a malformed one', '2026-fall', 'must be YYYY-spring or YYYY-autumn'],
  ])('%s', (_case, semester, expected) => expect(checkSemester(semester, '2026-11-30')).toBe(expected));
});

describe('rosterProblems (第二十五条)', () => {
  const here: SchoolRecord[] = [
    { id: 'present', digest: 'd1', status: 'enrolled', stage: 'junior' },
    { id: 'absent-junior', digest: 'd2', status: 'enrolled', stage: 'junior' },
    { id: 'absent-senior', digest: 'd3', status: 'graduation_proposed', stage: 'senior' },
    { id: 'suspended', digest: 'd4', status: 'suspended', stage: 'junior' },
    { id: 'graduated', digest: 'd5', status: 'graduated', stage: 'primary' },
  ];
  const elsewhere: RecordElsewhere[] = [
    { id: 'at-other-school', digest: 'd6', status: 'enrolled', scopePath: '/000000/320000/320100/320102/3320102001/' },
    { id: 'graduated-elsewhere', digest: 'd7', status: 'graduated', scopePath: '/000000/320000/320100/320102/3320102001/' },
  ];

  it('finds each kind of exception and nothing on records that are in order', () => {
    expect(rosterProblems(['d1', 'd6', 'd7', 'd8'], here, elsewhere)).toEqual([
      { kind: 'phantom', studentId: 'absent-junior', possibleDropout: true },
      { kind: 'phantom', studentId: 'absent-senior', possibleDropout: false },
      { kind: 'mismatch', studentId: 'at-other-school', otherScopePath: elsewhere[0].scopePath, digest: 'd6' },
      { kind: 'unregistered', digest: 'd8' },
    ]);
  });

  it('a school whose roster matches its records has no problem', () => {
    expect(rosterProblems(['d1', 'd2', 'd3'], here, [])).toEqual([]);
  });

  it('a person confirmed twice counts once', () => {
    expect(rosterProblems(['d8', 'd8', 'd1', 'd2', 'd3'], here, [])).toEqual([{ kind: 'unregistered', digest: 'd8' }]);
  });
});
