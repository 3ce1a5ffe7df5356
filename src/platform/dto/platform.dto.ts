import { z } from 'zod';
import { visibleText } from '../../common/validation/text.js';
import { ALL_ROLES } from '../auth/access.decorator.js';
import { ORG_LEVELS } from '../organisations/domain/org-level.js';

export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
  totpCode: z.string().regex(/^\d{6}$/, 'must be six digits').optional().describe('the current code of the authenticator, for accounts that enrolled one'),
});

export const ActivationRequest = z.object({
  username: z.string().min(1).max(64),
  activationCode: z.string().min(1).max(40).describe('the one-time code the authority handed over (case, spaces and dashes do not matter)'),
  newPassword: z.string().min(1).max(128),
});

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128).describe('at least 12 characters of three kinds; not the current one nor one of the last five'),
});

export const TotpEnrolment = z.object({
  secret: z.string().describe('base32, shown once; enter it in the authenticator or scan the URI as a QR code'),
  otpauthUri: z.string(),
});

export const TotpConfirmationRequest = z.object({
  code: z.string().regex(/^\d{6}$/, 'must be six digits'),
});

export const LoginResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('seconds'),
});

/** The console's session: the token is in the HttpOnly cookie, never in the body. */
export const ConsoleSessionResponse = z.object({
  expiresIn: z.number().int().describe('seconds until the session (and its cookies) end'),
  csrfToken: z.string().describe('echo it in X-CSRF-Token on every non-GET call authenticated by the cookie (also in the xueji_csrf cookie)'),
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

/** No password: whoever creates an account never knows it (the holder sets it with the activation code). */
export const CreateAccountRequest = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'must be 3–64 lower-case letters, digits, dots, dashes or underscores'),
  organisationCode: z.string().regex(/^\d{6}$|^\d{10}$/, 'must be an organisation code'),
});

export const Account = z.object({
  id: z.uuid(),
  username: z.string(),
  role: z.enum(ALL_ROLES),
  organisationCode: z.string(),
  status: z.enum(['pending_activation', 'active', 'sealed']),
  passwordChangedAt: z.string().nullable().describe('when the holder last set the password (it expires after PASSWORD_MAX_AGE_DAYS)'),
  lastLoginAt: z.string().nullable(),
  totpEnabled: z.boolean(),
  filing: z.object({ filedOn: z.string(), reference: z.string() }).nullable().describe('备案 of a school registrar (第二十二条)'),
  training: z.object({ trainedOn: z.string(), course: z.string() }).nullable(),
});

export const AccountPage = z.object({ items: z.array(Account), next: z.uuid().nullable() });

export const ListAccountsQuery = z.object({
  after: z.uuid().optional().describe('the last account id of the previous page (keyset pagination, by username)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ActivationIssued = z.object({
  account: Account,
  activationCode: z.string().describe('one-time, shown only in this answer: hand it to the holder, who sets a password with POST /auth/activation'),
  activationExpiresAt: z.string(),
});

const isoDate = z.iso.date('must be a date in the form YYYY-MM-DD');

export const FilingRequest = z.object({
  filedOn: isoDate,
  reference: visibleText(1, 100).describe('the filing (备案) reference'),
});

export const TrainingRequest = z.object({
  trainedOn: isoDate,
  course: visibleText(2, 200),
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
