import { notInFuture, notInState, type ChangeKindRules } from './change-kind.js';

export interface WithdrawalInput {
  /** The day the student leaves. */
  effectiveDate: string;
  applicationDate: string;
  applicationSha256: string;
}

/**
 * 退学 (第十八条): in compulsory education (primary, junior secondary) no student withdraws; a
 * senior secondary student's guardian applies, the school confirms and its supervising authority
 * files it within 10 working days.
 */
export const withdrawal: ChangeKindRules<WithdrawalInput> = {
  name: 'student_withdrawal',
  workingDays: 10,
  change: 'student.withdrawn',
  check(record, input, today) {
    if (record.stage !== 'senior') {
      return {
        kind: 'unprocessable',
        code: 'WITHDRAWAL_IN_COMPULSORY_EDUCATION',
        message: 'a student in compulsory education (primary or junior secondary) may not withdraw (第十八条)',
      };
    }
    if (record.status !== 'enrolled' && record.status !== 'suspended') return notInState('enrolled or suspended', record.status);
    const applied = notInFuture('applicationDate', input.applicationDate, today);
    if (applied) return applied;
    if (input.applicationDate > input.effectiveDate) return { kind: 'validation', field: 'applicationDate', code: 'INVALID_DATE', message: 'applicationDate is after effectiveDate' };
    if (record.current && input.effectiveDate < record.current.from) {
      return { kind: 'validation', field: 'effectiveDate', code: 'INVALID_DATE', message: 'effectiveDate is before the current status began' };
    }
    return notInFuture('effectiveDate', input.effectiveDate, today);
  },
  effectiveDate: (input) => input.effectiveDate,
  becomes: (input) => ({ status: 'withdrawn', from: input.effectiveDate, plannedUntil: null }),
};
