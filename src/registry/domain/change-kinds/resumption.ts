import { notInFuture, notInState, type ChangeKindRules } from './change-kind.js';

export interface ResumptionInput {
  /** The first day back at school. */
  on: string;
}

/** 复学: a suspended student returns; the same supervising authority approves within 10 working days. */
export const resumption: ChangeKindRules<ResumptionInput> = {
  name: 'student_resumption',
  workingDays: 10,
  change: 'student.resumed',
  check(record, input, today) {
    if (record.status !== 'suspended') return notInState('suspended', record.status);
    if (record.current && input.on < record.current.from) return { kind: 'validation', field: 'on', code: 'INVALID_DATE', message: 'on is before the suspension began' };
    return notInFuture('on', input.on, today);
  },
  effectiveDate: (input) => input.on,
  becomes: (input) => ({ status: 'enrolled', from: input.on, plannedUntil: null }),
};
