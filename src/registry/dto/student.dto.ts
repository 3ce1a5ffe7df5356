import { z } from 'zod';
import { ValidationError } from '../../common/errors/domain-error.js';
import { parseInput } from '../../common/validation/parse.js';
import { visibleText } from '../../common/validation/text.js';
import { divisionCodeProblem, normalisePhone } from '../domain/basic-info.js';
import { isEthnicity } from '../domain/codes/ethnicities.js';
import { isNationality } from '../domain/codes/nationalities.js';
import { ADMISSION_METHOD_CODES, DISABILITY_CATEGORY_CODES, GUARDIAN_RELATION_CODES } from '../domain/codes/record-codes.js';
import { ID_DOCUMENT_TYPES } from '../domain/identity-documents.js';
import { FIELD_NAME } from '../domain/record-schema.js';
import { STUDENT_STATUSES } from '../domain/student-lifecycle.js';
import { normaliseStudentNumberPrefix } from '../domain/student-search.js';

const isoDate = z.iso.date('must be a date in the form YYYY-MM-DD');

const nationalityCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code (GB/T 2659), e.g. CHN')
  .refine(isNationality, 'is not a nationality code of GB/T 2659 (ISO 3166-1 alpha-3)');

export const HouseholdRegistration = z.object({
  divisionCode: z.string().superRefine((code, ctx) => {
    const problem = divisionCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).describe('county-level administrative division code of the 户籍 (GB/T 2260)'),
  address: visibleText(1, 200).describe('the 户籍 address as on the household register'),
});

export const SpecialEducation = z.object({
  category: z.enum(DISABILITY_CATEGORY_CODES).describe('disability category of GB/T 26341: 1 视力, 2 听力, 3 言语, 4 肢体, 5 智力, 6 精神, 7 多重'),
  level: z.number().int().min(1, 'must be 1 to 4 (一级 to 四级)').max(4, 'must be 1 to 4 (一级 to 四级)'),
});

export const GuardianContact = z.object({
  relation: z.enum(GUARDIAN_RELATION_CODES).describe('father 父亲, mother 母亲, paternal_/maternal_ grandparents 祖父母/外祖父母, sibling, other_relative, other_guardian'),
  name: visibleText(1, 50),
  phone: z
    .string()
    .max(30)
    .transform((value, ctx) => {
      const phone = normalisePhone(value);
      if (phone === null) ctx.addIssue({ code: 'custom', message: 'must be a mainland mobile or landline number, or an international number starting with +' });
      return phone ?? '';
    })
    .describe('mainland mobile (11 digits), landline with area code, or +country code and number'),
});

/** Non-basic fields of the province (第三条): checked against its record schema. */
const extraKey = z.string().regex(FIELD_NAME, 'is not a field name (a lower camel-case identifier)');

/** zod's records skip a `__proto__` key silently; a field the province never defined is refused instead. */
function fieldsRecord<V extends z.ZodType>(value: V) {
  return z.preprocess((input, ctx) => {
    if (input !== null && typeof input === 'object' && Object.hasOwn(input, '__proto__')) {
      ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'is not a field name (a lower camel-case identifier)', input });
    }
    return input;
  }, z.record(extraKey, value));
}

export const ExtraFields = fieldsRecord(z.union([z.string().max(2000), z.number(), z.boolean()]));

export const EnrolStudentRequest = z.object({
  idDocumentType: z.enum(ID_DOCUMENT_TYPES).default('resident_id').describe('居民身份证, or for 第十条 students their own document'),
  idNumber: z.string().min(1, 'is required').max(40),
  nationality: nationalityCode.optional().describe('GB/T 2659; follows from the document where it states it (CHN for a resident ID); required with a passport and an older permanent residence card'),
  name: visibleText(1, 100),
  gender: z.enum(['male', 'female']).optional().describe('checked against the document when it carries it; required when it does not'),
  birthDate: isoDate.optional().describe('checked against the document when it carries it; required when it does not (passport, permits)'),
  ethnicity: z.string().refine(isEthnicity, 'is not an ethnic group code of GB/T 3304').optional().describe('two-digit code of GB/T 3304 (01 汉族 …); Chinese citizens only'),
  householdRegistration: HouseholdRegistration.optional().describe('户籍, for holders of a resident ID'),
  guardians: z.array(GuardianContact).max(6, 'at most six guardian contacts').optional(),
  specialEducation: SpecialEducation.optional().describe('for special-education students only (第十一条): disability category and level'),
  className: visibleText(1, 40).optional().describe('班级, e.g. 一年级(2)班'),
  admissionMethod: z.enum(ADMISSION_METHOD_CODES).optional().describe('入学方式: nearby 就近入学, unified 统一招生, special_talent 特长招生, ethnic_class 民族班招生, assigned 统筹安排, transient 借读, other 其他'),
  enrolmentDate: isoDate,
  educationStage: z.enum(['primary', 'junior', 'senior']),
  grade: z.number().int(),
  extra: ExtraFields.default({}).describe("the province's non-basic fields, as its record schema defines them"),
});

export const UpdateExtraRequest = z.object({
  extra: fieldsRecord(z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).describe('fields to set; null removes a field'),
  expectedVersion: z.number().int().positive().optional(),
});

export const ProposeGraduationRequest = z.object({
  graduationDate: isoDate.describe('the day the student leaves the stage'),
  leavingKind: z
    .enum(['graduation', 'completion', 'incompletion'])
    .default('graduation')
    .describe('毕业 / 结业 (studied to the end, requirements not all met) / 肄业 (left before the end of the stage)'),
  expectedVersion: z.number().int().positive().optional().describe('optimistic lock: the version you read'),
});

export const ConfirmGraduationRequest = z.object({
  expectedVersion: z.number().int().positive().optional(),
});

const STUDENT_NUMBER_PREFIX = /^S\d{0,15}[\dX]?$/;

/** The filters of a listing that name no person: they may sit in a URL (GET /students). */
const listFilters = {
  schoolCode: z.string().regex(/^\d{10}$/, 'must be a 10-digit school code').optional(),
  status: z.enum(STUDENT_STATUSES).optional(),
  stage: z.enum(['primary', 'junior', 'senior']).optional().describe('education stage'),
  grade: z.coerce.number().int().min(1, 'must be a grade from 1 to 12').max(12, 'must be a grade from 1 to 12').optional(),
  className: visibleText(1, 40).optional().describe('班级, exactly as recorded, e.g. 一年级(2)班; best with schoolCode'),
  studentNumber: z
    .string()
    .max(40)
    .transform(normaliseStudentNumberPrefix)
    .pipe(z.string().regex(STUDENT_NUMBER_PREFIX, 'must be a student number or its beginning (S, then digits)'))
    .optional()
    .describe('a whole student number (exact) or its beginning (prefix), e.g. S332024'),
  after: z.string().max(200).optional().describe('the `next` cursor of the previous page (opaque; keyset pagination)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
};

export const ListStudentsQuery = z.object({
  ...listFilters,
  lateRegistration: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('only records made more than two months after entry (第六条), or only the others'),
});

/**
 * Searches that name a person — a name prefix, an ID number — travel in a POST body, never in a
 * URL (URLs reach access logs, proxies and browser history). The ID number is compared by its
 * keyed digest; the number itself is never stored or logged, and each such search is a logged
 * lookup (GET /audit/reads), as a duplicate found at enrolment is.
 */
export const SearchStudentsRequest = z.object({
  ...listFilters,
  lateRegistration: z.boolean().optional(),
  name: visibleText(1, 100).optional().describe('the beginning of the name, e.g. 张 or 张伟 (prefix, exact characters)'),
  idDocumentType: z.enum(ID_DOCUMENT_TYPES).default('resident_id').describe('with idNumber'),
  idNumber: z.string().min(1, 'is required').max(40).optional().describe('the whole document number: found by its keyed digest, exact match only'),
  nationality: nationalityCode.optional().describe('with a passport number'),
});

/** Query keys that would put personal data into a URL: refused with a pointer to the POST search. */
const PERSONAL_QUERY_KEYS = ['name', 'namePrefix', 'idNumber'];

/** GET /students's query; a name or ID number in it is refused (400) rather than silently ignored. */
export function parseListQuery(query: unknown): z.output<typeof ListStudentsQuery> {
  const personal = PERSONAL_QUERY_KEYS.find((key) => query !== null && typeof query === 'object' && Object.hasOwn(query, key));
  if (personal) throw ValidationError.field(personal, 'names and ID numbers stay out of URLs: search with POST /students/search', 'PERSONAL_DATA_IN_URL');
  return parseInput(ListStudentsQuery, query, 'query');
}

export const Student = z.object({
  id: z.uuid(),
  studentNumber: z.string(),
  schoolCode: z.string(),
  idDocumentType: z.enum(ID_DOCUMENT_TYPES),
  idNumberMasked: z.string().describe('only the first 3 and last character are shown'),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  nationality: z.string(),
  ethnicity: z.string().nullable(),
  householdRegistration: z
    .object({ divisionCode: z.string(), address: z.string() })
    .nullable()
    .describe("户籍; the address in clear for the student's own school, its first six characters and stars above it"),
  specialEducation: z.object({ category: z.string(), level: z.number().int() }).nullable(),
  className: z.string().nullable(),
  admissionMethod: z.enum(ADMISSION_METHOD_CODES).nullable(),
  enrolmentDate: z.string(),
  educationStage: z.enum(['primary', 'junior', 'senior']),
  grade: z.number().int(),
  status: z.enum(STUDENT_STATUSES),
  graduationDate: z.string().nullable(),
  leavingKind: z.enum(['graduation', 'completion', 'incompletion']).nullable(),
  lateRegistration: z.boolean().describe('created more than two months after entering school (第六条)'),
  extra: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  version: z.number().int(),
});

/** The single record: with its guardian contacts (names and phones masked beyond the student's school). */
export const StudentRecord = Student.extend({
  guardians: z.array(z.object({ relation: z.enum(GUARDIAN_RELATION_CODES), name: z.string(), phone: z.string() })),
});

export const StudentPage = z.object({ items: z.array(Student), next: z.string().nullable().describe('cursor of the next page (pass it as `after`), null on the last') });

export type StudentView = z.infer<typeof Student>;
export type StudentRecordView = z.infer<typeof StudentRecord>;
export type GuardianContactInput = z.output<typeof GuardianContact>;
