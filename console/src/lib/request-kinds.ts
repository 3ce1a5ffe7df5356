import type { paths } from '../api/schema';

/** The bodies of POST /students/{id}/change-requests, one per kind (from the OpenAPI document). */
export type ChangeBody = paths['/students/{id}/change-requests']['post']['requestBody']['content']['application/json'];
export type GuardianChangeBody = paths['/guardian/children/{id}/change-requests']['post']['requestBody']['content']['application/json'];
export type ChangeKind = ChangeBody['kind'];
type CorrectionFields = Extract<ChangeBody, { kind: 'correction' }>['fields'];
export type CorrectableField = keyof CorrectionFields;

type FieldType = 'date' | 'file' | 'grade' | 'text' | 'stage' | 'documentType' | 'gender';

/** One input of a kind's form; `name` is the body's own field, so a 400's `errors[].field` lands on it. */
export interface FieldSpec<N extends string = string> {
  name: N;
  type: FieldType;
  optional?: boolean;
}

type FieldsOf<K extends ChangeKind> = Exclude<keyof Extract<ChangeBody, { kind: K }>, 'kind'> & string;
type Spec = { [K in ChangeKind]: Array<FieldSpec<FieldsOf<K>>> };

/**
 * The form of each kind a school registrar may ask for (src/registry/dto/change-request.dto.ts):
 * dates, grades, and each scanned form as a file whose SHA-256 goes into the body and whose bytes
 * become the request's material. A correction's `fields` are the correctable ones below.
 */
export const KIND_FIELDS: Spec = {
  suspension: [
    { name: 'from', type: 'date' },
    { name: 'until', type: 'date' },
    { name: 'applicationDate', type: 'date' },
    { name: 'applicationSha256', type: 'file' },
  ],
  resumption: [{ name: 'on', type: 'date' }],
  withdrawal: [
    { name: 'effectiveDate', type: 'date' },
    { name: 'applicationDate', type: 'date' },
    { name: 'applicationSha256', type: 'file' },
  ],
  correction: [{ name: 'evidenceSha256', type: 'file' }],
  abroad: [
    { name: 'departureDate', type: 'date' },
    { name: 'evidenceSha256', type: 'file' },
  ],
  return: [
    { name: 'on', type: 'date' },
    { name: 'grade', type: 'grade' },
    { name: 'stage', type: 'stage', optional: true },
    { name: 'studyRecordSha256', type: 'file' },
  ],
  deferral: [
    { name: 'from', type: 'date' },
    { name: 'until', type: 'date' },
    { name: 'applicationDate', type: 'date' },
    { name: 'applicationSha256', type: 'file' },
    { name: 'hukouAuthorityApprovalSha256', type: 'file' },
  ],
  entry: [{ name: 'on', type: 'date' }],
  identity_document: [
    { name: 'documentType', type: 'documentType' },
    { name: 'number', type: 'text' },
    { name: 'nationality', type: 'text', optional: true },
    { name: 'evidenceSha256', type: 'file' },
  ],
  special_education_grade: [
    { name: 'newGrade', type: 'grade' },
    { name: 'assessmentDate', type: 'date' },
    { name: 'effectiveDate', type: 'date' },
    { name: 'assessmentSha256', type: 'file' },
  ],
  death: [
    { name: 'dateOfDeath', type: 'date' },
    { name: 'certificateSha256', type: 'file' },
  ],
};

/** In the order a registrar most often needs them. */
export const REGISTRAR_KINDS = Object.keys(KIND_FIELDS) as ChangeKind[];
/** What a guardian may ask (GuardianChangeRequestBody): the school confirms it first. */
export const GUARDIAN_KINDS: Array<GuardianChangeBody['kind']> = ['correction', 'suspension'];

export const CORRECTABLE: Array<FieldSpec<CorrectableField & string>> = [
  { name: 'name', type: 'text', optional: true },
  { name: 'gender', type: 'gender', optional: true },
  { name: 'birthDate', type: 'date', optional: true },
  { name: 'ethnicity', type: 'text', optional: true },
  { name: 'householdDivision', type: 'text', optional: true },
  { name: 'householdAddress', type: 'text', optional: true },
];

export const ID_DOCUMENT_TYPES = ['resident_id', 'hkmt_residence_permit', 'hkmo_permit', 'taiwan_permit', 'passport', 'foreign_permanent_residence'] as const;

/** The engine's kind name of a request opened by a body kind (GET /requests?kind=…). */
export const REQUEST_KIND_OF: Record<ChangeKind, string> = {
  suspension: 'student_suspension',
  resumption: 'student_resumption',
  withdrawal: 'student_withdrawal',
  correction: 'student_correction',
  abroad: 'student_study_abroad',
  return: 'student_return_from_abroad',
  deferral: 'student_deferral',
  entry: 'student_entry_after_deferral',
  identity_document: 'student_identity_document_change',
  special_education_grade: 'special_education_grade_change',
  death: 'student_death_cancellation',
};

/** The values of a form, by field name (correction values under `fields.<name>`). */
export type FormValues = Record<string, string | number | undefined>;

/**
 * The body a form's values make for a kind: empty optional fields left out, a correction's
 * filled-in fields gathered under `fields`. The cast is the one place the generic form meets the
 * typed union; KIND_FIELDS above is typed by that union, so a renamed field breaks the build.
 */
export function bodyOf<K extends ChangeKind>(kind: K, values: FormValues): Extract<ChangeBody, { kind: K }> {
  const body: Record<string, unknown> = { kind };
  for (const field of KIND_FIELDS[kind] as FieldSpec[]) {
    const value = values[field.name];
    if (value !== undefined && value !== '') body[field.name] = typeof value === 'string' ? value.trim() : value;
  }
  if (kind === 'correction') {
    const fields: Record<string, unknown> = {};
    for (const field of CORRECTABLE) {
      const value = values[`fields.${field.name}`];
      if (typeof value === 'string' && value.trim() !== '') fields[field.name] = value.trim();
    }
    body.fields = fields;
  }
  return body as Extract<ChangeBody, { kind: K }>;
}

/** The form's required inputs still empty (a correction also needs one corrected value). */
export function missingFields(kind: ChangeKind, values: FormValues): string[] {
  const missing = (KIND_FIELDS[kind] as FieldSpec[]).filter((f) => !f.optional && (values[f.name] === undefined || values[f.name] === '')).map((f) => f.name);
  if (kind === 'correction' && !CORRECTABLE.some((f) => String(values[`fields.${f.name}`] ?? '').trim() !== '')) missing.push('fields');
  return missing;
}
