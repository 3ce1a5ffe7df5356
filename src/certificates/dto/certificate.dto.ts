import { z } from 'zod';

export const IssueCertificateRequest = z.object({
  kind: z.literal('graduation', { error: 'only graduation certificates can be issued so far' }),
});

export const Certificate = z.object({
  id: z.uuid(),
  certificateNumber: z.string(),
  kind: z.enum(['graduation', 'completion', 'incompletion']),
  status: z.enum(['valid', 'revoked', 'suspended']),
  studentId: z.uuid(),
  issuerDid: z.string(),
  issuedAt: z.string(),
  verificationUrl: z.url(),
  qrSvgUrl: z.url(),
  qrPngUrl: z.url(),
  verifiableCredential: z.record(z.string(), z.unknown()),
});

export const VerifyCredentialRequest = z.object({
  verifiableCredential: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }),
  options: z.record(z.string(), z.unknown()).optional(),
});

export const ProblemDetail = z.object({ type: z.string(), title: z.string(), detail: z.string() });

export const VerifyCredentialResponse = z.object({
  verified: z.boolean(),
  checks: z.array(z.string()),
  problemDetails: z.array(ProblemDetail),
  warnings: z.array(ProblemDetail),
});

export type CertificateView = z.infer<typeof Certificate>;
