import { z } from 'zod';
import { Reason } from '../../common/validation/reason.js';
import { KEY_ALGORITHMS } from '../domain/key-algorithms.js';


const Algorithm = z.enum(KEY_ALGORITHMS as ['Ed25519', 'P-256'], { error: 'algorithm must be "Ed25519" or "P-256"' });

export const RotateIssuerKeyRequest = z.object({
  algorithm: Algorithm.describe('Which key to replace: Ed25519 (certificates, eddsa-rdfc-2022) or P-256 (ecdsa-sd-2023, SD-JWT VC ES256)'),
  reason: Reason,
});

export const RevokeIssuerKeyRequest = z.object({
  compromisedAt: z.iso
    .datetime({ offset: true, error: 'must be a date-time with a time zone, e.g. 2026-03-01T08:00:00+08:00' })
    .describe('Since when the key may have been in other hands: what it signed from then on no longer verifies'),
  reason: Reason,
});

export const IssuerKey = z.object({
  id: z.uuid(),
  algorithm: Algorithm,
  verificationMethod: z.string().describe('The key in the DID document: <did>#<publicKeyMultibase>'),
  publicKeyMultibase: z.string(),
  status: z.enum(['active', 'retired', 'revoked']).describe('active: signs now; retired: replaced, still verifies what it signed; revoked: compromised'),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  compromisedAt: z.string().nullable().describe("What the key signed from this time on no longer verifies (the DID document's `revoked`)"),
  revokedAt: z.string().nullable().describe('When the revocation was recorded'),
  reason: z.string().nullable(),
});

export const IssuerKeys = z.object({
  organisationCode: z.string(),
  did: z.string(),
  keys: z.array(IssuerKey),
});
