import { z } from 'zod';

export const ListReadsQuery = z.object({
  accountId: z.uuid().optional().describe("one account's reads"),
  kind: z.enum(['record', 'id_lookup']).optional(),
  after: z
    .string()
    .regex(/^\d{1,18}$/, 'must be the `next` of the previous page')
    .optional()
    .describe('the `next` of the previous page (keyset pagination, newest first)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const RecordRead = z.object({
  id: z.string().describe('the entry number in the read log'),
  readAt: z.string(),
  accountId: z.uuid(),
  organisationCode: z.string().describe("the reader's organisation"),
  kind: z.enum(['record', 'id_lookup']).describe('record: a student record was read; id_lookup: whether an ID number is registered was answered'),
  recordId: z.uuid().nullable(),
  lookupDigest: z.string().nullable().describe("the ID number's keyed digest (never the number)"),
  route: z.string(),
  correlationId: z.string().nullable(),
});

export const RecordReadPage = z.object({ items: z.array(RecordRead), next: z.string().nullable() });

export type RecordReadView = z.infer<typeof RecordRead>;
