import type { Ed25519Signer } from '../../identity/domain/ed25519-keys.js';
import { buildCertificateCredential, type CertificateFacts } from '../domain/certificate-credential.js';
import type { VerifiableCredential } from '../domain/data-integrity.js';
import type { TemplateIssuer } from '../domain/fast-rdfc/template-issuer.js';

/** What one signing request carries: the certificates' facts, all signed by one key at one instant. */
export interface SigningBatch {
  facts: CertificateFacts[];
  publicUrl: string;
  now: Date;
}

/** A signed certificate: its JSON text as stored, and the object where the signer had it anyway. */
export interface SignedCertificate {
  json: string;
  credential?: VerifiableCredential;
}

/**
 * Builds each certificate's credential from its facts and signs it with the template issuer,
 * in order: the same function on the request's thread and on a signing thread.
 */
export async function signCertificates(issuer: TemplateIssuer, signer: Ed25519Signer, batch: SigningBatch): Promise<SignedCertificate[]> {
  const out = new Array<SignedCertificate>(batch.facts.length);
  for (let i = 0; i < batch.facts.length; i++) {
    const credential = await issuer.issue(buildCertificateCredential(batch.facts[i], { publicUrl: batch.publicUrl }), signer, batch.now);
    out[i] = { json: JSON.stringify(credential), credential };
  }
  return out;
}

/**
 * The same certificates as signCertificates, as their JSON text only (what a signing thread hands
 * back): the template issuer writes the text from the shape's JSON without building the object.
 */
export async function signCertificateTexts(issuer: TemplateIssuer, signer: Ed25519Signer, batch: SigningBatch): Promise<string[]> {
  const out = new Array<string>(batch.facts.length);
  for (let i = 0; i < batch.facts.length; i++) {
    out[i] = await issuer.issueText(buildCertificateCredential(batch.facts[i], { publicUrl: batch.publicUrl }), signer, batch.now);
  }
  return out;
}
