import { z } from 'zod';
import { Reason } from '../../../common/validation/reason.js';
import { WARNING_KINDS } from '../domain/warning-kinds.js';

export const ListWarningsQuery = z.object({
  kind: z.enum(WARNING_KINDS).optional(),
  state: z.enum(['open', 'acknowledged', 'all']).default('open'),
  after: z.uuid().optional().describe('the last warning id of the previous page (keyset pagination, newest first)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AcknowledgeWarningRequest = z.object({
  note: Reason.describe('what was found and done (audited)'),
});

export const Warning = z.object({
  id: z.uuid(),
  kind: z.enum(WARNING_KINDS),
  organisationCode: z.string().describe('the organisation the warning concerns'),
  subjectType: z.string(),
  subjectId: z.string(),
  evidence: z.record(z.string(), z.unknown()).describe('codes, counts and opaque ids — never personal data'),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  note: z.string().nullable(),
});

export const WarningPage = z.object({ items: z.array(Warning), next: z.uuid().nullable() });
