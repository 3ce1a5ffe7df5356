import { SHIPPED_CALENDAR_YEARS } from '../calendar-data.js';
import { calendarYearProblems, CalendarYearMissingError, WorkingCalendar } from './working-days.js';

const calendar = new WorkingCalendar(SHIPPED_CALENDAR_YEARS);

describe('working days from the State Council notices', () => {
  it.each([
    // Spring Festival 2026: off 02-15…02-23, make-up working Saturdays 02-14 and 02-28
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-13', 10, '2026-03-05'],
    // Mid-Autumn and National Day 2026: off 09-25…09-27 and 10-01…10-07, make-up 09-20 (Sun) and 10-10 (Sat)
    ['2026-09-18', 1, '2026-09-20'],
    ['2026-09-18', 10, '2026-10-09'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-09', 1, '2026-10-10'],
    // an ordinary week: Friday's next working day is Monday; the starting day never counts
    ['2026-11-27', 1, '2026-11-30'],
    ['2026-11-30', 5, '2026-12-07'],
    // across the years shipped: 01-01…01-03 off, 01-04 a make-up Sunday
    ['2025-12-31', 1, '2026-01-04'],
  ])('from %s, %i working day(s) → due %s', (from, days, due) => {
    expect(calendar.dueDate(from, days)).toBe(due);
  });

  it('counts 60 working days (a death cancellation, 第二十一条) across the National Day holiday', () => {
    const due = calendar.dueDate('2026-09-01', 60);
    expect(calendar.workingDaysBetween('2026-09-01', due)).toBe(60);
    expect(calendar.isWorkingDay(due)).toBe(true);
    expect(due).toBe('2026-11-30');
  });

  it('is an error, never a guess, for a year not loaded', () => {
    expect(() => calendar.dueDate('2026-12-30', 5)).toThrow(CalendarYearMissingError);
    expect(() => calendar.isWorkingDay('2024-05-01')).toThrow('the working-day calendar for 2024 is not loaded');
  });

  it('refuses a period of no working days', () => {
    expect(() => calendar.dueDate('2026-03-02', 0)).toThrow(RangeError);
  });

  it('checks a notice loaded as data, naming each bad date', () => {
    expect(calendarYearProblems(SHIPPED_CALENDAR_YEARS[1])).toEqual([]);
    expect(calendarYearProblems({ year: 2027, holidays: ['2027-02-30', '2026-10-01', '2027-01-01', '2027-01-01'], workdays: ['2027-01-04'] })).toEqual([
      'holidays: 2027-02-30 is not a date (YYYY-MM-DD)',
      'holidays: 2026-10-01 is not in 2027',
      'holidays: 2027-01-01 is listed twice',
      'workdays: 2027-01-04 is a weekday already (a make-up working day falls on a weekend)',
    ]);
  });
});
