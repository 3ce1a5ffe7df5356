import { Injectable } from '@nestjs/common';
import { PROBLEM_TYPES as TYPES } from '../common/verification/problems.js';
import { controllerOf, idOf } from '../identity/student-credential/domain/selective-disclosure.js';
import type { VerificationProblem } from './domain/data-integrity.js';
import type { TrustEntry } from '../identity/trust-list/domain/trust-list.js';
import { VerificationService, type StatusSummary } from './verification.service.js';
import { VerificationThreads } from './verifying/verification-threads.service.js';

/**
 * W3C VC API `POST /presentations/verify`: a verifiable presentation of any holder, holding any
 * number of credentials. Checked, in order:
 *
 * 1. its structure (VC Data Model 2.0 §4.13): `@context` an array whose first item is the VC 2.0
 *    context and whose other items are URLs or objects; `type` including VerifiablePresentation;
 *    `id` a URL and `holder` a URL (or an object with one) when present; `verifiableCredential`
 *    one or more objects (enveloped credentials are not supported and refused);
 * 2. its Data Integrity proof(s), which are required (an unsigned presentation proves nothing
 *    about who presents it and is refused): `eddsa-rdfc-2022` or `ecdsa-rdfc-2019`, proof purpose
 *    `authentication`, signed by the `holder` when one is named. A proof bound to a challenge or a
 *    domain is only accepted against the same value in `options`, and a value given in `options`
 *    must be in the proof; a proof with no challenge at all is refused (it could be replayed);
 * 3. each credential, as `POST /credentials/verify` checks it (VerificationService: proof,
 *    issuer, validity period, status). One failing credential fails the presentation.
 *
 * Never throws for a bad presentation; a failing document store (resolveDid) is rethrown.
 */

export interface PresentationCredentialResult {
  id?: string;
  verified: boolean;
  status: StatusSummary;
  checks: string[];
  problemDetails: VerificationProblem[];
  warnings: VerificationProblem[];
  /** The issuer as the trust list knows it ({ trusted: false } when it does not). */
  issuer?: { trusted: boolean } & Partial<TrustEntry>;
  /** The claims disclosed (SD-JWT VC), when verified. */
  claims?: Record<string, unknown>;
}

export interface PresentationVerificationReport {
  verified: boolean;
  checks: string[];
  problemDetails: VerificationProblem[];
  warnings: VerificationProblem[];
  credentialResults: PresentationCredentialResult[];
}

export interface PresentationOptions {
  challenge?: string;
  domain?: string;
}

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/**
 * A verifier for presentations of another securing mechanism, carried as an
 * EnvelopedVerifiablePresentation whose `id` is a `data:` URL of its media type (VC 2.0 §4.13.1),
 * e.g. `data:application/dc+sd-jwt,<SD-JWT+KB>`. Registered by the module that knows the format.
 */
export type EnvelopedPresentationVerifier = (encoded: string, options: PresentationOptions, now: Date) => Promise<PresentationVerificationReport>;

/** Credential types bound to their subject: only the subject may present them. */
const HOLDER_BOUND_TYPES = new Set(['StudentIdentityCredential']);
const CRYPTOSUITES = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'];

@Injectable()
export class PresentationVerificationService {
  private readonly enveloped = new Map<string, EnvelopedPresentationVerifier>();

  constructor(
    private readonly threads: VerificationThreads,
    private readonly credentials: VerificationService,
  ) {}

  registerEnvelopedFormat(mediaType: string, verifier: EnvelopedPresentationVerifier): void {
    this.enveloped.set(mediaType, verifier);
  }

  async verify(presentation: Record<string, unknown>, options: PresentationOptions = {}, now = new Date()): Promise<PresentationVerificationReport> {
    if (asArray(presentation.type).includes('EnvelopedVerifiablePresentation')) return this.verifyEnveloped(presentation, options, now);
    const shape = presentationShapeProblems(presentation);
    if (shape.length > 0) return failure('structure', shape.map((detail) => malformed(detail)));
    const proofs = asArray(presentation.proof) as Array<Record<string, unknown>>;
    const binding = bindingProblems(presentation, proofs, options);
    if (binding.length > 0) return failure('proof', binding);

    const proofProblems = await this.checkProof(presentation, options, now);
    if (proofProblems.length > 0) return failure('proof', proofProblems);

    const credentialResults: PresentationCredentialResult[] = [];
    const holder = idOf(presentation.holder) ?? controllerOf(idOf(proofs[0]?.verificationMethod) ?? '');
    for (const credential of asArray(presentation.verifiableCredential)) {
      const report = await this.credentials.verify(credential, now);
      const unbound = holderBindingProblem(credential as Record<string, unknown>, holder);
      if (unbound) {
        report.verified = false;
        report.problems.push(unbound);
      }
      credentialResults.push({
        ...(typeof (credential as { id?: unknown }).id === 'string' ? { id: (credential as { id: string }).id } : {}),
        verified: report.verified,
        status: report.status,
        checks: report.checks.filter((c) => c.ok === true).map((c) => c.check),
        problemDetails: report.problems,
        warnings: report.warnings,
        issuer: report.issuer ? { ...report.issuer, trusted: true } : { trusted: false },
      });
    }
    const verified = credentialResults.every((r) => r.verified);
    const label = (i: number) => `verifiableCredential[${i}]`;
    return {
      verified,
      checks: verified ? ['structure', 'proof', ...(credentialResults.length > 0 ? ['credentials'] : [])] : ['structure', 'proof'],
      problemDetails: credentialResults.flatMap((r, i) => r.problemDetails.map((p) => ({ ...p, detail: `${label(i)}: ${p.detail}` }))),
      warnings: credentialResults.flatMap((r, i) => r.warnings.map((p) => ({ ...p, detail: `${label(i)}: ${p.detail}` }))),
      credentialResults,
    };
  }

  private async verifyEnveloped(presentation: Record<string, unknown>, options: PresentationOptions, now: Date): Promise<PresentationVerificationReport> {
    const id = typeof presentation.id === 'string' ? presentation.id : '';
    const match = /^data:([a-z0-9.+-]+\/[a-z0-9.+-]+),(.+)$/i.exec(id);
    const verifier = match ? this.enveloped.get(match[1].toLowerCase()) : undefined;
    if (!match || !verifier) {
      const supported = [...this.enveloped.keys()].join(', ') || 'none';
      return failure('structure', [malformed(`An enveloped presentation's "id" must be a data: URL of a supported media type (${supported}).`)]);
    }
    return verifier(decodeURIComponent(match[2]), options, now);
  }

  /** The presentation's own proof(s), on a verification thread (checkPresentationProof); its credentials are checked separately. */
  private checkProof(presentation: Record<string, unknown>, options: PresentationOptions, now: Date): Promise<VerificationProblem[]> {
    return this.threads.run({ kind: 'presentation', presentation, proofOptions: options, now });
  }
}

/** VC Data Model 2.0 §4.13 structure; one sentence per problem, empty when it conforms. */
export function presentationShapeProblems(presentation: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const context = presentation['@context'];
  if (!Array.isArray(context) || context.length === 0) {
    problems.push('"@context" must be an array whose first item is "https://www.w3.org/ns/credentials/v2".');
  } else {
    if (context[0] !== VC_V2_CONTEXT) problems.push('The first "@context" item must be "https://www.w3.org/ns/credentials/v2".');
    context.slice(1).forEach((item, i) => {
      if (!(isUrl(item) || isObject(item))) problems.push(`"@context"[${i + 1}] must be a URL or a context object.`);
    });
  }
  const type = presentation.type;
  const types = Array.isArray(type) ? type : [type];
  if (type === undefined || types.length === 0 || !types.every((t) => typeof t === 'string' && t !== '')) {
    problems.push('"type" must be present: one or more type names.');
  } else if (!types.includes('VerifiablePresentation')) {
    problems.push('"type" must include "VerifiablePresentation".');
  }
  if (presentation.id !== undefined && !isUrl(presentation.id)) problems.push('"id" must be a URL.');
  if (presentation.holder !== undefined && !isUrl(idOf(presentation.holder))) {
    problems.push('"holder" must be a URL or an object whose "id" is a URL.');
  }
  if (presentation.verifiableCredential !== undefined) {
    const credentials = asArray(presentation.verifiableCredential);
    if (credentials.length === 0) problems.push('"verifiableCredential", when present, must hold one or more credentials.');
    credentials.forEach((credential, i) => {
      if (!isObject(credential)) problems.push(`"verifiableCredential"[${i}] must be a credential object, not ${JSON.stringify(credential)}.`);
      else if (asArray(credential.type).includes('EnvelopedVerifiableCredential')) {
        problems.push(`"verifiableCredential"[${i}] is an enveloped credential; this verifier supports only credentials secured with Data Integrity.`);
      }
    });
  }
  const proofs = asArray(presentation.proof);
  if (proofs.length === 0) {
    problems.push('The presentation has no proof: an unsigned presentation proves nothing about who presents it.');
  }
  proofs.forEach((proof, i) => {
    const where = proofs.length > 1 ? `"proof"[${i}]` : '"proof"';
    if (!isObject(proof)) return void problems.push(`${where} must be an object.`);
    if (proof.type !== 'DataIntegrityProof' || !CRYPTOSUITES.includes(String(proof.cryptosuite))) {
      problems.push(`${where} must be a DataIntegrityProof with cryptosuite ${CRYPTOSUITES.join(' or ')}.`);
    }
    if (proof.proofPurpose !== 'authentication') problems.push(`${where} must have proofPurpose "authentication".`);
  });
  return problems;
}

/** Challenge and domain against options, and the holder against the signing keys. */
function bindingProblems(presentation: Record<string, unknown>, proofs: Array<Record<string, unknown>>, options: PresentationOptions): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  for (const proof of proofs) {
    if (proof.challenge === undefined) {
      problems.push({ type: TYPES.invalidChallenge, title: 'No challenge', detail: 'The presentation proof has no challenge, so it could be a replay.' });
    } else if (options.challenge === undefined) {
      problems.push({ type: TYPES.invalidChallenge, title: 'Challenge not given', detail: 'The presentation proof is bound to a challenge: pass it as options.challenge.' });
    } else if (proof.challenge !== options.challenge) {
      problems.push({ type: TYPES.invalidChallenge, title: 'Wrong challenge', detail: `The presentation was made for another challenge than ${JSON.stringify(options.challenge)}.` });
    }
    const domains = asArray(proof.domain);
    if (options.domain !== undefined && !domains.includes(options.domain)) {
      problems.push({ type: TYPES.invalidDomain, title: 'Wrong domain', detail: `The presentation was not made for the domain ${JSON.stringify(options.domain)}.` });
    } else if (options.domain === undefined && domains.length > 0) {
      problems.push({ type: TYPES.invalidDomain, title: 'Domain not given', detail: 'The presentation proof is bound to a domain: pass it as options.domain.' });
    }
    const holder = idOf(presentation.holder);
    const signer = controllerOf(idOf(proof.verificationMethod) ?? '');
    if (holder !== undefined && signer !== holder) {
      const detail = `The presentation is held by "${holder}" but signed by "${signer}".`;
      problems.push({ type: TYPES.invalidVerificationMethod, title: 'Presentation not signed by its holder', detail });
    }
  }
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.title) && seen.add(p.title));
}

/** A holder-bound credential (an identity credential) presented by anyone but its subject is refused. */
function holderBindingProblem(credential: Record<string, unknown>, holder: string | undefined): VerificationProblem | null {
  if (!asArray(credential?.type).some((t) => HOLDER_BOUND_TYPES.has(String(t)))) return null;
  const subject = idOf((credential.credentialSubject as { id?: unknown } | undefined)?.id);
  if (subject && subject === holder) return null;
  return {
    type: TYPES.invalidVerificationMethod,
    title: 'Not presented by its holder',
    detail: `The credential is bound to "${subject ?? ''}" and may only be presented by it, not by "${holder ?? ''}".`,
  };
}

function failure(check: string, problems: VerificationProblem[]): PresentationVerificationReport {
  return { verified: false, checks: check === 'structure' ? [] : ['structure'], problemDetails: problems, warnings: [], credentialResults: [] };
}

function malformed(detail: string): VerificationProblem {
  return { type: TYPES.malformedValue, title: 'Malformed presentation', detail };
}

/** An absolute URL: a scheme, then no whitespace. */
function isUrl(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(value) && URL.canParse(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}
