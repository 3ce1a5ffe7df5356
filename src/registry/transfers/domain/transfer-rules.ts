/**
 * 转学 (第十五条) as pure rules. The receiving school starts the transfer through the system; the
 * sending school and both schools' supervising authorities each act within 10 working days. One
 * authority over both schools (a transfer inside a county) acts once. Every step sees the request;
 * nobody outside the two sides does. Only an enrolled record moves, within its stage (moving to
 * the next stage is progression, 第十四条), to another school.
 */
import { authorityAbove, pathCodes } from '../../../platform/organisations/domain/org-level.js';
import type { StepPlan } from '../../../workflow/domain/request-steps.js';
import type { ChangeRefusal } from '../../domain/change-kinds/change-kind.js';
import { checkGrade, type EducationStage, type StudentStatus } from '../../domain/student-lifecycle.js';

/** 第十五条: each party acts within 10 working days. */
export const TRANSFER_WORKING_DAYS = 10;

export interface TransferRecord {
  status: StudentStatus;
  stage: EducationStage;
  schoolPath: string;
}

export interface TransferAsk {
  receivingSchoolPath: string;
  grade: number;
}

/** Whether this record may be transferred as asked; the move itself happens on the day of the last approval. */
export function checkTransfer(record: TransferRecord, ask: TransferAsk): ChangeRefusal | null {
  if (record.schoolPath === ask.receivingSchoolPath) {
    return { kind: 'conflict', code: 'SAME_SCHOOL', message: 'the record is already at this school' };
  }
  if (record.status !== 'enrolled') {
    return { kind: 'conflict', code: 'INVALID_STATE', message: `only an enrolled record is transferred; this one is ${record.status}` };
  }
  const grade = checkGrade(record.stage, ask.grade);
  if (!grade.ok) return { kind: 'validation', field: 'grade', code: grade.code, message: `${grade.message} (a transfer keeps the stage; the next stage is progression, 第十四条)` };
  return null;
}

/** The sending school, then its authority, then the receiving school's authority (once, when the same). */
export function transferSteps(sendingSchoolPath: string, receivingSchoolPath: string): StepPlan[] {
  const sendingAuthority = authorityAbove(sendingSchoolPath);
  const receivingAuthority = authorityAbove(receivingSchoolPath);
  const steps: StepPlan[] = [
    { name: 'sending_school', actorPath: sendingSchoolPath, workingDays: TRANSFER_WORKING_DAYS },
    { name: 'sending_authority', actorPath: sendingAuthority, workingDays: TRANSFER_WORKING_DAYS },
  ];
  if (receivingAuthority !== sendingAuthority) {
    steps.push({ name: 'receiving_authority', actorPath: receivingAuthority, workingDays: TRANSFER_WORKING_DAYS });
  }
  return steps;
}

/** Who sees the request: the two schools and the two authorities (and, by subtree, those above them). */
export function transferVisibility(sendingSchoolPath: string, receivingSchoolPath: string): string[] {
  return [...new Set([sendingSchoolPath, receivingSchoolPath, authorityAbove(sendingSchoolPath), authorityAbove(receivingSchoolPath)])];
}

/** Across provinces (跨省转学, the "一网通办" of 第十五条): the province part of the two paths differs. */
export function isCrossProvince(sendingSchoolPath: string, receivingSchoolPath: string): boolean {
  return pathCodes(sendingSchoolPath)[1] !== pathCodes(receivingSchoolPath)[1];
}
