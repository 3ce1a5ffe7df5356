/**
 * Leaver lists and their signing job (第十九条): the school proposes the students leaving a
 * stage, its supervising authority approves the list (or refuses it with a reason), and a job
 * issues one certificate per row in chunks. Pure rules; data and `now` come in.
 */
import type { LeavingKind } from '../../../registry/domain/student-lifecycle.js';

export type LeaverListState = 'proposed' | 'refused' | 'issuing' | 'issued';
export type LeaverItemState = 'pending' | 'held' | 'issued' | 'failed';

/**
 * How many rows a chunk signs and commits at once. On a server, 1,000: in four alternated pairs
 * of `npm run bench -- issuance` (2026-11-30) against 500, `issuance.ratioToRawSign` was 0.205–0.221
 * against 0.199–0.213, and the CPU per certificate 146.8–153.6 µs against 152–162.4 (the
 * database's statements per chunk); a chunk holds its rows and status list ~150 ms instead of
 * ~75. The embedded store has one session,
 * which a chunk holds for its whole transaction, so its chunks are smaller: other requests wait
 * at most one small chunk per query.
 */
export const CHUNK_SIZE = { server: 1_000, embedded: 100 } as const;
/**
 * Chunks one job keeps in flight. On a server two overlap: while one is signed, the other's
 * reads, status entries, row marks and commit run on the database's core. The embedded store
 * runs one transaction at a time anyway.
 */
export const PIPELINES = { server: 2, embedded: 1 } as const;
/** Jobs sent per list, so that as many instances can take chunks of it at the same time. */
export const MAX_JOBS_PER_LIST = 4;
/** A school's list: above this, split it (the request body limit is 1 MB as well). */
export const MAX_LIST_ROWS = 10_000;

export interface ListDefaults {
  leavingKind: LeavingKind;
  leavingDate: string;
}

export interface ProposedRow {
  studentId: string;
  leavingKind?: LeavingKind;
  leavingDate?: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Rows with the list's defaults filled in; a student named twice is a problem of the later row. */
export function resolveRows(defaults: Partial<ListDefaults>, rows: ProposedRow[]) {
  const seen = new Map<string, number>();
  const problems: FieldProblem[] = [];
  const resolved = rows.map((row, index) => {
    const first = seen.get(row.studentId);
    if (first !== undefined) problems.push({ field: `items.${index}.studentId`, message: `the same student as items.${first}` });
    else seen.set(row.studentId, index);
    const leavingKind = row.leavingKind ?? defaults.leavingKind ?? 'graduation';
    const leavingDate = row.leavingDate ?? defaults.leavingDate;
    if (!leavingDate) problems.push({ field: `items.${index}.leavingDate`, message: 'is required when the list gives no leavingDate' });
    return { studentId: row.studentId, leavingKind, leavingDate: leavingDate ?? '' };
  });
  return { rows: resolved, problems };
}

export type Review = 'approve' | 'refuse';

/** Only a proposed list is reviewed, once; the answer names what happened to it already. */
export function reviewProblem(state: LeaverListState): { code: string; message: string } | null {
  if (state === 'proposed') return null;
  return { code: 'LEAVER_LIST_ALREADY_REVIEWED', message: state === 'refused' ? 'the list was refused' : 'the list was already approved' };
}

/** Jobs to send for a list: one per chunk, at most MAX_JOBS_PER_LIST (each job drains the list). */
export function jobsFor(total: number, chunkSize: number = CHUNK_SIZE.server, maxJobs = MAX_JOBS_PER_LIST): number {
  if (total <= 0) return 0;
  return Math.min(maxJobs, Math.ceil(total / chunkSize));
}

export interface Progress {
  total: number;
  done: number;
  failed: number;
  pending: number;
  /** Held for the second approval: neither pending for the job nor done. */
  held: number;
}

export function progressOf(total: number, counts: Partial<Record<LeaverItemState, number>>): Progress {
  const done = counts.issued ?? 0;
  const failed = counts.failed ?? 0;
  const held = counts.held ?? 0;
  return { total, done, failed, held, pending: total - done - failed - held };
}

/** The one audit entry of a committed chunk: how many, and the first and last of its rows. */
export function chunkAuditDetails(
  issued: Array<{ id: string; certificateNumber: string }>,
  failed: Array<{ studentId: string; code: string }>,
  issuerDid: string,
) {
  const first = issued[0];
  const last = issued.at(-1);
  return {
    count: issued.length,
    failed: failed.length,
    issuerDid,
    ...(first && last
      ? { firstCertificateId: first.id, lastCertificateId: last.id, firstNumber: first.certificateNumber, lastNumber: last.certificateNumber }
      : {}),
    ...(failed.length ? { failedStudentIds: failed.slice(0, 20).map((f) => f.studentId), failedCodes: [...new Set(failed.map((f) => f.code))] } : {}),
  };
}

/**
 * Whether a graduate record still says what the approved row said: a record corrected after
 * approval (another kind, another leaving date) is not signed from the list; it fails the row.
 */
export function rowStillMatches(row: { leavingKind: string; leavingDate: string }, record: { kind: string; graduationDate: string }): boolean {
  return row.leavingKind === record.kind && row.leavingDate === record.graduationDate;
}
