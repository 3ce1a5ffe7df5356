import { z } from 'zod';
import { visibleText } from '../../common/validation/text.js';
import { isDate } from '../domain/working-days.js';

const Day = z.string().refine(isDate, 'must be a date YYYY-MM-DD');

export const DueDateQuery = z.object({
  from: Day.describe('the day the period starts (not counted)'),
  workingDays: z.coerce.number().int().min(1).max(366),
});

export const DueDate = z.object({ from: z.string(), workingDays: z.number().int(), dueDate: z.string() });

export const CalendarYearRequest = z.object({
  holidays: z.array(Day).max(366).describe('days off by the notice'),
  workdays: z.array(Day).max(366).describe('weekend days made working days (调休上班)'),
  source: visibleText(2, 200).describe('the notice, e.g. 国办发明电〔2026〕…号'),
});

export const CalendarYear = z.object({
  year: z.number().int(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  source: z.string(),
  loadedAt: z.string(),
});
