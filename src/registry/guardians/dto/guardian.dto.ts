import { z } from 'zod';
import { GUARDIAN_RELATIONS } from '../../../platform/guardians/domain/binding-code.js';
import { STUDENT_STATUSES } from '../../domain/student-lifecycle.js';
import { StatusHistory } from '../../dto/change-request.dto.js';

const Code = z.string().min(1, 'is required').max(40).describe('the one-time binding code the school handed over (case, spaces and dashes do not matter)');
const Phone = z.string().min(1, 'is required').max(20).describe('a mainland mobile number (+86 optional)');

export const IssueBindingCodeRequest = z.object({ relation: z.enum(GUARDIAN_RELATIONS).describe("the guardian's relation to the student") });

export const BindingCodeIssued = z.object({
  code: z.string().describe('shown this once; single use'),
  relation: z.enum(GUARDIAN_RELATIONS),
  expiresAt: z.string(),
});

export const CreateGuardianAccountRequest = z.object({
  code: Code,
  phone: Phone,
  password: z.string().max(200).describe("the accounts' password rules: 12+ characters, three of lower, upper, digits, symbols"),
});
export const GuardianSessionRequest = z.object({ phone: Phone, password: z.string().max(200) });
export const GuardianBindingRequest = z.object({ code: Code });

export const GuardianChild = z.object({
  id: z.uuid(),
  name: z.string(),
  relation: z.enum(GUARDIAN_RELATIONS),
  schoolCode: z.string(),
  schoolName: z.string(),
  educationStage: z.string(),
  grade: z.number().int(),
  status: z.enum(STUDENT_STATUSES),
});

export const GuardianAccountCreated = z.object({ id: z.uuid(), children: z.array(GuardianChild) });

export const GuardianChildRecord = GuardianChild.extend({
  studentNumber: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  enrolmentDate: z.string(),
  idDocumentType: z.string(),
  idNumberMasked: z.string().describe('only the first 3 and last character are shown'),
  statusHistory: StatusHistory.shape.periods,
  corrections: z.array(z.object({ field: z.string(), appliedOn: z.string(), requestId: z.uuid() })).describe('fields corrected (第十三条); values not shown'),
});

export const GuardianRequest = z.object({
  id: z.uuid(),
  kind: z.string().describe('any request kind about the child: suspension, correction, transfer …'),
  status: z.enum(['open', 'approved', 'refused', 'withdrawn']),
  askedByYou: z.boolean(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  steps: z.array(
    z.object({
      index: z.number().int(),
      name: z.string(),
      organisationCode: z.string(),
      status: z.enum(['waiting', 'pending', 'approved', 'refused']),
      startedOn: z.string().nullable(),
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      decidedAt: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});

export const GuardianRequestList = z.object({ items: z.array(GuardianRequest) });

export const StudentGuardianList = z.object({
  items: z.array(z.object({ guardianId: z.uuid(), relation: z.enum(GUARDIAN_RELATIONS), boundAt: z.string() })).describe('no phone numbers'),
});
