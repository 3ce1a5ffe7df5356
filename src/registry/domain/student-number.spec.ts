import {
  formatStudentNumber,
  isValidStudentNumber,
  STUDENT_NUMBER_PATTERN,
} from './student-number.js';

describe('formatStudentNumber', () => {
  // Expected check characters computed outside this code base (ISO 7064 MOD 11-2).
  it.each([
    ['the first number in Zhejiang in 2024', '33', 2024, 1, 'S332024000000001' + '7'],
    ['a check character of X', '33', 2024, 5, 'S332024000000005X'],
    ['the largest sequence', '11', 2013, 999_999_999, 'S112013999999999' + '7'],
    ['a bigint sequence from the database', '65', 2024, 12_345n, 'S652024000012345' + '9'],
    ['a school in a province the tree may hold (Taiwan)', '71', 2030, 42, 'S712030000000042' + '5'],
  ])('%s', (_name, province, year, sequence, expected) => {
    expect(formatStudentNumber(province, year, sequence)).toBe(expected);
  });

  it('carries no part of the resident ID number, whatever the student', () => {
    const number = formatStudentNumber('11', 2024, 1);
    expect(number).not.toContain('110105');
    expect(number).toHaveLength(17);
  });

  it.each([
    ['an unknown province', '19', 2024, 1],
    ['a three-digit province', '330', 2024, 1],
    ['a prototype key as province', 'constructor', 2024, 1],
    ['a year before 1900', '33', 1899, 1],
    ['a five-digit year', '33', 10_000, 1],
    ['a fractional year', '33', 2024.5, 1],
    ['sequence zero', '33', 2024, 0],
    ['a negative sequence', '33', 2024, -1n],
    ['a sequence beyond nine digits', '33', 2024, 1_000_000_000n],
    ['a fractional sequence', '33', 2024, 1.5],
    ['an unsafe integer sequence', '33', 2024, Number.MAX_SAFE_INTEGER + 1],
  ])('refuses %s with a RangeError', (_name, province, year, sequence) => {
    expect(() => formatStudentNumber(province, year, sequence)).toThrow(RangeError);
  });
});

describe('isValidStudentNumber', () => {
  it.each([
    ['a freshly formatted number', formatStudentNumber('44', 2025, 987_654_321)],
    ['a number ending in X', 'S332024000000005X'],
    ['a published vector', 'S3320240000000017'],
  ])('accepts %s', (_name, value) => {
    expect(isValidStudentNumber(value)).toBe(true);
  });

  it.each([
    ['a wrong check character', 'S3320240000000018'],
    ['two swapped digits', 'S3320240000000107'],
    ['a lower-case x', 'S332024000000005x'],
    ['a lower-case s', 's3320240000000017'],
    ['no leading S', '3320240000000017'],
    ['the national G-prefixed form', 'G11010519491231002X'],
    ['an unknown province', 'S192024000000001' + '8'],
    ['sequence zero', 'S33202400000000' + '0' + checkFor('332024000000000')],
    ['a year before 1900', 'S33' + '1899' + '000000001' + checkFor('331899000000001')],
    ['surrounding spaces', ' S3320240000000017 '],
    ['an empty string', ''],
  ])('refuses %s', (_name, value) => {
    expect(isValidStudentNumber(value)).toBe(false);
  });
});

describe('STUDENT_NUMBER_PATTERN', () => {
  it('splits a number into province, year, sequence and check character', () => {
    const match = STUDENT_NUMBER_PATTERN.exec('S332024000000005X');
    expect(match?.slice(1)).toEqual(['33', '2024', '000000005', 'X']);
  });
});

/** Independent MOD 11-2, so the refusals above fail for the reason their name gives. */
function checkFor(digits: string): string {
  let remainder = 0;
  for (const digit of digits) remainder = ((remainder + Number(digit)) * 2) % 11;
  const check = (12 - remainder) % 11;
  return check === 10 ? 'X' : String(check);
}
