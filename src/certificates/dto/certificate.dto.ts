import { z } from 'zod';
import { Reason } from '../../common/validation/reason.js';

export const IssueCertificateRequest = z.object({
  kind: z
    .enum(['graduation', 'completion', 'incompletion'], { error: 'kind must be graduation, completion or incompletion' })
    .optional()
    .describe('the register decides the kind (第十九条); when given it must be the one the register allows'),
});

export const Certificate = z.object({
  id: z.uuid(),
  certificateNumber: z.string(),
  kind: z.enum(['graduation', 'completion', 'incompletion']),
  status: z.enum(['valid', 'revoked', 'suspended']),
  statusReason: z.string().nullable(),
  replacesId: z.uuid().nullable(),
  studentId: z.uuid(),
  issuerDid: z.string(),
  issuedAt: z.string(),
  verificationUrl: z.url(),
  qrSvgUrl: z.url(),
  qrPngUrl: z.url(),
  verifiableCredential: z.record(z.string(), z.unknown()),
});


const StatusPurpose = z.enum(['revocation', 'suspension'], { error: 'statusPurpose must be "revocation" or "suspension"' });
const StatusEntryRef = z.object({
  type: z.literal('BitstringStatusListEntry', { error: 'only BitstringStatusListEntry is supported' }),
  statusPurpose: StatusPurpose,
});

/** VC API (VCALM) status update: set (or, for suspension, clear) one status of a credential. */
export const UpdateCredentialStatusRequest = z.object({
  credentialId: z.string().min(1).max(255),
  credentialStatus: z.union([StatusEntryRef, z.array(StatusEntryRef).length(1, { error: 'one status entry per request' })]),
  status: z.boolean().default(true),
  reason: Reason,
});

export const UpdateCredentialStatusResponse = z.object({
  credentialId: z.string(),
  revoked: z.boolean(),
  suspended: z.boolean(),
});

export const CertificateStatusChangeRequest = z.object({ reason: Reason });

export const VerifyCredentialRequest = z.object({
  verifiableCredential: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }),
  options: z.record(z.string(), z.unknown()).optional(),
});

export const ProblemDetail = z.object({ type: z.string(), title: z.string(), detail: z.string() });

const TrustedIssuer = z
  .object({
    trusted: z.boolean(),
    id: z.string().optional(),
    name: z.string().optional(),
    level: z.enum(['national', 'province', 'city', 'county']).optional(),
    region: z.string().optional(),
    standing: z.enum(['active']).optional(),
  })
  .describe("the issuer as the trust list (GET /trust-list) knows it, never as the credential names itself; { trusted: false } when it is not on the list, and then verified is false");

export const VerifyCredentialResponse = z.object({
  verified: z.boolean(),
  status: z.enum(['valid', 'revoked', 'suspended', 'unknown', 'none']),
  checks: z.array(z.string()),
  problemDetails: z.array(ProblemDetail),
  warnings: z.array(ProblemDetail),
  issuer: TrustedIssuer,
});

export type CertificateView = z.infer<typeof Certificate>;

/** VC API issue: an unsigned VC 2.0 credential; the issuer adds id (if none), status entries and proof. */
export const IssueCredentialRequest = z.object({
  credential: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }),
  options: z
    .object({
      mandatoryPointers: z
        .array(z.string().regex(/^\/./, { error: 'each mandatory pointer is a JSON pointer below the root' }).max(500), { error: 'must be an array of JSON pointers' })
        .max(64)
        .optional()
        .describe('ecdsa-sd-2023 issuers only: what every disclosure reveals'),
    })
    .catchall(z.unknown())
    .optional(),
});

export const IssueCredentialResponse = z.object({ verifiableCredential: z.record(z.string(), z.unknown()) });

/** The same status update from the conformance suites, which send no reason. */
export const ConformanceStatusUpdateRequest = UpdateCredentialStatusRequest.extend({ reason: Reason.optional() });

/** VC API verify presentation: a challenge and domain, when given, must be those the proof was made for. */
export const VerifyPresentationRequest = z.object({
  verifiablePresentation: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }),
  options: z
    .object({
      challenge: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(1000).optional(),
      domain: z.string({ error: 'must be a string' }).min(1, { error: 'must not be empty' }).max(1000).optional(),
    })
    .optional(),
});

const PresentationCredentialResult = z.object({
  id: z.string().optional(),
  verified: z.boolean(),
  status: z.enum(['valid', 'revoked', 'suspended', 'unknown', 'none']),
  checks: z.array(z.string()),
  problemDetails: z.array(ProblemDetail),
  warnings: z.array(ProblemDetail),
  issuer: TrustedIssuer.optional(),
  claims: z.record(z.string(), z.unknown()).optional().describe('SD-JWT VC: the claims disclosed, when verified'),
});

export const VerifyPresentationResponse = z.object({
  verified: z.boolean(),
  checks: z.array(z.string()),
  problemDetails: z.array(ProblemDetail),
  warnings: z.array(ProblemDetail),
  credentialResults: z.array(PresentationCredentialResult),
});
