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

/**
 * A signed certificate: its JSON text as stored — a string, or its UTF-8 bytes as a signing
 * thread hands them over (they go to the store as they are) — and the object where the signer
 * had it anyway.
 */
export interface SignedCertificate {
  json: string | Buffer;
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
 * The same certificates as signCertificates, as the UTF-8 bytes of their JSON texts one after the
 * other in one buffer, and where each ends (what a signing thread hands back: one transferable
 * buffer, no string for the receiving thread to copy and encode again). The template issuer
 * writes each text from the shape's JSON without building the object.
 */
export async function signCertificateBytes(issuer: TemplateIssuer, signer: Ed25519Signer, batch: SigningBatch): Promise<{ utf8: ArrayBuffer; ends: number[] }> {
  const texts = new Array<Buffer>(batch.facts.length);
  const ends = new Array<number>(batch.facts.length);
  let length = 0;
  for (let i = 0; i < batch.facts.length; i++) {
    const text = await issuer.issueText(buildCertificateCredential(batch.facts[i], { publicUrl: batch.publicUrl }), signer, batch.now);
    texts[i] = Buffer.from(text, 'utf8');
    length += texts[i].length;
    ends[i] = length;
  }
  // A buffer of its own (not a slice of Node's shared pool), so that it can be transferred.
  const utf8 = new ArrayBuffer(length);
  const view = Buffer.from(utf8);
  for (let i = 0; i < texts.length; i++) texts[i].copy(view, i === 0 ? 0 : ends[i - 1]);
  return { utf8, ends };
}

/** The certificates of signCertificateBytes' answer, each its slice of the buffer (no copy). */
export function certificatesOfBytes(answer: { utf8: ArrayBuffer; ends: number[] }): SignedCertificate[] {
  return answer.ends.map((end, i) => ({ json: Buffer.from(answer.utf8, i === 0 ? 0 : answer.ends[i - 1], end - (i === 0 ? 0 : answer.ends[i - 1])) }));
}
