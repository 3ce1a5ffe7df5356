import { addMonths } from '../entry-rules.js';
import { notInFuture, notInState, type ChangeKindRules } from './change-kind.js';

export interface SuspensionInput {
  from: string;
  until: string;
  /** The day the guardian signed the application; the form itself stays at the school. */
  applicationDate: string;
  applicationSha256: string;
}

/** 第十六条: a suspension lasts at most one year; it is renewed by a new request. */
export const MAX_SUSPENSION_MONTHS = 12;

/**
 * 休学 (第十六条): the school submits the guardian's application for an enrolled student (or, to
 * renew, for a suspended one, starting after the current period); its supervising authority
 * approves within 10 working days.
 */
export const suspension: ChangeKindRules<SuspensionInput> = {
  name: 'student_suspension',
  workingDays: 10,
  change: 'student.suspended',
  check(record, input, today) {
    if (input.until <= input.from) return { kind: 'validation', field: 'until', code: 'INVALID_DATE', message: 'until is not after from' };
    if (input.until > addMonths(input.from, MAX_SUSPENSION_MONTHS)) {
      return { kind: 'validation', field: 'until', code: 'SUSPENSION_TOO_LONG', message: 'a suspension lasts at most one year (第十六条); renew it by a new request' };
    }
    const applied = notInFuture('applicationDate', input.applicationDate, today);
    if (applied) return applied;
    if (input.applicationDate > input.from) return { kind: 'validation', field: 'applicationDate', code: 'INVALID_DATE', message: 'applicationDate is after from' };
    if (record.status === 'suspended') {
      const end = record.current?.plannedUntil;
      if (end && input.from > end) return null;
      return { kind: 'validation', field: 'from', code: 'SUSPENSION_OVERLAPS', message: 'a renewal starts after the current suspension ends' };
    }
    if (record.status !== 'enrolled') return notInState('enrolled', record.status);
    if (record.current && input.from < record.current.from) {
      return { kind: 'validation', field: 'from', code: 'INVALID_DATE', message: 'from is before the current status began' };
    }
    return null;
  },
  effectiveDate: (input) => input.from,
  becomes: (input) => ({ status: 'suspended', from: input.from, plannedUntil: input.until }),
};
