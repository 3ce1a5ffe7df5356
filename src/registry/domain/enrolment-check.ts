/**
 * Every rule a new record must meet, in one pure function, so that a single enrolment
 * (POST /students) and a spreadsheet import check a student the same way: the identity document
 * and what it states (第六、十条), ethnicity and 户籍 (第三条), the enrolment date and grade, the
 * province's non-basic fields, the entry age of a grade-1 primary entrant (第十一条), and whether
 * the record is late (第六条, a flag, not a refusal). Duplicates (第九条) need the register and
 * are the caller's.
 */
import { ethnicityProblem, householdProblem, resolveIdentity, type FieldProblem, type ResolvedIdentity } from './basic-info.js';
import { entryAgeProblem, isLateRegistration, type EntryAgePolicy } from './entry-rules.js';
import type { IdDocumentType } from './identity-documents.js';
import { extraProblems, type ExtraFieldDefinition } from './record-schema.js';
import { checkEnrolmentDate, checkGrade, type EducationStage } from './student-lifecycle.js';

/** What the checks read of a new record (the parsed enrolment request, or a parsed sheet row). */
export interface EnrolmentFacts {
  idDocumentType: IdDocumentType;
  idNumber: string;
  nationality?: string;
  birthDate?: string;
  gender?: 'male' | 'female';
  ethnicity?: string;
  householdRegistration?: { divisionCode: string };
  enrolmentDate: string;
  educationStage: EducationStage;
  grade: number;
  extra: Readonly<Record<string, unknown>>;
}

/** The province's rules of the school's province (record-schemas). */
export interface EnrolmentRules {
  fields: readonly ExtraFieldDefinition[];
  entryAge: EntryAgePolicy;
}

/** `unprocessable`: the request is well formed but the rule refuses it (HTTP 422), else a bad field (400). */
export interface EnrolmentProblem extends FieldProblem {
  unprocessable?: true;
}

export type EnrolmentCheck =
  | { ok: true; value: { identity: ResolvedIdentity; lateRegistration: boolean } }
  | { ok: false; problems: EnrolmentProblem[] };

/** The first rule the record breaks (all of the province's field problems at once), or what it is created with. */
export function checkEnrolment(input: EnrolmentFacts, today: string, rules: EnrolmentRules): EnrolmentCheck {
  const id = resolveIdentity(input, today);
  if (!id.ok) return refuse(id.problem);
  const identity = id.value;
  const basic = ethnicityProblem(input.ethnicity, identity.nationality) ?? householdProblem(input.householdRegistration, input.idDocumentType);
  if (basic) return refuse(basic);
  const date = checkEnrolmentDate(input.enrolmentDate, identity.birthDate, today);
  if (!date.ok) return refuse({ field: 'enrolmentDate', code: date.code, message: date.message });
  const grade = checkGrade(input.educationStage, input.grade);
  if (!grade.ok) return refuse({ field: 'grade', code: grade.code, message: grade.message });
  const extra = extraProblems(rules.fields, input.extra);
  if (extra.length > 0) return { ok: false, problems: extra.map((p) => ({ field: p.field, code: 'INVALID_EXTRA_FIELD', message: p.message })) };
  const tooYoung = input.educationStage === 'primary' && input.grade === 1 ? entryAgeProblem(identity.birthDate, input.enrolmentDate, rules.entryAge) : null;
  if (tooYoung) return refuse({ field: 'birthDate', code: 'UNDER_ENTRY_AGE', message: tooYoung, unprocessable: true });
  return { ok: true, value: { identity, lateRegistration: isLateRegistration(input.enrolmentDate, today) } };
}

function refuse(problem: EnrolmentProblem): EnrolmentCheck {
  return { ok: false, problems: [problem] };
}
