import { z } from 'zod';
import { isValidStudentNumber } from '../domain/student-number.js';
import { ID_DOCUMENT_TYPES } from '../domain/identity-documents.js';

const isoDate = z.iso.date('must be a date in the form YYYY-MM-DD');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest in lowercase hex');

const SuspensionBody = z.object({
  kind: z.literal('suspension'),
  from: isoDate.describe('first day of the suspension (休学)'),
  until: isoDate.describe('last planned day; at most one year after from (第十六条)'),
  applicationDate: isoDate.describe("the day the guardian signed the application"),
  applicationSha256: sha256.describe('SHA-256 of the signed application as scanned'),
});

/** Correction of basic information (第十三条): the fields of CORRECTABLE_FIELDS with their new values. */
const CorrectionBody = z.object({
  kind: z.literal('correction'),
  fields: z
    .object({
      name: z.string().max(100).optional(),
      gender: z.enum(['male', 'female']).optional(),
      birthDate: isoDate.optional(),
      ethnicity: z.string().regex(/^\d{2}$/, 'must be a GB/T 3304 code').optional(),
      householdDivision: z.string().regex(/^\d{6}$/, 'must be a six-digit division code').optional(),
      householdAddress: z.string().max(200).optional(),
    })
    .strict()
    .describe('the corrected values (at least one); the old ones are kept in the record history'),
  evidenceSha256: sha256.describe('SHA-256 of the supporting document (household register, birth certificate …) as scanned'),
});

const IdentityDocumentBody = z.object({
  kind: z.literal('identity_document'),
  documentType: z.enum(ID_DOCUMENT_TYPES),
  number: z.string().min(1, 'is required').max(40),
  nationality: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code').optional().describe('for a passport'),
  evidenceSha256: sha256.describe('SHA-256 of the new document (or the notice replacing it) as scanned'),
});

/**
 * A register change asked for by the school (第十三、十六、十八、二十一条): one body per kind. Only
 * dates and digests of the signed paper forms — no names; the forms stay at the school. A
 * correction's values and a new document's number are the exception: they are kept sealed apart
 * from the request (student_field_changes, student_identity_documents), never in its details.
 */
export const ChangeRequestBody = z.discriminatedUnion('kind', [
  SuspensionBody,
  z.object({
    kind: z.literal('resumption'),
    on: isoDate.describe('the first day back at school (复学)'),
  }),
  z.object({
    kind: z.literal('death'),
    dateOfDeath: isoDate,
    certificateSha256: sha256.describe('SHA-256 of the death certificate as scanned'),
  }),
  z.object({
    kind: z.literal('withdrawal'),
    effectiveDate: isoDate.describe('the day the student leaves (退学, senior secondary only, 第十八条)'),
    applicationDate: isoDate.describe("the day the guardian signed the application"),
    applicationSha256: sha256.describe('SHA-256 of the signed application as scanned'),
  }),
  z.object({
    kind: z.literal('special_education_grade'),
    newGrade: z.number().int().min(1, 'must be a grade from 1 to 12').max(12, 'must be a grade from 1 to 12').describe('up, or down (降级) where the assessment says so; inside the stage'),
    assessmentDate: isoDate.describe("the day the expert committee (残疾人教育专家委员会) assessed the student (第十四条)"),
    assessmentSha256: sha256.describe("SHA-256 of the committee's assessment report as scanned"),
    effectiveDate: isoDate.describe('the first day in the new grade'),
  }),
  z.object({
    kind: z.literal('abroad'),
    departureDate: isoDate.describe('the day the student left to study abroad (出国(境)学习, 第二十条); not ahead'),
    evidenceSha256: sha256.describe('SHA-256 of the evidence (passport, visa, admission) as scanned'),
  }),
  z.object({
    kind: z.literal('return'),
    on: isoDate.describe('the first day back at school after studying abroad (回国, 第二十条)'),
    grade: z.number().int().describe('the grade the school places the student in by the study record'),
    stage: z.enum(['primary', 'junior', 'senior']).optional().describe('the stage, when it is not the one the student left'),
    studyRecordSha256: sha256.describe('SHA-256 of the study record abroad as scanned'),
  }),
  z.object({
    kind: z.literal('deferral'),
    from: isoDate.describe('first day of the deferral of entry (缓学, 第十一条): a primary grade 1 record not yet started'),
    until: isoDate.describe('last planned day; at most one school year (one year) after from'),
    applicationDate: isoDate.describe('the day the guardian signed the application'),
    applicationSha256: sha256.describe('SHA-256 of the signed application as scanned'),
    hukouAuthorityApprovalSha256: sha256.describe("SHA-256 of the approval of the education authority of the child's 户籍 as scanned"),
  }),
  z.object({
    kind: z.literal('entry'),
    on: isoDate.describe('the day the deferred child starts primary grade 1 (the record’s entry date from then on)'),
  }),
  CorrectionBody,
  IdentityDocumentBody,
]);

/** What a guardian may ask for their child: a correction or a suspension (the school confirms first). */
export const GuardianChangeRequestBody = z.discriminatedUnion('kind', [SuspensionBody, CorrectionBody]);

/** 升学 keeping the number (第十四条): the receiving school names the record by both numbers. */
export const ProgressionRequestBody = z.object({
  studentNumber: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .refine(isValidStudentNumber, 'must be a student number (S, 15 digits and a check character)')
    .describe('the record’s student number (第八条: it never changes)'),
  idDocumentType: z.enum(ID_DOCUMENT_TYPES).default('resident_id'),
  idNumber: z.string().min(1, 'is required').max(40).describe('the identity document number on the record; never stored in clear, never echoed'),
  nationality: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code').optional().describe('needed for a passport'),
  enrolmentDate: isoDate.describe('entry date of the new stage at the receiving school'),
  admissionSha256: sha256.describe('SHA-256 of the admission notice as scanned'),
});
export type ProgressionRequestInput = z.output<typeof ProgressionRequestBody>;

/** 正常升级 (第七条): the school's yearly promotion of every class by one grade. */
export const PromotionBody = z.object({
  schoolYear: z.number().int().min(2000).max(2100).describe('the school year promoted into (N: starts N-09-01); runs from N-07-01 until N+1-07-01'),
});

export const PromotionBatch = z.object({
  id: z.uuid(),
  schoolYear: z.number().int(),
  promoted: z.number().int().describe('records moved up one grade'),
  firstStudentId: z.uuid().nullable(),
  lastStudentId: z.uuid().nullable(),
  createdAt: z.string(),
});

export type ChangeRequestInput = z.output<typeof ChangeRequestBody>;
export type ChangeKey = ChangeRequestInput['kind'];
/** Kinds that move the record's status (a history period); the others change its fields. */
export type StatusChangeKey = Exclude<ChangeKey, 'correction' | 'identity_document'>;
export type CorrectionRequestInput = z.output<typeof CorrectionBody>;
export type IdentityDocumentRequestInput = z.output<typeof IdentityDocumentBody>;

export const StatusHistoryQuery = z.object({
  on: isoDate.optional().describe('answer the status on this day too'),
});

const RecordStatusEnum = z.enum(['enrolled', 'graduated', 'suspended', 'withdrawn', 'deceased', 'merged', 'abroad', 'deferred']);

export const StatusHistory = z.object({
  periods: z.array(
    z.object({
      status: RecordStatusEnum,
      schoolCode: z.string().describe('the school the student was at (学校标识码)'),
      stage: z.enum(['primary', 'junior', 'senior']),
      grade: z.number().int(),
      from: z.string().describe('first day (inclusive)'),
      to: z.string().nullable().describe('end (exclusive); null while current'),
      requestId: z.uuid().nullable().describe('the change request that caused it; null for enrolment and graduation'),
    }),
  ),
  on: z.string().optional(),
  statusOn: RecordStatusEnum.nullable().optional().describe('the status on `on`; null before the record existed'),
  placementOn: z
    .object({ status: RecordStatusEnum, schoolCode: z.string(), stage: z.enum(['primary', 'junior', 'senior']), grade: z.number().int() })
    .nullable()
    .optional()
    .describe('where the student was on `on` (school, stage, grade) and in what status; null before the record existed'),
});
