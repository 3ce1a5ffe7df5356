import { z } from 'zod';
import { visibleText } from '../../common/validation/text.js';
import { IDENTITY_CONFIGURATIONS } from '../domain/configurations.js';
import { CONSENT_PURPOSES } from '../domain/guardian-consents.js';

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

/** A guardian's own consent, online: what is consented to, stated by the client (the only purpose is the identity credential). */
export const GiveGuardianConsentRequest = z.object({
  purpose: z.enum(CONSENT_PURPOSES, { error: `purpose must be ${CONSENT_PURPOSES.join(', ')}` }).describe('what is consented to: the student identity credential (学生可信教育数字身份) offered to the child'),
});

const ConsentRecorder = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('school'), organisationCode: z.string(), organisationName: z.string() }).describe('a paper consent the school recorded (the signer’s name stays with the school)'),
  z.object({ kind: z.literal('guardian'), byYou: z.boolean() }).describe('given online by a guardian bound to the child: you, or another'),
]);

export const GuardianConsentView = z.object({
  id: z.uuid(),
  source: z.enum(['paper', 'online']),
  purpose: z.enum(CONSENT_PURPOSES),
  relation: z.enum(['father', 'mother', 'guardian', 'grandparent', 'other']).describe('the consenting guardian’s relation to the child'),
  consentedOn: z.string().describe('YYYY-MM-DD, China time'),
  recordedAt: z.string(),
  recordedBy: ConsentRecorder,
  state: z.enum(['active', 'withdrawn']),
  withdrawnAt: z.string().nullable(),
  offersMade: z.number().int().describe('identity credential offers the school made under this consent (withdrawal leaves what they issued as it is)'),
});

export const StudentConsentList = z.object({
  consentNeeded: z.boolean().describe('whether the student is under 14 today, so that an offer needs an active consent'),
  items: z.array(GuardianConsentView).describe('newest first; paper ones recorded by a school, online ones given by a parent or legal guardian'),
});

export const GuardianConsentList = z.object({
  consentNeeded: z.boolean().describe('whether the child is under 14 today, so that an offer needs an active consent'),
  youMayConsent: z.boolean().describe('whether your relation (a parent or legal guardian) lets you consent and withdraw'),
  items: z.array(GuardianConsentView).describe('newest first'),
});
