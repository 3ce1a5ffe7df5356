/**
 * A record's status over time: periods with an inclusive start and an exclusive end (open while
 * current). Record states only (在籍, 休学, 退学, 死亡注销, 毕业) — a workflow state such as a
 * proposed graduation is not a period: the student is still enrolled. Pure rules.
 */
export type RecordStatus = 'enrolled' | 'graduated' | 'suspended' | 'withdrawn' | 'deceased';

export interface StatusPeriod {
  status: RecordStatus;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, exclusive; null while the period lasts. */
  to: string | null;
  /** The request that caused it; null for enrolment and for periods from before requests. */
  requestId: string | null;
}

/** The status on `date`, or null when the record did not exist yet. */
export function statusOn(periods: readonly StatusPeriod[], date: string): RecordStatus | null {
  let found: StatusPeriod | null = null;
  for (const p of periods) {
    if (p.from <= date && (p.to === null || date < p.to) && (found === null || p.from >= found.from)) found = p;
  }
  return found?.status ?? null;
}

/** A new period may not start before the current one did (history is appended, never rewritten). */
export function canStartPeriod(current: Pick<StatusPeriod, 'from'> | null, from: string): boolean {
  return current === null || from >= current.from;
}
