/**
 * Entry and timeliness rules of the register:
 *
 * - 第十一条: a child enters primary school at six (seven where the province sets it), counted on
 *   the province's cut-off day of the entry year (commonly 31 August): born on or before the
 *   cut-off six years earlier.
 * - 第六条: a record is created within two months of entering school; later ones are flagged.
 * - 第七条: a change is recorded within one month of happening; later ones are flagged.
 *
 * Flags do not refuse: a late record is still the truth and must be kept; the authority above is
 * told (a warning) instead.
 */
import { daysInMonth } from './resident-id.js';

export interface EntryAgePolicy {
  /** 6, or 7 where the province sets it. */
  minimumAge: 6 | 7;
  /** MM-DD of the entry year on which the age is counted. */
  cutoff: string;
}

export const DEFAULT_ENTRY_AGE: EntryAgePolicy = Object.freeze({ minimumAge: 6, cutoff: '08-31' });

/** Null when the child is old enough to enter primary school on `entryDate`, else why not. */
export function entryAgeProblem(birthDate: string, entryDate: string, policy: EntryAgePolicy = DEFAULT_ENTRY_AGE): string | null {
  if (!/^\d{2}-\d{2}$/.test(policy.cutoff)) throw new RangeError('the cut-off is a day of the year, MM-DD');
  const entryYear = Number(entryDate.slice(0, 4));
  const latestBirth = `${entryYear - policy.minimumAge}-${policy.cutoff}`;
  if (birthDate <= latestBirth) return null;
  return `a child enters primary school at ${policy.minimumAge}, counted on ${policy.cutoff} of the entry year (第十一条); apply for a deferral or enrol next year`;
}

/**
 * `date` (YYYY-MM-DD) plus whole calendar months, clamped to the month's last day (01-31 + 1 →
 * 02-28). Read digit by digit: an import asks it for each of its rows.
 */
export function addMonths(date: string, months: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError('a date is YYYY-MM-DD');
  const digit = (i: number) => date.charCodeAt(i) - 48;
  const index = (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)) * 12 + (digit(5) * 10 + digit(6) - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(digit(8) * 10 + digit(9), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 第六条: registered more than two months after entering school. */
export function isLateRegistration(entryDate: string, registeredOn: string): boolean {
  return registeredOn > addMonths(entryDate, 2);
}

/** 第七条: a change recorded more than one month after it happened. */
export function isLateChange(happenedOn: string, recordedOn: string): boolean {
  return recordedOn > addMonths(happenedOn, 1);
}
