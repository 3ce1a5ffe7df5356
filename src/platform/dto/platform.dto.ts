import { z } from 'zod';
import { visibleText } from '../../common/validation/text.js';
import { ALL_ROLES } from '../auth/access.decorator.js';
import { ORG_LEVELS } from '../organisations/domain/org-level.js';

export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const LoginResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('seconds'),
});

export const CreateOrganisationRequest = z.object({
  parentCode: z.string().regex(/^\d{6}$|^\d{10}$/, 'must be an organisation code'),
  code: z.string().regex(/^\d{6}$|^\d{10}$/, 'must be a 6-digit division code or a 10-digit school code'),
  name: visibleText(2, 200),
});

export const Organisation = z.object({
  id: z.uuid(),
  code: z.string(),
  level: z.enum(ORG_LEVELS),
  name: z.string(),
  parentCode: z.string().nullable(),
});

export const CreateAccountRequest = z.object({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'must be 3–64 lower-case letters, digits, dots, dashes or underscores'),
  password: z.string().min(1).max(128),
  organisationCode: z.string().regex(/^\d{6}$|^\d{10}$/, 'must be an organisation code'),
});

export const Account = z.object({
  id: z.uuid(),
  username: z.string(),
  role: z.enum(ALL_ROLES),
  organisationCode: z.string(),
  status: z.enum(['active', 'locked', 'sealed']),
});

export const AuditChainReport = z.object({
  valid: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.string().nullable().describe('the first entry that does not match, or the first missing number'),
  reason: z.enum(['hash', 'link', 'mac', 'missing']).optional().describe('what is wrong there: its hash, its link to the entry before, its MAC (keyed under the master key), or the number is missing'),
});

export const AuditEntry = z.object({
  seq: z.string(),
  occurredAt: z.string(),
  actorAccountId: z.string().nullable(),
  actorOrganisationId: z.string().nullable(),
  scopePath: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  correlationId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
