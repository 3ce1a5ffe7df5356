import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UnprocessableError, ValidationError } from '../common/errors/domain-error.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { calendarYearProblems, CalendarYearMissingError, WorkingCalendar, type CalendarYear } from './domain/working-days.js';

interface YearRow {
  year: number;
  holidays: string[] | string;
  workdays: string[] | string;
  source: string;
  loaded_at: Date | string;
}

/**
 * The working-day calendar (第十五、二十一条 deadlines): the years loaded in the store, read once
 * and cached until a year is loaded. Deadlines of request steps come from here.
 */
@Injectable()
export class CalendarService {
  private cached: Promise<WorkingCalendar> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Pass the transaction's manager when calling inside a transaction (see pglite-driver.ts). */
  calendar(em?: EntityManager): Promise<WorkingCalendar> {
    this.cached ??= this.read(em).then((years) => new WorkingCalendar(years.map(toYear)), (error) => {
      this.cached = null;
      throw error;
    });
    return this.cached;
  }

  /** The due date of a period, or a 422 naming the year whose notice is not loaded. */
  async dueDate(from: string, workingDays: number): Promise<{ from: string; workingDays: number; dueDate: string }> {
    const calendar = await this.calendar();
    try {
      return { from, workingDays, dueDate: calendar.dueDate(from, workingDays) };
    } catch (error) {
      if (error instanceof CalendarYearMissingError) throw new UnprocessableError('CALENDAR_YEAR_MISSING', error.message);
      throw error;
    }
  }

  async years() {
    return (await this.read()).map((row) => ({ ...toYear(row), source: row.source, loadedAt: new Date(row.loaded_at).toISOString() }));
  }

  /** Loads (or corrects) a year's notice; checked as data first, audited. */
  async loadYear(principal: Principal, year: number, input: { holidays: string[]; workdays: string[]; source: string }) {
    const candidate: CalendarYear = { year, holidays: [...input.holidays].sort(), workdays: [...input.workdays].sort() };
    const problems = calendarYearProblems(candidate);
    if (problems.length > 0) throw new ValidationError(problems.map((message) => ({ field: message.split(':')[0], message })));
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO calendar_years (year, holidays, workdays, source, loaded_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (year) DO UPDATE SET holidays = $2, workdays = $3, source = $4, loaded_by = $5, loaded_at = now()`,
        [year, JSON.stringify(candidate.holidays), JSON.stringify(candidate.workdays), input.source, principal.accountId],
      );
      await this.audit.append(em, principal, {
        action: 'calendar.year_loaded',
        recordType: 'calendar_year',
        recordId: String(year),
        scopePath: principal.organisationPath,
        details: { holidays: candidate.holidays.length, workdays: candidate.workdays.length, source: input.source },
      });
    });
    this.cached = null;
    return (await this.years()).find((y) => y.year === year)!;
  }

  private async read(em: EntityManager = this.dataSource.manager): Promise<YearRow[]> {
    return em.query(`SELECT year, holidays, workdays, source, loaded_at FROM calendar_years ORDER BY year`);
  }
}

function toYear(row: YearRow): CalendarYear {
  const list = (v: string[] | string) => (typeof v === 'string' ? (JSON.parse(v) as string[]) : v);
  return { year: row.year, holidays: list(row.holidays), workdays: list(row.workdays) };
}
