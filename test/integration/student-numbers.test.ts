import { isValidStudentNumber, STUDENT_NUMBER_PATTERN } from '../../src/registry/domain/student-number.js';
import { takeStudentNumbers } from '../../src/registry/student-numbers.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const sequenceOf = (number: string) => Number(STUDENT_NUMBER_PATTERN.exec(number)![3]);

/**
 * Student numbers count per province and year (migration 1765890000000), on the store the run
 * uses: a province-year's first number lies above everything the old national sequence gave,
 * numbers within a province-year ascend without repeats, and takers at once get disjoint blocks.
 */
describe('student number counters', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('starts a new province-year above the old sequence and counts each province-year on its own', async () => {
    // Records made before the counters drew from the national sequence up to here.
    await t.asOwner((q) => q(`SELECT setval('student_number_seq', 5000)`));

    const first = await takeStudentNumbers(t.dataSource, '44', [2030, 2030, 2031]);
    expect(first.every(isValidStudentNumber)).toBe(true);
    expect(first.map((n) => n.slice(1, 7))).toEqual(['442030', '442030', '442031']);
    expect(first.map(sequenceOf)).toEqual([5001, 5002, 5001]);

    const next = await takeStudentNumbers(t.dataSource, '44', [2031, 2030]);
    expect(next.map(sequenceOf)).toEqual([5002, 5003]);
    // Another province's year is its own count.
    expect((await takeStudentNumbers(t.dataSource, '45', [2030])).map(sequenceOf)).toEqual([5001]);
    // Once made, a counter no longer follows the sequence.
    await t.asOwner((q) => q(`SELECT setval('student_number_seq', 9000)`));
    expect((await takeStudentNumbers(t.dataSource, '44', [2030])).map(sequenceOf)).toEqual([5004]);
  });

  it('gives takers at once disjoint blocks, and a transaction that fails gives its block back', async () => {
    const blocks = await Promise.all(Array.from({ length: 8 }, () => takeStudentNumbers(t.dataSource, '46', Array<number>(250).fill(2030))));
    const all = blocks.flat();
    expect(new Set(all).size).toBe(2000);
    for (const block of blocks) expect(block.map(sequenceOf)).toEqual(block.map((_, i) => sequenceOf(block[0]) + i));
    const highest = Math.max(...all.map(sequenceOf));

    await expect(
      t.dataSource.transaction(async (em) => {
        await takeStudentNumbers(em, '46', [2030]);
        throw new Error('refused after the number was taken');
      }),
    ).rejects.toThrow('refused');
    expect((await takeStudentNumbers(t.dataSource, '46', [2030])).map(sequenceOf)).toEqual([highest + 1]);
  });

  it('refuses a tenth digit: a province-year holds 999,999,999 numbers', async () => {
    await takeStudentNumbers(t.dataSource, '50', [2030]);
    await t.asOwner((q) => q(`UPDATE student_number_counters SET last_sequence = 999999998 WHERE province_code = '50' AND year = 2030`));
    expect((await takeStudentNumbers(t.dataSource, '50', [2030])).map(sequenceOf)).toEqual([999999999]);
    await expect(takeStudentNumbers(t.dataSource, '50', [2030])).rejects.toThrow(/student_number_counters_nine_digits/);
  });
});
