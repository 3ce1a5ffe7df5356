/**
 * Working days in mainland China, kept as data: Monday to Friday are working days unless a
 * State Council notice makes them holidays; a weekend day is a working day when the notice
 * moves work onto it (调休上班). A year whose notice is not loaded is an error, never a guess.
 *
 * Deadlines follow 民法典 第二百零一条: the day a period starts is not counted; a step that starts
 * on day D with N working days is due at the end of D's Nth following working day.
 */
export interface CalendarYear {
  year: number;
  /** Days off by the notice (may include weekend days). */
  holidays: string[];
  /** Weekend days made working days by the notice. */
  workdays: string[];
}

export class CalendarYearMissingError extends Error {
  constructor(readonly year: number) {
    super(`the working-day calendar for ${year} is not loaded`);
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The problems of a year's notice as data, each naming the date (empty when it is sound). */
export function calendarYearProblems(input: CalendarYear): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [list, days] of [['holidays', input.holidays], ['workdays', input.workdays]] as const) {
    for (const day of days) {
      if (!isDate(day)) problems.push(`${list}: ${day} is not a date (YYYY-MM-DD)`);
      else if (Number(day.slice(0, 4)) !== input.year) problems.push(`${list}: ${day} is not in ${input.year}`);
      else if (seen.has(day)) problems.push(`${list}: ${day} is listed twice`);
      else if (list === 'workdays' && !isWeekend(day)) problems.push(`workdays: ${day} is a weekday already (a make-up working day falls on a weekend)`);
      seen.add(day);
    }
  }
  return problems;
}

export class WorkingCalendar {
  private readonly years = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();

  constructor(years: readonly CalendarYear[]) {
    for (const y of years) this.years.set(y.year, { holidays: new Set(y.holidays), workdays: new Set(y.workdays) });
  }

  loadedYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  isWorkingDay(day: string): boolean {
    const year = this.years.get(Number(day.slice(0, 4)));
    if (!year) throw new CalendarYearMissingError(Number(day.slice(0, 4)));
    if (year.workdays.has(day)) return true;
    if (year.holidays.has(day)) return false;
    return !isWeekend(day);
  }

  /** The due date of a period of `workingDays` (≥ 1) starting on `from`, which is not counted. */
  dueDate(from: string, workingDays: number): string {
    if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError('workingDays must be a whole number of at least 1');
    let day = from;
    for (let counted = 0; counted < workingDays; ) {
      day = nextDay(day);
      if (this.isWorkingDay(day)) counted++;
    }
    return day;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let day = nextDay(from); day <= to; day = nextDay(day)) if (this.isWorkingDay(day)) count++;
    return count;
  }
}

export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
