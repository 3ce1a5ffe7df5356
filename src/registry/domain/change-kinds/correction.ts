/**
 * Correction of basic information (第十三条): a guardian (or the school) asks, the school
 * confirms, the supervising authority approves; on approval each field changes and its old
 * value is kept in the record's field history. Which fields may be corrected is this one table:
 * a new typed field is one line here (and its column).
 */
import { VISIBLE_TEXT } from '../../../common/validation/text.js';
import { isEthnicity } from '../codes/ethnicities.js';
import type { ChangeRefusal } from './change-kind.js';

export interface CorrectableField {
  /** The students column it changes. */
  column: string;
  /** Personal values are sealed in the history and never shown in requests or audit entries. */
  personal: boolean;
  /** On documents that encode it (the resident ID), the value follows the number: change the document instead. */
  followsIdDocument: boolean;
  /** What is wrong with a new value, or null. */
  problem(value: string, today: string): string | null;
  /** A field recorded only together with this one (户籍: division and address): a record without it gets both. */
  wholeWith?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const visible = (max: number, what: string) => (v: string) =>
  v.trim().length === 0 || v.length > max ? `${what} is 1 to ${max} characters` : VISIBLE_TEXT.test(v) ? null : `${what} has no control or invisible characters`;

export const CORRECTABLE_FIELDS = {
  name: { column: 'name', personal: true, followsIdDocument: false, problem: visible(100, 'a name') },
  gender: {
    column: 'gender',
    personal: false,
    followsIdDocument: true,
    problem: (v) => (v === 'male' || v === 'female' ? null : 'gender is male or female'),
  },
  birthDate: {
    column: 'birth_date',
    personal: true,
    followsIdDocument: true,
    problem: (v, today) => (!ISO_DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? 'a birth date is YYYY-MM-DD' : v > today ? 'a birth date is not in the future' : null),
  },
  ethnicity: { column: 'ethnicity', personal: true, followsIdDocument: false, problem: (v) => (isEthnicity(v) ? null : 'an ethnicity is a GB/T 3304 code') },
  householdDivision: {
    column: 'household_division',
    personal: false,
    followsIdDocument: false,
    wholeWith: 'householdAddress',
    problem: (v) => (/^\d{6}$/.test(v) ? null : 'a 户籍 division is a six-digit code'),
  },
  householdAddress: { column: 'household_address', personal: true, followsIdDocument: false, wholeWith: 'householdDivision', problem: visible(200, 'a 户籍 address') },
} as const satisfies Record<string, CorrectableField>;

export type CorrectableKey = keyof typeof CORRECTABLE_FIELDS;
export const CORRECTABLE_KEYS = Object.keys(CORRECTABLE_FIELDS) as CorrectableKey[];

/** Documents whose number encodes birth date and gender (GB 11643): those fields follow the document. */
const DOCUMENTS_ENCODING_PERSON = new Set(['resident_id', 'hkmt_residence_permit']);

/** A duplicate merged into another record (第二十五条) is changed no more: its kept record is. */
export const MERGED: ChangeRefusal = { kind: 'conflict', code: 'INVALID_STATE', message: 'the record was merged into another: change the record kept' };

export const CORRECTION = { name: 'student_correction', workingDays: 10, change: 'student.corrected' } as const;

export interface CorrectionInput {
  fields: Partial<Record<CorrectableKey, string>>;
  evidenceSha256: string;
}

/** The record as a correction sees it: its current values (as text) and document type. */
export interface CorrectionFacts {
  /** The record's status: a duplicate merged into another record is corrected there. */
  status: string;
  idDocumentType: string;
  /** Current values as text; null where the record has none (e.g. no 户籍 for a passport holder). */
  current: Record<CorrectableKey, string | null>;
}

export function checkCorrection(record: CorrectionFacts, input: CorrectionInput, today: string): ChangeRefusal | null {
  if (record.status === 'merged') return MERGED;
  const keys = Object.keys(input.fields) as CorrectableKey[];
  if (keys.length === 0) return { kind: 'validation', field: 'fields', code: 'NOTHING_TO_CORRECT', message: 'name at least one field to correct' };
  for (const key of keys) {
    const field: CorrectableField | undefined = CORRECTABLE_FIELDS[key];
    if (!field) return { kind: 'validation', field: `fields.${key}`, code: 'NOT_CORRECTABLE', message: `${key} is not a correctable field` };
    const value = input.fields[key]!;
    const problem = field.problem(value, today);
    if (problem) return { kind: 'validation', field: `fields.${key}`, code: 'INVALID_VALUE', message: problem };
    if (value === record.current[key]) return { kind: 'validation', field: `fields.${key}`, code: 'UNCHANGED', message: `${key} already has this value` };
    const partner = field.wholeWith as CorrectableKey | undefined;
    if (partner && record.current[partner] === null && input.fields[partner] === undefined) {
      return { kind: 'validation', field: `fields.${partner}`, code: 'INCOMPLETE', message: `${key} is recorded together with ${partner}: give both` };
    }
    if (field.followsIdDocument && DOCUMENTS_ENCODING_PERSON.has(record.idDocumentType)) {
      return {
        kind: 'unprocessable',
        code: 'FOLLOWS_ID_DOCUMENT',
        message: `${key} follows the record's identity document number: ask for an identity-document change instead`,
      };
    }
  }
  return null;
}
