import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SHIPPED_CALENDAR_YEARS } from '../../workflow/calendar-data.js';

/**
 * The working-day calendar as data (one row per year's State Council notice), with the years the
 * service ships; the national authority loads later ones.
 */
export class CalendarYears1765500000002 implements MigrationInterface {
  name = 'CalendarYears1765500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_years (
        year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        holidays jsonb NOT NULL,
        workdays jsonb NOT NULL,
        source varchar(200) NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        loaded_by uuid REFERENCES accounts(id)
      )`);
    for (const y of SHIPPED_CALENDAR_YEARS) {
      await q.query(`INSERT INTO calendar_years (year, holidays, workdays, source) VALUES ($1, $2, $3, 'shipped with the service')`, [
        y.year,
        JSON.stringify(y.holidays),
        JSON.stringify(y.workdays),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_years`);
  }
}
