import { z } from 'zod';
import { visibleText } from '../../common/validation/text.js';
import { STUDENT_STATUSES } from '../domain/student-lifecycle.js';

const isoDate = z.iso.date('must be a date in the form YYYY-MM-DD');

export const EnrolStudentRequest = z.object({
  idDocumentType: z.literal('resident_id').default('resident_id'),
  idNumber: z.string().min(1, 'is required').max(40),
  name: visibleText(1, 100),
  gender: z.enum(['male', 'female']).optional().describe('checked against the ID number when given'),
  enrolmentDate: isoDate,
  educationStage: z.enum(['primary', 'junior', 'senior']),
  grade: z.number().int(),
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

export const ListStudentsQuery = z.object({
  schoolCode: z.string().regex(/^\d{10}$/, 'must be a 10-digit school code').optional(),
  status: z.enum(STUDENT_STATUSES).optional(),
  after: z.string().max(20).optional().describe('student number to continue after (keyset pagination)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const Student = z.object({
  id: z.uuid(),
  studentNumber: z.string(),
  schoolCode: z.string(),
  idDocumentType: z.literal('resident_id'),
  idNumberMasked: z.string().describe('only the first 3 and last character are shown'),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  enrolmentDate: z.string(),
  educationStage: z.enum(['primary', 'junior', 'senior']),
  grade: z.number().int(),
  status: z.enum(STUDENT_STATUSES),
  graduationDate: z.string().nullable(),
  leavingKind: z.enum(['graduation', 'completion', 'incompletion']).nullable(),
  version: z.number().int(),
});

export const StudentPage = z.object({ items: z.array(Student), next: z.string().nullable() });

export type StudentView = z.infer<typeof Student>;
