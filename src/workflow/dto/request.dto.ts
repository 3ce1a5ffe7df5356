import { z } from 'zod';
import { Reason } from '../../common/validation/reason.js';

export const DecideStepRequest = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('approve'), reason: Reason.optional() }),
  z.object({ outcome: z.literal('refuse'), reason: Reason.describe('required: why (shown to the requester, audited)') }),
]);

export const ListRequestsQuery = z.object({
  kind: z.string().regex(/^[a-z_]{2,40}$/, 'must be a request kind').optional(),
  status: z.enum(['open', 'approved', 'refused', 'withdrawn']).optional(),
  studentId: z.uuid({ error: 'must be a student id' }).optional().describe('only the requests about this student (still only those your subtree sees)'),
  after: z.uuid().optional().describe('the last request id of the previous page (newest first)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const RequestStep = z.object({
  index: z.number().int(),
  name: z.string(),
  organisationCode: z.string().describe('who decides it (or, once overdue, the authority above)'),
  status: z.enum(['waiting', 'pending', 'approved', 'refused']),
  startedOn: z.string().nullable(),
  dueDate: z.string().nullable().describe('end of the Nth working day after the start'),
  overdue: z.boolean(),
  escalated: z.boolean().describe('overdue and reported to the authority above, which may now decide it'),
  decidedBy: z.string().nullable(),
  decidedByUsername: z.string().nullable().describe('the deciding account’s username (so that two colleagues on one step see who decided)'),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});

export const Request = z.object({
  id: z.uuid(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  status: z.enum(['open', 'approved', 'refused', 'withdrawn']),
  submittedBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  details: z.record(z.string(), z.unknown()),
  steps: z.array(RequestStep),
});

export const RequestPage = z.object({ items: z.array(Request), next: z.uuid().nullable() });
