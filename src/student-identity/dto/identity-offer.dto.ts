import { z } from 'zod';
import { visibleText } from '../../common/validation/text.js';
import { IDENTITY_CONFIGURATIONS } from '../domain/configurations.js';

export const GuardianConsentRequest = z.object({
  guardianName: visibleText(1, 100),
  relation: z.enum(['father', 'mother', 'guardian', 'grandparent', 'other'], { error: 'relation must be father, mother, guardian, grandparent or other' }),
  signedFormSha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'signedFormSha256 must be the SHA-256 of the signed consent form, 64 lower-case hex digits' }),
  consentedOn: z.iso.date({ error: 'consentedOn must be a date, YYYY-MM-DD' }),
});

export const GuardianConsent = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  relation: z.string(),
  signedFormSha256: z.string(),
  consentedOn: z.string(),
  recordedAt: z.string(),
});

export const CreateIdentityOfferRequest = z.object({
  credentialConfigurations: z
    .array(z.enum(IDENTITY_CONFIGURATIONS, { error: `each credential configuration must be one of ${IDENTITY_CONFIGURATIONS.join(', ')}` }))
    .min(1)
    .max(2)
    .default([...IDENTITY_CONFIGURATIONS])
    .describe('which formats the wallet may take: SD-JWT VC, the W3C ecdsa-sd-2023 form, or both (default)'),
});

export const IdentityOffer = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  credentialOffer: z.string().describe('openid-credential-offer:// URL for the QR code (holds a URL, never personal data)'),
  credentialOfferUri: z.url(),
  txCode: z.string().describe('the six-digit transaction code: hand it over apart from the QR code; shown once, never stored'),
  qrSvg: z.string().describe('the QR code of credentialOffer as SVG, for printing; made once, as the offer’s code is never stored'),
  credentialConfigurations: z.array(z.string()),
  expiresAt: z.string(),
});

/** VC API `POST /credentials/derive`: a selective disclosure of an ecdsa-sd-2023 base credential. */
export const DeriveCredentialRequest = z.object({
  verifiableCredential: z.record(z.string(), z.unknown(), { error: 'must be a JSON object: the base credential' }),
  options: z.object({
    selectivePointers: z
      .array(z.string().regex(/^\/./, { error: 'each selective pointer is a JSON pointer below the root, e.g. /credentialSubject/age_over_14' }).max(500))
      .max(64)
      .default([]),
  }).default({ selectivePointers: [] }),
});
