import { jobFailure } from './job-failure.js';

describe('jobFailure (what the queue stores of a failed job)', () => {
  it('keeps the error name, SQLSTATE code and constraint, and none of the statement’s data', () => {
    const copyError = Object.assign(new Error('new row for relation "student_guardian_contacts" violates check constraint "x"'), {
      name: 'error',
      code: '23514',
      constraint: 'student_guardian_contacts_phone_check',
      where: 'COPY student_guardian_contacts, line 2: "6f1c0a52-9a4e-4d1f-8a33-2c5e7b9d0e11\t0\tmother\t李梅\t13800138000\t33"',
      detail: 'Failing row contains (李梅, 13800138000).',
    });

    const failure = jobFailure(copyError);

    expect(failure.message).toBe('job failed: error 23514 on student_guardian_contacts_phone_check');
    expect(JSON.stringify({ ...failure, message: failure.message, stack: failure.stack })).not.toMatch(/李梅|13800138000|6f1c0a52/);
    expect(Object.keys(failure)).toEqual(['name']);
  });

  it('drops a message that quotes a value', () => {
    const failure = jobFailure(Object.assign(new Error('invalid input syntax for type uuid: "张三"'), { code: '22P02' }));

    expect(failure.message).toBe('job failed: Error 22P02');
    expect(failure.stack).not.toContain('张三');
  });

  it('answers for a thrown value that is not an error', () => {
    expect(jobFailure('boom').message).toBe('job failed: Error');
    expect(jobFailure(undefined).name).toBe('JobFailed');
  });
});
