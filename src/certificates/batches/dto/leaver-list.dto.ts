import { z } from 'zod';
import { Reason } from '../../../common/validation/reason.js';
import { MAX_LIST_ROWS } from '../domain/leaver-list.js';

const isoDate = z.iso.date('must be a date in the form YYYY-MM-DD');
const LeavingKind = z
  .enum(['graduation', 'completion', 'incompletion'], { error: 'must be graduation, completion or incompletion' })
  .describe('毕业 / 结业 (studied to the end, requirements not all met) / 肄业 (left before the end of the stage)');

export const ProposeLeaverListRequest = z.object({
  leavingDate: isoDate.optional().describe('the day the class leaves; a row may give its own'),
  leavingKind: LeavingKind.optional().describe('default for rows that give none (graduation)'),
  items: z
    .array(
      z.object({
        studentId: z.uuid('must be a UUID'),
        leavingKind: LeavingKind.optional(),
        leavingDate: isoDate.optional(),
      }),
    )
    .min(1, 'must name at least one student')
    .max(MAX_LIST_ROWS, `at most ${MAX_LIST_ROWS} students per list`),
});

export const RefuseLeaverListRequest = z.object({
  reason: Reason,
});

export const LeaverListItemsQuery = z.object({
  after: z.coerce.number().int().min(-1).default(-1).describe('position to continue after (keyset pagination)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  state: z.enum(['pending', 'held', 'issued', 'failed']).optional(),
});

export const ListLeaverListsQuery = z.object({
  state: z.enum(['proposed', 'refused', 'issuing', 'issued']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const LeaverListItem = z.object({
  position: z.number().int(),
  studentId: z.uuid(),
  studentNumber: z.string(),
  name: z.string().describe('the student as the register names them now: a reviewer reads names, not ids'),
  leavingKind: z.enum(['graduation', 'completion', 'incompletion']),
  leavingDate: z.string(),
  state: z.enum(['pending', 'held', 'issued', 'failed']).describe('held: waiting for the second approval of the authority above the confirming one'),
  secondApproval: z.enum(['awaiting', 'approved', 'refused']).nullable().describe('null: the row did not need a second approval'),
  certificateId: z.uuid().nullable(),
  certificateNumber: z
    .string()
    .nullable()
    .describe('given at the approval: the issued certificate carries it; on a failed row it is void (never given to another certificate)'),
  error: z.object({ code: z.string(), detail: z.string() }).nullable(),
});

export const LeaverListSummary = z.object({
  id: z.uuid(),
  schoolCode: z.string(),
  state: z.enum(['proposed', 'refused', 'issuing', 'issued']),
  total: z.number().int(),
  done: z.number().int().describe('certificates issued'),
  failed: z.number().int().describe('rows that could not be issued (see their error)'),
  pending: z.number().int(),
  held: z.number().int().describe('rows waiting for the second approval (not signed until approved)'),
  proposedAt: z.string(),
  reviewedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const LeaverList = LeaverListSummary.extend({
  items: z.array(LeaverListItem),
  next: z.number().int().nullable().describe('pass as `after` for the next page of items'),
});

export type LeaverListSummaryView = z.infer<typeof LeaverListSummary>;
export type LeaverListView = z.infer<typeof LeaverList>;
export type LeaverListItemView = z.infer<typeof LeaverListItem>;
