import { z } from 'zod';
import { DROPOUT_OUTCOMES, FOLLOW_UP_ACTIONS } from '../domain/dropout-rules.js';

export const FlagDropoutRequest = z.object({
  studentId: z.uuid(),
  reason: z.string().trim().min(2, 'is required').max(500).describe('why the student may have dropped out (no names)'),
});

export const FollowUpRequest = z.object({
  on: z.iso.date('must be a date in the form YYYY-MM-DD'),
  action: z.enum(FOLLOW_UP_ACTIONS),
  note: z.string().trim().min(2, 'is required').max(1000),
  outcome: z.enum(DROPOUT_OUTCOMES).optional().describe('set when the case ends: returned to school, transferred, exempted, other'),
});

export const ListDropoutsQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const DropoutCase = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  schoolCode: z.string(),
  source: z.enum(['verification', 'authority']),
  problemId: z.uuid().nullable(),
  reason: z.string(),
  flaggedOn: z.string(),
  followUpDue: z.string().describe('the first follow-up is due by the end of this day (10 working days)'),
  status: z.enum(['open', 'closed']),
  outcome: z.enum(DROPOUT_OUTCOMES).nullable(),
  closedOn: z.string().nullable(),
  followUps: z.array(z.object({ on: z.string(), action: z.enum(FOLLOW_UP_ACTIONS), note: z.string(), outcome: z.enum(DROPOUT_OUTCOMES).nullable() })),
});

export const DropoutPage = z.object({ items: z.array(DropoutCase), next: z.uuid().nullable() });
