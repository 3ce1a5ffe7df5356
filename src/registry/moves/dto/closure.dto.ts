import { z } from 'zod';

export const CloseSchoolRequest = z.object({
  kind: z.enum(['merger', 'closure']).describe('合并: records go to the merged school; 撤销: to the supervising authority or a school it names (第十二条)'),
  successorCode: z
    .string()
    .regex(/^(\d{6}|\d{10})$/, 'must be a school code (10 digits) or a division code (6 digits)')
    .optional()
    .describe('the school the records go to; for a closure, omitted means the supervising authority'),
  effectiveOn: z.iso.date('must be a date in the form YYYY-MM-DD').describe('the day the school is merged or closed'),
});

export const SchoolClosure = z.object({
  schoolCode: z.string(),
  kind: z.enum(['merger', 'closure']),
  successorCode: z.string(),
  effectiveOn: z.string(),
  moved: z.number().int().describe('records moved (every status; history kept)'),
  accountsSealed: z.number().int().describe("the school's accounts sealed with it (sessions ended; they cannot be unsealed)"),
});
