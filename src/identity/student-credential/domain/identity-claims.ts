import { todayInChina } from '../../../common/time/china-date.js';

/**
 * Rules for the derived claims and the validity of the student identity credential. Pure:
 * instants come in as Dates, calendar dates as YYYY-MM-DD, and every calendar question is
 * answered in China Standard Time (UTC+8, no daylight saving), where the register keeps its dates.
 */

export const AGE_THRESHOLDS = [12, 14, 16, 18] as const;
export type AgeThreshold = (typeof AGE_THRESHOLDS)[number];
export type AgeOverClaimName = `age_over_${AgeThreshold}`;
/** Only the claims that hold for the whole period: an age reached inside it has no claim. */
export type AgeOverClaims = Partial<Record<AgeOverClaimName, boolean>>;

const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * age_over_NN claims that hold throughout [validFrom, validUntil]: `true` when the age is
 * reached by validFrom, `false` when it is not reached by validUntil, and no claim at all when
 * it is reached inside the period (neither value would be true for all of it). Age only grows,
 * so `true` is decided at validFrom alone.
 */
export function ageOverClaims(birthDate: string, validFrom: Date, validUntil: Date): AgeOverClaims {
  parseCalendarDate(birthDate, 'birthDate');
  checkPeriod(validFrom, validUntil);
  const claims: AgeOverClaims = {};
  for (const years of AGE_THRESHOLDS) {
    const reached = ageReachedAt(birthDate, years).getTime();
    if (reached <= validFrom.getTime()) claims[`age_over_${years}`] = true;
    else if (reached > validUntil.getTime()) claims[`age_over_${years}`] = false;
  }
  return claims;
}

/**
 * The first instant at which someone born on `birthDate` is `years` full years old (周岁), as
 * Chinese law counts it: the day of birth is not counted (民法典 第二百零一条), so the years run
 * out at the end of the anniversary and the age is reached at 00:00 China time the next day
 * (the Supreme People's Court likewise: 周岁"从周岁生日的第二天起算"). A year with no anniversary
 * ends on the month's last day (第二百零二条): someone born on 29 February reaches an age on
 * 1 March, in common and leap years alike. This is one day later than ISO/IEC 18013-5's "age is
 * at least NN" on the birthday: the claim is never true before the law says the age is full.
 */
export function ageReachedAt(birthDate: string, years: number): Date {
  const { year, month, day } = parseCalendarDate(birthDate, 'birthDate');
  const anniversaryYear = year + years;
  const lastDay = month === 2 && day === 29 && !isLeapYear(anniversaryYear) ? 28 : day;
  return new Date(Date.UTC(anniversaryYear, month - 1, lastDay + 1) - CHINA_OFFSET_MS);
}

/**
 * The validity of a credential issued at `now`: from `now` (whole seconds) to the last second of
 * 31 August, China time, that ends the school year `now` falls in (school years begin on
 * 1 September). At most one school year; the credential is renewed for the next one.
 */
export function validityPeriod(now: Date): { validFrom: Date; validUntil: Date } {
  checkInstant(now, 'now');
  const validFrom = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return { validFrom, validUntil: schoolYearEnd(validFrom) };
}

/** True when [validFrom, validUntil] is non-empty and lies within one school year. */
export function isWithinOneSchoolYear(validFrom: Date, validUntil: Date): boolean {
  return validFrom.getTime() < validUntil.getTime() && validUntil.getTime() <= schoolYearEnd(validFrom).getTime();
}

/** 23:59:59 China time on the 31 August that ends the school year containing `instant`. */
function schoolYearEnd(instant: Date): Date {
  const { year, month } = parseCalendarDate(todayInChina(instant), 'instant');
  const endYear = month >= 9 ? year + 1 : year;
  return new Date(Date.UTC(endYear, 7, 31, 23, 59, 59) - CHINA_OFFSET_MS);
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function parseCalendarDate(value: string, name: string): CalendarDate {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(value)) {
    // Never the value: a birth date is personal data, and an unexpected error's message is logged.
    throw new RangeError(`${name} must be a calendar date YYYY-MM-DD.`);
  }
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function checkInstant(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`${name} must be a valid Date.`);
}

function checkPeriod(validFrom: Date, validUntil: Date): void {
  checkInstant(validFrom, 'validFrom');
  checkInstant(validUntil, 'validUntil');
  if (validFrom.getTime() > validUntil.getTime()) {
    throw new RangeError(`validFrom (${validFrom.toISOString()}) is after validUntil (${validUntil.toISOString()}).`);
  }
}
