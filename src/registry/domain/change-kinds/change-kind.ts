import type { Refusal } from '../../../common/errors/refusal.js';
import type { EducationStage, StudentStatus } from '../student-lifecycle.js';
import type { RecordStatus } from '../status-history.js';

/** What a kind's rules may look at: the record's state, never the person. */
export interface RecordFacts {
  status: StudentStatus;
  stage: EducationStage;
  /** The current status period (open), with the end a suspension planned; null without history. */
  current: { status: RecordStatus; from: string; plannedUntil: string | null } | null;
  /** The grade the student is in and the record's entry date (the service always gives them; older specs leave them out). */
  grade?: number;
  enrolmentDate?: string;
  /** GB/T 26341 disability category of a special-education student (第十一条); null for others. */
  specialEducationCategory?: string | null;
}

/** Why a change is not asked for: a field (400), the record's state (409) or the law (422). */
export type ChangeRefusal = Exclude<Refusal, { kind: 'forbidden' }>;

/** The period a kind's approval starts; with `grade`, the record moves to that grade too. */
export interface PeriodChange {
  status: RecordStatus;
  from: string;
  plannedUntil: string | null;
  /** The grade the record moves to at its school (a special-education grade change). */
  grade?: number;
  /** What else the record's placement becomes (a return's grade, an entry's date, a progression's school). */
  placement?: Placement;
}

/** A record's new placement; `school` moves it (and its visibility) to another school's subtree. */
export interface Placement {
  stage?: EducationStage;
  grade?: number;
  enrolmentDate?: string;
  school?: { id: string; code: string; path: string };
}

/**
 * A register change kind as pure rules: who may ask for it (the record's state and stage), what
 * day it takes effect (for the 第七条 lateness flag), how long the authority has, and what the
 * record becomes once approved. The registry's ChangeRequestsService plugs each into the engine.
 */
export interface ChangeKindRules<I> {
  /** The request kind on the engine. */
  name: string;
  /** Working days the school's supervising authority has to decide. */
  workingDays: number;
  /** The StudentEvents change announced on approval. */
  change: string;
  check(record: RecordFacts, input: I, today: string): ChangeRefusal | null;
  effectiveDate(input: I): string;
  becomes(input: I): PeriodChange;
}

export const notInState = (wanted: string, status: StudentStatus): ChangeRefusal => ({
  kind: 'conflict',
  code: 'INVALID_STATE',
  message: `this change is asked for a ${wanted} student; the record is ${status}`,
});

export function notInFuture(field: string, date: string, today: string): ChangeRefusal | null {
  return date > today ? { kind: 'validation', field, code: 'INVALID_DATE', message: `${field} is in the future` } : null;
}
