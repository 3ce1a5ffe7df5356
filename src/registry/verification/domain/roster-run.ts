/**
 * 学籍核准 (第二十五条) as pure rules: a school's confirmed roster (the persons actually present,
 * by their document digests) against the register. Each exception becomes a problem for the
 * authority above; a compulsory-education record with nobody present is also a possible
 * drop-out (第十七条). Persons are compared by keyed digest only: nothing here sees a number.
 */
import type { EducationStage, StudentStatus } from '../../domain/student-lifecycle.js';

/** 2026-autumn is the semester that starts in September 2026; 2027-spring the one after it. */
export const SEMESTER_PATTERN = /^(\d{4})-(spring|autumn)$/;

/** The semester a day falls in: February–July spring, August–January autumn (January belongs to the autumn before). */
export function semesterOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month >= 2 && month <= 7) return `${year}-spring`;
  return month === 1 ? `${year - 1}-autumn` : `${year}-autumn`;
}

/** A roster is confirmed for the present semester or the one before it — not ahead, not years late. */
export function checkSemester(semester: string, today: string): string | null {
  const match = SEMESTER_PATTERN.exec(semester);
  if (!match) return 'must be YYYY-spring or YYYY-autumn';
  const order = (s: string) => Number(s.slice(0, 4)) * 2 + (s.endsWith('autumn') ? 1 : 0);
  const current = order(semesterOf(today));
  const asked = order(semester);
  if (asked > current) return 'is a semester that has not started';
  if (asked < current - 1) return 'is more than one semester ago';
  return null;
}

export interface SchoolRecord {
  id: string;
  digest: string;
  status: StudentStatus;
  stage: EducationStage;
}

export interface RecordElsewhere {
  id: string;
  digest: string;
  status: StudentStatus;
  scopePath: string;
}

export type RosterProblem =
  | { kind: 'phantom'; studentId: string; possibleDropout: boolean }
  | { kind: 'mismatch'; studentId: string; otherScopePath: string; digest: string }
  | { kind: 'unregistered'; digest: string };

/** Records the school must account for: those that say the student is at school now. */
const PRESENT_STATES: ReadonlySet<StudentStatus> = new Set(['enrolled', 'graduation_proposed']);
const COMPULSORY: ReadonlySet<EducationStage> = new Set(['primary', 'junior']);

/**
 * The run: records here that say "at school" with nobody confirmed (空挂学籍; in compulsory
 * education also a possible drop-out), persons confirmed here whose record says "at school"
 * elsewhere (人籍分离), and persons confirmed with no record anywhere (无籍).
 */
export function rosterProblems(confirmed: readonly string[], here: readonly SchoolRecord[], elsewhere: readonly RecordElsewhere[]): RosterProblem[] {
  const present = new Set(confirmed);
  const hereByDigest = new Map(here.map((r) => [r.digest, r]));
  const elsewhereByDigest = new Map(elsewhere.map((r) => [r.digest, r]));
  const problems: RosterProblem[] = [];
  for (const record of here) {
    if (PRESENT_STATES.has(record.status) && !present.has(record.digest)) {
      problems.push({ kind: 'phantom', studentId: record.id, possibleDropout: COMPULSORY.has(record.stage) });
    }
  }
  for (const digest of present) {
    if (hereByDigest.has(digest)) continue;
    const other = elsewhereByDigest.get(digest);
    if (!other) problems.push({ kind: 'unregistered', digest });
    else if (PRESENT_STATES.has(other.status)) problems.push({ kind: 'mismatch', studentId: other.id, otherScopePath: other.scopePath, digest });
  }
  return problems;
}
