import { checkGrade, type EducationStage } from '../student-lifecycle.js';
import { notInFuture, notInState, type ChangeKindRules } from './change-kind.js';

export interface AbroadInput {
  /** The day the student left to study outside the mainland. */
  departureDate: string;
  /** SHA-256 of the evidence shown (passport, visa, admission letter) as scanned; it stays at the school. */
  evidenceSha256: string;
}

export interface ReturnInput {
  /** The first day back at school. */
  on: string;
  /** The grade (and, when it changed, the stage) the school places the student in by the study record. */
  grade: number;
  stage?: EducationStage;
  studyRecordSha256: string;
}

/**
 * 出国(境)学习 (第二十条): the school asks on the evidence, its supervising authority approves within
 * 10 working days. "学校将学籍档案转入上级学籍管理部门": the record is kept — never cancelled nor
 * deleted — in status `abroad`, a period of the history marked as such; the record stays in the
 * school's subtree (the authority above sees it as it sees every record there) so that the
 * school can record the return. A departure is recorded once it happened (not ahead).
 */
export const studyAbroad: ChangeKindRules<AbroadInput> = {
  name: 'student_study_abroad',
  workingDays: 10,
  change: 'student.abroad',
  check(record, input, today) {
    if (record.status !== 'enrolled' && record.status !== 'suspended') return notInState('enrolled or suspended', record.status);
    if (record.current && input.departureDate < record.current.from) {
      return { kind: 'validation', field: 'departureDate', code: 'INVALID_DATE', message: 'departureDate is before the current status began' };
    }
    return notInFuture('departureDate', input.departureDate, today);
  },
  effectiveDate: (input) => input.departureDate,
  becomes: (input) => ({ status: 'abroad', from: input.departureDate, plannedUntil: null }),
};

/**
 * 回国 (第二十条): "回到境内后...应凭相应学习记录进入对应年级就读...学校应接续学籍档案": the
 * abroad period ends, the record is enrolled again with the grade the school assigns by the
 * study record (a valid grade of the stage); the same authority approves within 10 working days.
 * A return to another school is this return followed by a transfer (第十五条).
 */
export const returnFromAbroad: ChangeKindRules<ReturnInput> = {
  name: 'student_return_from_abroad',
  workingDays: 10,
  change: 'student.returned',
  check(record, input, today) {
    if (record.status !== 'abroad') return notInState('abroad', record.status);
    const grade = checkGrade(input.stage ?? record.stage, input.grade);
    if (!grade.ok) return { kind: 'validation', field: 'grade', code: grade.code, message: grade.message };
    if (record.current && input.on < record.current.from) return { kind: 'validation', field: 'on', code: 'INVALID_DATE', message: 'on is before the departure' };
    return notInFuture('on', input.on, today);
  },
  effectiveDate: (input) => input.on,
  becomes: (input) => ({ status: 'enrolled', from: input.on, plannedUntil: null, placement: { grade: input.grade, ...(input.stage ? { stage: input.stage } : {}) } }),
};
