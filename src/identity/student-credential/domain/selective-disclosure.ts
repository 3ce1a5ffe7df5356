import { DataIntegrityProof, type Signer } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { createDiscloseCryptosuite, createSignCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';

/**
 * The three holder-facing steps of an `ecdsa-sd-2023` credential, as plain functions:
 * the issuer signs a base proof, the holder derives a disclosure of chosen claims, and wraps
 * it in a presentation signed with the key its credentialSubject.id names, for a verifier's
 * challenge and domain. Pure: keys, clock and document loader come in as parameters.
 * The service verifies such presentations in certificates/presentation-verification.service.ts
 * (proofs on the verification threads); presentation-verification.ts beside this file is only the
 * reference verifier of this module's spec.
 */

export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';

/**
 * Revealed by every derivation: who issued it, what it is, when it holds, where its status is,
 * and whose key it is bound to. Without these a verifier could not check the rest.
 */
export const MANDATORY_POINTERS: readonly string[] = Object.freeze([
  '/issuer',
  '/type',
  '/validFrom',
  '/validUntil',
  '/credentialStatus',
  '/credentialSubject/id',
]);

export type SignedCredential = Record<string, unknown> & { proof: DataIntegrityProofLike };
export type VerifiablePresentation = Record<string, unknown> & { proof: DataIntegrityProofLike };

export interface DataIntegrityProofLike {
  type: string;
  cryptosuite: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
  [property: string]: unknown;
}

/** A Signer for the presentation proof: Ed25519 (eddsa-rdfc-2022) or P-256 (ecdsa-rdfc-2019). */
export interface HolderSigner extends Signer {
  algorithm: 'Ed25519' | 'P-256';
}

/**
 * The base proof, signed with the issuer's P-256 key. `mandatoryPointers` may add to
 * MANDATORY_POINTERS, never leave one out: a verifier relies on each of them.
 */
export async function issueSelectiveCredential(options: {
  credential: Record<string, unknown>;
  signer: Signer;
  mandatoryPointers?: readonly string[];
  documentLoader: DocumentLoader;
  now: Date;
}): Promise<SignedCredential> {
  const mandatoryPointers = [...(options.mandatoryPointers ?? MANDATORY_POINTERS)];
  const missing = MANDATORY_POINTERS.filter((pointer) => !mandatoryPointers.includes(pointer));
  if (missing.length > 0) throw new Error(`Mandatory pointers must include ${missing.join(', ')}.`);
  return issueSdCredential({ ...options, mandatoryPointers });
}

/**
 * An ecdsa-sd-2023 base proof over any credential, revealing always what `mandatoryPointers`
 * name (the VC API issuer's `options.mandatoryPointers`); identity credentials go through
 * issueSelectiveCredential, which insists on their own mandatory claims.
 */
export async function issueSdCredential(options: {
  credential: Record<string, unknown>;
  signer: Signer;
  mandatoryPointers: readonly string[];
  documentLoader: DocumentLoader;
  now: Date;
}): Promise<SignedCredential> {
  const { signer, documentLoader, now } = options;
  if (signer.algorithm !== 'P-256') throw new Error(`ecdsa-sd-2023 signs with P-256, not "${signer.algorithm}".`);
  const issuerId = idOf(options.credential.issuer);
  if (!issuerId || controllerOf(signer.id) !== issuerId) {
    // Such a credential could never verify; refuse it here rather than at the verifier.
    throw new Error(`Signer "${signer.id}" does not belong to issuer "${issuerId ?? ''}".`);
  }
  const credential = structuredClone(options.credential);
  const suite = new DataIntegrityProof({ signer, date: now, cryptosuite: createSignCryptosuite({ mandatoryPointers: [...options.mandatoryPointers] }) });
  return (await vc.issue({ credential, suite, documentLoader, now })) as SignedCredential;
}

/**
 * A derived credential revealing the mandatory claims and those `selectivePointers` name
 * (JSON pointers such as `/credentialSubject/age_over_14`), and nothing else of the subject.
 */
export async function deriveDisclosure(options: {
  verifiableCredential: SignedCredential;
  selectivePointers: readonly string[];
  documentLoader: DocumentLoader;
}): Promise<SignedCredential> {
  const { verifiableCredential, documentLoader } = options;
  const selectivePointers = [...options.selectivePointers];
  const bad = selectivePointers.find((pointer) => typeof pointer !== 'string' || !pointer.startsWith('/'));
  // "" would point at the whole document and disclose everything.
  if (bad !== undefined) throw new Error(`Selective pointers must be JSON pointers below the root: ${JSON.stringify(bad)}.`);
  const suite = new DataIntegrityProof({ cryptosuite: createDiscloseCryptosuite({ selectivePointers }) });
  return (await vc.derive({ verifiableCredential, suite, documentLoader })) as SignedCredential;
}

/**
 * Wraps one derived credential in a presentation whose holder is the credential's subject,
 * signed by that subject's key for the verifier's challenge and domain.
 */
export async function createPresentation(options: {
  derived: SignedCredential;
  holderSigner: HolderSigner;
  challenge: string;
  domain: string;
  documentLoader: DocumentLoader;
  now: Date;
}): Promise<VerifiablePresentation> {
  const { derived, holderSigner, challenge, domain, documentLoader, now } = options;
  if (typeof challenge !== 'string' || challenge === '' || typeof domain !== 'string' || domain === '') {
    throw new Error('A presentation needs the verifier’s challenge and domain.');
  }
  if (proofMode(derived.proof) !== 'derived') {
    // The base credential reveals every claim and the HMAC key that hides the rest.
    throw new Error('Only a derived disclosure can be presented, never the base credential.');
  }
  const holder = controllerOf(holderSigner.id);
  const subjectId = idOf((derived.credentialSubject as { id?: unknown } | undefined) ?? undefined);
  if (subjectId !== holder) {
    throw new Error(`The credential is bound to "${subjectId ?? ''}", not to the signer's DID "${holder}".`);
  }
  const cryptosuite = holderSigner.algorithm === 'Ed25519' ? eddsaRdfc2022 : holderSigner.algorithm === 'P-256' ? ecdsaRdfc2019 : undefined;
  if (!cryptosuite) throw new Error(`No presentation cryptosuite for a "${String(holderSigner.algorithm)}" key.`);
  const presentation = {
    '@context': [VC_V2_CONTEXT_URL],
    type: ['VerifiablePresentation'],
    holder,
    verifiableCredential: [derived],
  };
  const suite = new DataIntegrityProof({ signer: holderSigner, date: now, cryptosuite });
  return (await vc.signPresentation({ presentation, suite, documentLoader, challenge, domain })) as VerifiablePresentation;
}

/**
 * 'base' or 'derived' from the ecdsa-sd-2023 proofValue header (multibase `u`, then CBOR tag
 * 0xd95d00 for a base proof, 0xd95d01 for a derived one); undefined for anything else.
 */
export function proofMode(proof: unknown): 'base' | 'derived' | undefined {
  const { cryptosuite, proofValue } = (typeof proof === 'object' && proof !== null ? proof : {}) as Record<string, unknown>;
  if (cryptosuite !== 'ecdsa-sd-2023' || typeof proofValue !== 'string' || !proofValue.startsWith('u')) return undefined;
  const header = Buffer.from(proofValue.slice(1, 5), 'base64url');
  if (header.length < 3 || header[0] !== 0xd9 || header[1] !== 0x5d) return undefined;
  return header[2] === 0x00 ? 'base' : header[2] === 0x01 ? 'derived' : undefined;
}

/** The id of a node given as a URL string or an object with an `id`. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The DID (or URL) that controls a verification method: everything before `#`. */
export function controllerOf(verificationMethodId: string): string {
  const hashAt = verificationMethodId.indexOf('#');
  return hashAt === -1 ? verificationMethodId : verificationMethodId.slice(0, hashAt);
}
