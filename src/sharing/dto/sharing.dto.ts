import { z } from 'zod';
import { Reason } from '../../common/validation/reason.js';
import { visibleText } from '../../common/validation/text.js';
import { SHAREABLE_CLAIMS } from '../domain/claims.js';

const HttpsUrl = z
  .url({ protocol: /^https$/, error: 'must be an https URL' })
  .max(500)
  .refine((v) => !new URL(v).hash, 'must not carry a fragment');

/** A public key only: EC P-256 or Ed25519, never a private member. */
const PublicJwk = z
  .object({
    kty: z.enum(['EC', 'OKP']),
    crv: z.enum(['P-256', 'Ed25519']),
    x: z.string().min(20).max(100),
    y: z.string().min(20).max(100).optional(),
    kid: z.string().min(1).max(100),
    use: z.literal('sig').optional(),
    alg: z.enum(['ES256', 'EdDSA']).optional(),
  })
  .strict()
  .refine((k) => (k.kty === 'EC') === (k.crv === 'P-256') && (k.kty === 'EC') === (k.y !== undefined), 'an EC key is P-256 with x and y; an OKP key is Ed25519 with x only');

export const RegisterRelyingSystemRequest = z.object({
  name: visibleText(2, 200),
  operator: visibleText(2, 200).describe('the organisation that runs it'),
  contact: visibleText(3, 200).describe("the operator's contact (an office, not a person's private number)"),
  purpose: Reason.describe('what it does with what it learns'),
  redirectUris: z.array(HttpsUrl).max(10).default([]),
  responseUris: z.array(HttpsUrl).max(10).default([]),
  jwks: z.object({ keys: z.array(PublicJwk).min(1).max(5) }).describe('its public keys; it signs client assertions (private_key_jwt) with them'),
});

export const RelyingSystem = z.object({
  id: z.uuid(),
  clientId: z.string(),
  name: z.string(),
  operator: z.string(),
  contact: z.string(),
  purpose: z.string(),
  redirectUris: z.array(z.string()),
  responseUris: z.array(z.string()),
  status: z.enum(['active', 'suspended']),
  registeredBy: z.object({ accountId: z.string(), organisationCode: z.string() }),
  createdAt: z.string(),
});

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const RequestApprovalRequest = z.object({
  claims: z.array(z.enum(SHAREABLE_CLAIMS)).min(1).max(SHAREABLE_CLAIMS.length),
  purpose: Reason,
  legalBasis: Reason.describe('the law or decision that allows it'),
  regionCode: z.string().regex(/^\d{6}$/, 'must be the 6-digit code of a county, city or province (or 000000)'),
  validUntil: Day,
  volumeLimit: z.number().int().min(1).max(10_000_000).describe('presentations it may receive in all'),
});

export const ApprovalStatusChangeRequest = z.object({ reason: Reason });

export const Approval = z.object({
  id: z.uuid(),
  relyingSystemId: z.uuid(),
  claims: z.array(z.string()),
  purpose: z.string(),
  legalBasis: z.string(),
  regionCode: z.string(),
  validUntil: z.string(),
  volumeLimit: z.number().int(),
  used: z.number().int(),
  status: z.enum(['requested', 'active', 'suspended', 'revoked', 'refused']),
  requestId: z.uuid().nullable().describe('the request on the step engine that decided it'),
  requestedBy: z.object({ accountId: z.string(), organisationCode: z.string() }),
  approvedBy: z.object({ accountId: z.string(), organisationCode: z.string() }).nullable().describe('谁批准、谁负责'),
  approvedAt: z.string().nullable(),
});

export const ClientTokenRequest = z.object({
  grant_type: z.literal('client_credentials'),
  client_assertion_type: z.literal('urn:ietf:params:oauth:client-assertion-type:jwt-bearer'),
  client_assertion: z.string().min(20).max(8000),
});

/** A relying system's OpenID4VP presentation request, within one of its approvals. */
export const CreatePresentationRequestRequest = z.object({
  approvalId: z.uuid(),
  claims: z
    .array(z.enum(SHAREABLE_CLAIMS))
    .min(1)
    .max(SHAREABLE_CLAIMS.length)
    .refine((c) => new Set(c).size === c.length, 'must not repeat a claim')
    .describe('the claims it asks for; each must be in the approval'),
});

export const PresentationRequestCreated = z.object({
  id: z.uuid(),
  requestUri: z.string().describe('openid4vp://?client_id=…&request_uri=… for a QR code or deep link'),
  clientId: z.string(),
  expiresAt: z.string(),
});

/** A direct_post answer (OpenID4VP 1.0 §8.2): form-encoded or JSON; vp_token is a DCQL answer (JSON). */
export const AuthorizationResponseRequest = z.object({
  vp_token: z.union([z.string().min(2).max(200_000), z.record(z.string(), z.unknown())]),
  state: z.string().max(200).optional(),
});

export const PresentationResult = z.object({
  id: z.uuid(),
  approvalId: z.uuid(),
  state: z.enum(['pending', 'answered', 'refused']),
  format: z.enum(['dc+sd-jwt', 'ldp_vc']).nullable(),
  claims: z.record(z.string(), z.unknown()).nullable().describe('only the claims asked for and disclosed'),
  subject: z.string().nullable().describe("the student's pairwise identifier for this relying system"),
  refusalCode: z.string().nullable(),
  answeredAt: z.string().nullable(),
  expiresAt: z.string(),
});

export const AccessLogQuery = z.object({
  after: z.string().regex(/^\d{1,18}$/, 'must be an entry id').optional().describe('the last entry id of the previous page (newest first)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The disclosures about one student, as the student's wallet and a bound guardian read them (newest first). */
export const DisclosurePage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      event: z.string().describe('what was asked: presentation.answer (the wallet answered a relying system) …'),
      outcome: z.enum(['allowed', 'refused']),
      code: z.string().nullable().describe('why it was refused'),
      claims: z.array(z.string()).describe('what the relying system learned (or asked, when refused)'),
      relyingSystem: z.object({ name: z.string(), operator: z.string() }).nullable().describe('who learned it'),
      approval: z
        .object({
          purpose: z.string().nullable(),
          legalBasis: z.string().nullable(),
          approvedBy: z.object({ organisationCode: z.string(), name: z.string().nullable() }),
        })
        .nullable()
        .describe('the approval it happened under: purpose, legal basis and the approving authority'),
    }),
  ),
  next: z.string().nullable(),
});

export const AccessLogPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      event: z.string().describe('what was asked: export, presentation request, presentation …'),
      outcome: z.enum(['allowed', 'refused']),
      code: z.string().nullable().describe('why it was refused'),
      claims: z.array(z.string()),
      subject: z.string().nullable().describe('a pairwise identifier or a row count — never a name or number'),
    }),
  ),
  next: z.string().nullable(),
});
