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
