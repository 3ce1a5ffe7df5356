/**
 * A record's status over time: periods with an inclusive start and an exclusive end (open while
 * current). Record states only (在籍, 休学, 退学, 死亡注销, 毕业, 出国(境)学习, 缓学) — a workflow state such as a
 * proposed graduation is not a period: the student is still enrolled. Pure rules.
 */
import type { EducationStage } from './student-lifecycle.js';

export type RecordStatus = 'enrolled' | 'graduated' | 'suspended' | 'withdrawn' | 'deceased' | 'merged' | 'abroad' | 'deferred';

export interface StatusPeriod {
  status: RecordStatus;
  /** Where the student was: the school's identification code, the stage and the grade. */
  schoolCode: string;
  stage: EducationStage;
  grade: number;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, exclusive; null while the period lasts. */
  to: string | null;
  /** The request that caused it; null for enrolment and for periods from before requests. */
  requestId: string | null;
}

/** The period covering `date` (the latest to start, should two start that day), or null before the record existed. */
export function periodOn<P extends Pick<StatusPeriod, 'from' | 'to'>>(periods: readonly P[], date: string): P | null {
  let found: P | null = null;
  for (const p of periods) {
    if (p.from <= date && (p.to === null || date < p.to) && (found === null || p.from >= found.from)) found = p;
  }
  return found;
}

/** The status on `date`, or null when the record did not exist yet. */
export function statusOn(periods: readonly Pick<StatusPeriod, 'status' | 'from' | 'to'>[], date: string): RecordStatus | null {
  return periodOn(periods, date)?.status ?? null;
}

/** Where the student was on `date` and in what status ("where was this student on 2026-03-01"). */
export function placementOn(periods: readonly StatusPeriod[], date: string): Pick<StatusPeriod, 'status' | 'schoolCode' | 'stage' | 'grade'> | null {
  const p = periodOn(periods, date);
  return p && { status: p.status, schoolCode: p.schoolCode, stage: p.stage, grade: p.grade };
}

/** A new period may not start before the current one did (history is appended, never rewritten). */
export function canStartPeriod(current: Pick<StatusPeriod, 'from'> | null, from: string): boolean {
  return current === null || from >= current.from;
}
