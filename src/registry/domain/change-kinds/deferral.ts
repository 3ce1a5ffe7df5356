import { addMonths } from '../entry-rules.js';
import { notInFuture, notInState, type ChangeKindRules, type ChangeRefusal } from './change-kind.js';

export interface DeferralInput {
  from: string;
  until: string;
  /** The day the guardian signed the application; the form stays at the school. */
  applicationDate: string;
  applicationSha256: string;
  /** SHA-256 of the approval of the education authority where the child's 户籍 is (第十一条). */
  hukouAuthorityApprovalSha256: string;
}

export interface EntryInput {
  /** The day the child actually starts school: the record's entry date from then on. */
  on: string;
}

/** 第十一条: "缓学期限一般为一学年" — at most one year; a longer wait is a new request. */
export const MAX_DEFERRAL_MONTHS = 12;

const field = (name: string, code: string, message: string): ChangeRefusal => ({ kind: 'validation', field: name, code, message });

/**
 * 缓学 (第十一条), modelled on the record the school created for the child's primary grade 1
 * entry: the school submits the guardian's application with the 户籍 authority's approval (its
 * digest), its supervising authority approves within 10 working days, and the record is
 * `deferred` — "缓学学生暂缓注册学籍": held, not counted as enrolled, not promoted — for at most
 * one school year. Still unable to start at its end, the school asks again: a renewal starts
 * after the current deferral ends (as a suspension's does). The deferral ends with `entry`.
 * Only a record that has not started school yet (enrolled in primary grade 1, nothing since its
 * entry) or a deferred one may defer.
 */
export const deferral: ChangeKindRules<DeferralInput> = {
  name: 'student_deferral',
  workingDays: 10,
  change: 'student.deferred',
  check(record, input, today) {
    if (input.until <= input.from) return field('until', 'INVALID_DATE', 'until is not after from');
    if (input.until > addMonths(input.from, MAX_DEFERRAL_MONTHS)) {
      return field('until', 'DEFERRAL_TOO_LONG', 'a deferral lasts at most one school year (第十一条); renew it by a new request');
    }
    const applied = notInFuture('applicationDate', input.applicationDate, today);
    if (applied) return applied;
    if (input.applicationDate > input.from) return field('applicationDate', 'INVALID_DATE', 'applicationDate is after from');
    if (record.status === 'deferred') {
      const end = record.current?.plannedUntil;
      return end && input.from > end ? null : field('from', 'DEFERRAL_OVERLAPS', 'a renewal starts after the current deferral ends');
    }
    if (record.status !== 'enrolled') return notInState('enrolled (not yet started) or deferred', record.status);
    if (record.stage !== 'primary' || record.grade !== 1) {
      return { kind: 'unprocessable', code: 'DEFERRAL_NOT_AT_ENTRY', message: 'entry is deferred for a child entering primary grade 1 only (第十一条)' };
    }
    if (record.current && record.enrolmentDate && record.current.from !== record.enrolmentDate) {
      return { kind: 'unprocessable', code: 'DEFERRAL_NOT_AT_ENTRY', message: 'the record has changed since its entry; a started pupil is suspended (休学), not deferred' };
    }
    if (record.current && input.from < record.current.from) return field('from', 'INVALID_DATE', 'from is before the entry date');
    return null;
  },
  effectiveDate: (input) => input.from,
  becomes: (input) => ({ status: 'deferred', from: input.from, plannedUntil: input.until }),
};

/**
 * 入学 after 缓学: the child starts primary grade 1; the record is enrolled again and its entry
 * date becomes the day school started (the stage's years count from it). Same authority, 10
 * working days.
 */
export const entryAfterDeferral: ChangeKindRules<EntryInput> = {
  name: 'student_entry_after_deferral',
  workingDays: 10,
  change: 'student.entered',
  check(record, input, today) {
    if (record.status !== 'deferred') return notInState('deferred', record.status);
    if (record.current && input.on < record.current.from) return field('on', 'INVALID_DATE', 'on is before the deferral began');
    return notInFuture('on', input.on, today);
  },
  effectiveDate: (input) => input.on,
  becomes: (input) => ({ status: 'enrolled', from: input.on, plannedUntil: null, placement: { grade: 1, enrolmentDate: input.on } }),
};
