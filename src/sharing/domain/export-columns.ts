/**
 * The columns of a desensitised export, one per approved claim (第二十四条): what the approval
 * does not name is not in the file. Cells that a spreadsheet would run as a formula are defused.
 */
import type { ShareableClaim } from './claims.js';

export interface ExportRow {
  name: string;
  gender: string;
  birthYear: string;
  ageOver: Record<number, boolean>;
  educationStage: string;
  grade: number;
  enrolmentStatus: string;
  school: string;
  region: string;
}

export interface ExportColumn {
  claim: ShareableClaim;
  header: string;
  value: (row: ExportRow) => string | number | boolean;
}

const age = (years: 12 | 14 | 16 | 18): ExportColumn => ({ claim: `age_over_${years}`, header: `已满${years}周岁`, value: (r) => r.ageOver[years] });

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { claim: 'name', header: '姓名（脱敏）', value: (r) => r.name },
  { claim: 'gender', header: '性别', value: (r) => r.gender },
  { claim: 'birth_date', header: '出生年份', value: (r) => r.birthYear },
  age(12),
  age(14),
  age(16),
  age(18),
  { claim: 'education_stage', header: '学段', value: (r) => r.educationStage },
  { claim: 'grade', header: '年级', value: (r) => r.grade },
  { claim: 'enrolment_status', header: '学籍状态', value: (r) => r.enrolmentStatus },
  { claim: 'school', header: '学校', value: (r) => r.school },
  { claim: 'region', header: '所在区县', value: (r) => r.region },
];

export function columnsFor(claims: readonly string[]): ExportColumn[] {
  return EXPORT_COLUMNS.filter((c) => claims.includes(c.claim));
}

/** A text cell starting with = + - @ (or a tab/CR) would be run as a formula by a spreadsheet. */
export function defused(value: string | number | boolean): string | number | boolean {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
