/**
 * 控辍保学 (第十七条) as pure rules: a compulsory-education student who may have dropped out is
 * entered in the ledger (by a semester verification run, or by an authority); the school and its
 * authorities follow up, each follow-up recorded; a case closes with an outcome. A case with no
 * follow-up by its due date is reported upward (第二十六条).
 */
import type { EducationStage, StudentStatus } from '../../domain/student-lifecycle.js';

/** Working days the school has for its first follow-up. */
export const FIRST_FOLLOW_UP_WORKING_DAYS = 10;

export const DROPOUT_OUTCOMES = ['returned', 'transferred', 'exempted', 'other'] as const;
export const FOLLOW_UP_ACTIONS = ['home_visit', 'phone_call', 'school_meeting', 'referral', 'other'] as const;

export function checkFlag(record: { status: StudentStatus; stage: EducationStage }): { code: string; message: string } | null {
  if (record.stage === 'senior') return { code: 'NOT_COMPULSORY', message: 'the drop-out ledger is for compulsory education (primary and junior secondary, 第十七条)' };
  if (record.status !== 'enrolled' && record.status !== 'suspended') {
    return { code: 'INVALID_STATE', message: `only a record at school (enrolled or suspended) is followed up; this one is ${record.status}` };
  }
  return null;
}

/** A case with no follow-up recorded and its due date passed. */
export function isFollowUpOverdue(c: { status: 'open' | 'closed'; followUps: number; followUpDue: string }, today: string): boolean {
  return c.status === 'open' && c.followUps === 0 && today > c.followUpDue;
}
