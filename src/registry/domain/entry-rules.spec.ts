import { addMonths, entryAgeProblem, isLateChange, isLateRegistration } from './entry-rules.js';

describe('entry age (第十一条)', () => {
  it.each([
    ['2020-08-31', '2026-09-01', null],
    ['2020-09-01', '2026-09-01', 'enters primary school at 6'],
    ['2019-12-31', '2026-09-01', null],
  ])('born %s, entering %s', (birth, entry, problem) => {
    const answer = entryAgeProblem(birth, entry);
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toContain(problem);
  });

  it('takes a province’s seven years and cut-off', () => {
    expect(entryAgeProblem('2020-03-01', '2026-09-01', { minimumAge: 7, cutoff: '08-31' })).toContain('at 7');
    expect(entryAgeProblem('2019-08-31', '2026-09-01', { minimumAge: 7, cutoff: '08-31' })).toBeNull();
    expect(entryAgeProblem('2020-12-31', '2026-09-01', { minimumAge: 6, cutoff: '12-31' })).toBeNull();
  });
});

describe('timeliness flags (第六、七条)', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-30', 2, '2027-01-30'],
    ['2026-09-01', 2, '2026-11-01'],
  ])('%s plus %i month(s) is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('counts across years both ways, and refuses what is not a YYYY-MM-DD date', () => {
    expect(addMonths('2026-12-31', 14)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -13)).toBe('2025-02-28');
    expect(() => addMonths('2026-9-1', 1)).toThrow(RangeError);
  });

  it('flags a record created more than two months after entry, not one on the last day', () => {
    expect(isLateRegistration('2026-09-01', '2026-11-01')).toBe(false);
    expect(isLateRegistration('2026-09-01', '2026-11-02')).toBe(true);
  });

  it('flags a change recorded more than a month after it happened', () => {
    expect(isLateChange('2026-10-15', '2026-11-15')).toBe(false);
    expect(isLateChange('2026-10-15', '2026-11-16')).toBe(true);
  });
});
