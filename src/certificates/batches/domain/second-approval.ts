/**
 * Separation of duties against forged records: one authority must not be able to create a
 * school, enrol a person who does not exist and sign that person's certificate on its own.
 * A certificate for a record younger than its stage, or one that failed the semester
 * verifications its school ran, is held until the authority above the confirming one approves
 * it. Pure rules; data and `now` come in.
 */
import type { EducationStage } from '../../../registry/domain/student-lifecycle.js';
import { pathCodes } from '../../../platform/organisations/domain/org-level.js';

/** The normal length of each stage, in school years (primary 6, junior and senior secondary 3). */
export const STAGE_MIN_SCHOOL_YEARS: Record<EducationStage, number> = { primary: 6, junior: 3, senior: 3 };

/** At most this many held rows are quoted in a list's warning; the count covers all of them. */
export const WARNING_ROWS_QUOTED = 50;

export type HoldReason = 'record_too_recent' | 'never_verified';

/** What the register knows of a record's history when its certificate is approved. */
export interface RecordHistory {
  stage: EducationStage;
  /** The day the record was created in the register (China date, YYYY-MM-DD): not the claimed enrolment date. */
  createdOn: string;
  /** The day the student leaves (the certificate's date). */
  leavingDate: string;
  /** The last semester verification the record passed, or null. */
  lastVerifiedOn: string | null;
  /** Whether the record's school ran any semester verification since the record was created. */
  schoolVerifiedSinceCreation: boolean;
}

export interface HoldDecision {
  held: boolean;
  reasons: HoldReason[];
  /** School years from the record's creation to the leaving date, both counted. */
  schoolYears: number;
  minimumSchoolYears: number;
}

/** The school year a date falls in, named by the year it starts (September; August counts as the next). */
export function schoolYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 8 ? year : year - 1;
}

/**
 * Whether a certificate needs the second approval: the record was created fewer school years
 * before leaving than the stage lasts, or the record never passed a verification its school
 * ran (a record can only have failed a verification that took place).
 */
export function secondApprovalNeeded(h: RecordHistory): HoldDecision {
  const minimumSchoolYears = STAGE_MIN_SCHOOL_YEARS[h.stage];
  const schoolYears = schoolYearOf(h.leavingDate) - schoolYearOf(h.createdOn) + 1;
  const reasons: HoldReason[] = [];
  if (schoolYears < minimumSchoolYears) reasons.push('record_too_recent');
  if (h.schoolVerifiedSinceCreation && h.lastVerifiedOn === null) reasons.push('never_verified');
  return { held: reasons.length > 0, reasons, schoolYears, minimumSchoolYears };
}

export type Decision = { ok: true } | { ok: false; code: string; message: string };

/**
 * Who may give the second approval: an account of the authority directly above the one that
 * confirmed the list (the confirming authority supervises the school), never the account
 * that confirmed it.
 */
export function canSecondReview(
  reviewer: { accountId: string; organisationCode: string },
  list: { schoolPath: string; confirmedBy: string },
): Decision {
  if (reviewer.accountId === list.confirmedBy) {
    return { ok: false, code: 'SAME_ACCOUNT', message: 'the account that confirmed the list cannot give its second approval' };
  }
  // …/above/confirming/school/: the confirming authority supervises the school.
  const above = pathCodes(list.schoolPath).at(-3);
  if (above === undefined || above !== reviewer.organisationCode) {
    return { ok: false, code: 'NOT_AUTHORITY_ABOVE', message: 'only the authority above the one that confirmed the list gives its second approval' };
  }
  return { ok: true };
}

export type SecondReview = 'approve' | 'refuse';

/**
 * A held row is decided once. Asking again for the decision already taken answers it again
 * (a retried request); asking for the other one is a conflict.
 */
export function secondReviewOutcome(current: 'awaiting' | 'approved' | 'refused', wanted: SecondReview): 'apply' | 'repeat' | 'conflict' {
  if (current === 'awaiting') return 'apply';
  return (current === 'approved') === (wanted === 'approve') ? 'repeat' : 'conflict';
}
