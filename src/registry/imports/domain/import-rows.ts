/**
 * Checking a sheet before anything is written: its headers, then every row by the enrolment
 * request's schema and the enrolment rules (checkEnrolment, the same as POST /students), then
 * the same person twice in the file (第九条). Every problem is reported with the sheet's row
 * number (the header is row 1), the column's header and the reason; reasons name rules, never a
 * person's data. Duplicates against the register need the keyed digest: the service's.
 */
import type { z } from 'zod';
import type { ResolvedIdentity } from '../../domain/basic-info.js';
import { checkEnrolment, type EnrolmentRules } from '../../domain/enrolment-check.js';
import type { ExtraFieldDefinition } from '../../domain/record-schema.js';
import { EnrolStudentRequest } from '../../dto/student.dto.js';
import { columnOf, HEADERS, IGNORED_HEADERS, IMPORT_COLUMNS, rowToRequest, type Cells } from './import-columns.js';

export interface RowError {
  row: number;
  column: string;
  code: string;
  reason: string;
}

export interface SheetRow {
  row: number;
  cells: Cells;
}

export interface CheckedRow {
  row: number;
  input: z.output<typeof EnrolStudentRequest>;
  identity: ResolvedIdentity;
  lateRegistration: boolean;
}

/** Problems of the header row: a column the template lacks (unless a province field) or a required one missing. */
export function headerProblems(headers: readonly string[], fields: readonly ExtraFieldDefinition[]): RowError[] {
  const province = provinceColumns(fields);
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const header of headers) {
    if (header === '' || IGNORED_HEADERS.has(header)) continue;
    if (seen.has(header)) errors.push({ row: 1, column: header, code: 'DUPLICATE_COLUMN', reason: 'the column appears twice' });
    seen.add(header);
    if (!HEADERS.has(header) && !province.has(header)) {
      errors.push({ row: 1, column: header, code: 'UNKNOWN_COLUMN', reason: "is not a column of the import template or of the province's record fields" });
    }
  }
  for (const column of IMPORT_COLUMNS) {
    if (column.required && !seen.has(column.header)) errors.push({ row: 1, column: column.header, code: 'MISSING_COLUMN', reason: 'the template column is required' });
  }
  return errors;
}

/** Every row checked; `checked` holds the good ones, in sheet order. */
export function checkRows(rows: readonly SheetRow[], today: string, rules: EnrolmentRules): { checked: CheckedRow[]; errors: RowError[] } {
  const province = provinceColumns(rules.fields);
  const labels = new Map(rules.fields.map((f) => [f.name, f.label ?? f.name]));
  const checked: CheckedRow[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of rows) {
    const parsed = EnrolStudentRequest.safeParse(rowToRequest(cells, extraOf(cells, province)));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row, column: columnOf(issue.path, labels), code: 'INVALID_VALUE', reason: issue.message });
      continue;
    }
    const result = checkEnrolment(parsed.data, today, rules);
    if (!result.ok) {
      for (const p of result.problems) errors.push({ row, column: columnOf(p.field.split('.'), labels), code: p.code, reason: p.message });
      continue;
    }
    const person = `${parsed.data.idDocumentType}:${result.value.identity.normalised}`;
    const first = firstRowOf.get(person);
    if (first !== undefined) {
      errors.push({ row, column: '证件号码', code: 'DUPLICATE_IN_FILE', reason: `the same person as row ${first}: one record per person (第九条)` });
      continue;
    }
    firstRowOf.set(person, row);
    checked.push({ row, input: parsed.data, ...result.value });
  }
  return { checked, errors };
}

/** The rows whose person the register already holds (by the keyed digest), each reported once. */
export function registerDuplicates(rows: readonly number[]): RowError[] {
  return rows.map((row) => ({ row, column: '证件号码', code: 'DUPLICATE_PERSON', reason: 'a student record for this person already exists (第九条)' }));
}

/** Header → the province field it fills: by the field's label (是否留守儿童) or its name. */
function provinceColumns(fields: readonly ExtraFieldDefinition[]): Map<string, ExtraFieldDefinition> {
  const columns = new Map<string, ExtraFieldDefinition>();
  for (const f of fields) {
    columns.set(f.name, f);
    if (f.label) columns.set(f.label, f);
  }
  return columns;
}

/** The province fields' cells, typed as the field says ('是'/'否' for yes/no, numbers as numbers). */
function extraOf(cells: Cells, province: ReadonlyMap<string, ExtraFieldDefinition>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [header, field] of province) {
    const text = cells[header];
    if (text === undefined || text === '') continue;
    extra[field.name] = field.type === 'number' ? Number(text) : field.type === 'boolean' ? yesNo(text) : text;
  }
  return extra;
}

function yesNo(text: string): boolean | string {
  if (['是', 'true', 'TRUE', '1'].includes(text)) return true;
  if (['否', 'false', 'FALSE', '0'].includes(text)) return false;
  return text;
}
