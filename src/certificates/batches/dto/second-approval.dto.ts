import { z } from 'zod';
import { Reason } from '../../../common/validation/reason.js';

export const SecondReviewRequest = z.object({
  decision: z.enum(['approve', 'refuse'], { error: 'must be approve or refuse' }),
  reason: Reason.describe('why (audited); refusing leaves the row without a certificate'),
});

export const ListSecondApprovalsQuery = z.object({
  after: z
    .string()
    .regex(/^[0-9a-f-]{36}\.\d{1,6}$/, 'must be the `next` of the previous page')
    .optional()
    .describe('the `next` of the previous page (keyset pagination)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const HoldEvidence = z
  .object({
    stage: z.enum(['primary', 'junior', 'senior']),
    recordCreatedAt: z.string().describe("when the register created the record (the register's clock, not the claimed enrolment date)"),
    leavingDate: z.string(),
    schoolYears: z.number().int().describe('school years from the record’s creation to leaving, both counted'),
    minimumSchoolYears: z.number().int().describe('the normal length of the stage'),
    reasons: z.array(z.enum(['record_too_recent', 'never_verified'])),
  })
  .describe('why the row is held: ids, codes and dates only');

export const HeldRow = z.object({
  listId: z.uuid(),
  position: z.number().int(),
  studentId: z.uuid(),
  schoolCode: z.string(),
  confirmingCode: z.string().describe('the authority that confirmed the list (and signs the certificate)'),
  leavingKind: z.enum(['graduation', 'completion', 'incompletion']),
  secondApproval: z.enum(['awaiting', 'approved', 'refused']),
  evidence: HoldEvidence,
});

export const HeldRowPage = z.object({ items: z.array(HeldRow), next: z.string().nullable() });

export type HeldRowView = z.infer<typeof HeldRow>;
