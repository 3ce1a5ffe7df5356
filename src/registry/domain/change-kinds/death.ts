import { notInFuture, notInState, type ChangeKindRules } from './change-kind.js';

export interface DeathInput {
  dateOfDeath: string;
  certificateSha256: string;
}

/**
 * 死亡注销 (第二十一条): the school reports a student's death with the certificate's digest; its
 * supervising authority cancels the record within 60 working days. The record is kept (never
 * deleted); its certificates stay valid, what states a living status (identity credentials) goes.
 */
export const death: ChangeKindRules<DeathInput> = {
  name: 'student_death_cancellation',
  workingDays: 60,
  change: 'student.deceased',
  check(record, input, today) {
    if (record.status !== 'enrolled' && record.status !== 'suspended') return notInState('enrolled or suspended', record.status);
    if (record.current && input.dateOfDeath < record.current.from) {
      return { kind: 'validation', field: 'dateOfDeath', code: 'INVALID_DATE', message: 'dateOfDeath is before the current status began' };
    }
    return notInFuture('dateOfDeath', input.dateOfDeath, today);
  },
  effectiveDate: (input) => input.dateOfDeath,
  becomes: (input) => ({ status: 'deceased', from: input.dateOfDeath, plannedUntil: null }),
};
