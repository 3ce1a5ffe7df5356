import { DataIntegrityProof, type Cryptosuite, type Signer } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { createVerifyCryptosuite as ecdsaSd2023Verify } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';
import { revokedKeyVerdict, type RevokedKeyVerdict } from '../../identity/domain/key-lifecycle.js';
import { conformanceProblems } from './vc-conformance.js';
import { PROBLEM_TYPES, problemsFromLibraryError, type VerificationProblem } from '../../common/verification/problems.js';

/**
 * Issuing and verifying W3C VC 2.0 credentials secured with a DataIntegrityProof
 * (eddsa-rdfc-2022). Pure: the clock, the keys and the document loader come in as parameters.
 * Verification never throws for a bad credential; it reports what failed as problem details.
 * It does throw when the document loader itself fails (see CREDENTIAL_FAULT_LOADER_ERRORS).
 */

export interface Credential {
  '@context': Array<string | Record<string, unknown>>;
  type: string[];
  issuer: string | { id: string; [property: string]: unknown };
  credentialSubject: Record<string, unknown> | Array<Record<string, unknown>>;
  validFrom?: string;
  validUntil?: string;
  [property: string]: unknown;
}

export interface DataIntegrityProofValue {
  type: 'DataIntegrityProof';
  cryptosuite: string;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
}

export type VerifiableCredential = Credential & { proof: DataIntegrityProofValue | DataIntegrityProofValue[] };

export type VerificationCheckName = 'proof' | 'issuer' | 'validity';

export interface VerificationCheck {
  check: VerificationCheckName;
  ok: boolean;
  detail?: string;
}


export interface VerificationOutcome {
  verified: boolean;
  checks: VerificationCheck[];
  problems: VerificationProblem[];
}

export { PROBLEM_TYPES, type VerificationProblem } from '../../common/verification/problems.js';

/**
 * The work RDFC-1.0 may spend on blank nodes that first-degree hashes cannot tell apart: at most
 * as many N-degree hash runs as there are such nodes (rdf-canonize's `maxWorkFactor` 1). A
 * credential of ordinary shape never needs one; a hostile graph of look-alike blank nodes needs
 * factorially many and is refused at once ("Maximum deep iterations exceeded"). Set here rather
 * than left to the library's default, so that an upgrade changing it cannot lift the bound.
 */
export const CANONICALISATION_WORK_FACTOR = 1;

/** The suite with its canonicalisation bounded by CANONICALISATION_WORK_FACTOR. */
function bounded(suite: Cryptosuite): Cryptosuite {
  return {
    ...suite,
    canonize: (input: object, options: object) => suite.canonize(input, { ...options, maxWorkFactor: CANONICALISATION_WORK_FACTOR }),
  };
}

/** The verifying suites: canonicalisation bounded (ecdsa-sd-2023 keeps its own, equal, library default). */
export const VERIFY_CRYPTOSUITES = { eddsaRdfc2022: bounded(eddsaRdfc2022), ecdsaRdfc2019: bounded(ecdsaRdfc2019) } as const;

export async function issueCredential(options: {
  credential: Credential;
  /** Ed25519 signs eddsa-rdfc-2022; a P-256 key (a did:key that has no other) signs ecdsa-rdfc-2019. */
  signer: Signer & { algorithm?: string };
  documentLoader: DocumentLoader;
  now: Date;
}): Promise<VerifiableCredential> {
  const { signer, documentLoader, now } = options;
  const issuerId = issuerIdOf(options.credential);
  if (!issuerId || controllerOf(signer.id) !== issuerId) {
    // Such a credential could never verify; refuse it here rather than at the verifier.
    throw new Error(`Signer "${signer.id}" does not belong to issuer "${issuerId ?? ''}".`);
  }
  // vc.issue may add properties to the credential it is given; keep the caller's object intact.
  const credential = structuredClone(options.credential);
  const cryptosuite = signer.algorithm === 'P-256' ? ecdsaRdfc2019 : eddsaRdfc2022;
  const suite = new DataIntegrityProof({ signer, date: now, cryptosuite });
  return (await vc.issue({ credential, suite, documentLoader, now })) as VerifiableCredential;
}

/**
 * For a proof by a key its DID document marks `revoked` (compromised): whether the register holds
 * that very proof as made before the revocation time. Without it no such proof counts, since
 * `proof.created` alone can be backdated by whoever holds the key.
 */
export type RecordedBefore = (proof: DataIntegrityProofValue, revokedAt: Date) => Promise<boolean>;

export async function verifyCredential(options: {
  credential: unknown;
  documentLoader: DocumentLoader;
  now: Date;
  recordedBefore?: RecordedBefore;
}): Promise<VerificationOutcome> {
  const { credential, documentLoader, now, recordedBefore } = options;
  const shapeProblem = describeShapeProblem(credential);
  const nonConforming = shapeProblem ? [shapeProblem] : conformanceProblems(credential as Record<string, unknown>);
  if (nonConforming.length > 0) {
    return {
      verified: false,
      checks: [{ check: 'proof', ok: false, detail: nonConforming[0] }],
      problems: nonConforming.map((detail) => ({ type: PROBLEM_TYPES.malformedValue, title: 'Malformed credential', detail })),
    };
  }
  const results = [
    await checkProofAndKeyRevocation(credential as VerifiableCredential, documentLoader, now, recordedBefore),
    checkIssuerControlsProofKeys(credential as VerifiableCredential),
    checkValidityPeriod(credential as VerifiableCredential, now),
  ];
  return {
    verified: results.every((result) => result.check.ok),
    checks: results.map((result) => result.check),
    problems: uniqueByType(results.flatMap((result) => result.problems)),
  };
}

interface CheckResult {
  check: VerificationCheck;
  problems: VerificationProblem[];
}

function describeShapeProblem(credential: unknown): string | undefined {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    return 'The credential must be a JSON object.';
  }
  const { proof } = credential as { proof?: unknown };
  if (typeof proof !== 'object' || proof === null) return 'The credential has no proof.';
  if (!Array.isArray((credential as { '@context'?: unknown })['@context'])) {
    return 'The credential "@context" must be an array.';
  }
  return undefined;
}

/**
 * Loader errors that are about the credential (a URL or DID nobody knows, a bogus DID document).
 * Any other loader error — a database down behind resolveDid — is the service's fault and is
 * rethrown rather than reported as a bad credential.
 */
const CREDENTIAL_FAULT_LOADER_ERRORS = new Set(['DocumentNotFoundError', 'InvalidDidDocumentError']);

/**
 * Signature, proof purpose and structure, as @digitalbazaar/vc checks them: eddsa-rdfc-2022
 * (certificates, status lists, the trust list), ecdsa-rdfc-2019 (status lists of a P-256 issuer)
 * and ecdsa-sd-2023 disclosures derived from an identity credential (a base proof is refused by
 * the suite: it is the holder's, never shown).
 */
async function checkProof(credential: VerifiableCredential, documentLoader: DocumentLoader, now: Date): Promise<CheckResult> {
  const suite = [
    new DataIntegrityProof({ cryptosuite: VERIFY_CRYPTOSUITES.eddsaRdfc2022 }),
    new DataIntegrityProof({ cryptosuite: VERIFY_CRYPTOSUITES.ecdsaRdfc2019 }),
    new DataIntegrityProof({ cryptosuite: ecdsaSd2023Verify() }),
  ];
  const infrastructureFailures: unknown[] = [];
  const observedLoader: DocumentLoader = async (url) => {
    try {
      return await documentLoader(url);
    } catch (error) {
      if (!CREDENTIAL_FAULT_LOADER_ERRORS.has((error as Error)?.name)) infrastructureFailures.push(error);
      throw error;
    }
  };
  let result: vc.VerifyCredentialResult;
  try {
    // The validity period is checked by checkValidityPeriod. Disabling the library's own date
    // check (infinite skew) keeps it from hiding whether the signature itself holds.
    // Status is checked separately, entry by entry (status-check.ts), so that an unreachable list
    // reads as "status unknown" rather than as a bad signature; here the library only checks proofs.
    result = await vc.verifyCredential({
      credential,
      suite,
      documentLoader: observedLoader,
      now,
      maxClockSkew: Infinity,
      checkStatus: async () => ({ verified: true }),
    });
  } catch (error) {
    result = { verified: false, error: error as Error };
  }
  if (infrastructureFailures.length > 0) throw infrastructureFailures[0];
  if (result.verified) {
    const unverified = unverifiedProofs(credential.proof, result as { results?: Array<{ verified?: boolean }> });
    if (unverified === 0) return { check: { check: 'proof', ok: true }, problems: [] };
    const detail = `${unverified} of the credential's proofs did not verify; every proof of a proof set must`;
    return failed('proof', { type: PROBLEM_TYPES.cryptographicSecurity, title: 'A proof of the set does not verify', detail });
  }
  const problems = problemsFromLibraryError(result.error, 'credential');
  return { check: { check: 'proof', ok: false, detail: problems[0]?.detail }, problems };
}

/**
 * How many of a document's proofs @digitalbazaar/vc did not verify (proofs no suite took count
 * too): the library accepts a proof set when one proof holds, Data Integrity requires every one.
 */
export function unverifiedProofs(proof: unknown, result: { results?: Array<{ verified?: boolean }> } | undefined): number {
  const proofs = Array.isArray(proof) ? proof.length : 1;
  const verified = (result?.results ?? []).filter((r) => r.verified === true).length;
  return Math.max(0, proofs - verified);
}

/**
 * A proof by a revoked key counts only when made before the compromise and vouched for by the
 * register (revokedKeyVerdict); it is then checked against the DID document as it stood before
 * the compromise (the key still an assertion method). Any other proof by a revoked key fails
 * with the reason, whatever the DID document's relationships say.
 */
async function checkProofAndKeyRevocation(
  credential: VerifiableCredential,
  documentLoader: DocumentLoader,
  now: Date,
  recordedBefore: RecordedBefore | undefined,
): Promise<CheckResult> {
  const verdicts = await revokedKeyVerdicts(credential, documentLoader, recordedBefore);
  const refused = verdicts.find((v) => !v.verdict.accepted);
  if (refused) {
    const detail = refused.verdict.detail;
    return failed('proof', { type: PROBLEM_TYPES.invalidVerificationMethod, title: 'Key revoked after compromise', detail });
  }
  if (verdicts.length === 0) return checkProof(credential, documentLoader, now);
  const result = await checkProof(credential, asBeforeRevocation(documentLoader, verdicts.map((v) => v.methodId)), now);
  return result.check.ok ? { ...result, check: { ...result.check, detail: verdicts.map((v) => v.verdict.detail).join(' ') } } : result;
}

async function revokedKeyVerdicts(
  credential: VerifiableCredential,
  documentLoader: DocumentLoader,
  recordedBefore: RecordedBefore | undefined,
): Promise<Array<{ methodId: string; verdict: RevokedKeyVerdict }>> {
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  const verdicts = [];
  for (const proof of proofs) {
    const methodId = verificationMethodIdOf(proof);
    let method: { revoked?: unknown };
    try {
      method = (await documentLoader(methodId)).document as { revoked?: unknown };
    } catch {
      continue; // checkProof reports a key that cannot be found, and rethrows a failing store
    }
    if (method?.revoked === undefined) continue;
    const revoked = String(method.revoked);
    const claimsBefore = typeof proof.created === 'string' && Date.parse(proof.created) < Date.parse(revoked);
    const recorded = claimsBefore && recordedBefore ? await recordedBefore(proof, new Date(revoked)) : false;
    verdicts.push({ methodId, verdict: revokedKeyVerdict({ methodId, revoked, created: proof.created, recordedBefore: recorded }) });
  }
  return verdicts;
}

/** The issuer's DID document as it stood before the compromise of `methodIds`: those keys may assert. */
function asBeforeRevocation(documentLoader: DocumentLoader, methodIds: string[]): DocumentLoader {
  const withoutRevoked = (method: unknown) => {
    if (typeof method !== 'object' || method === null || !methodIds.includes((method as { id?: string }).id ?? '')) return method;
    const { revoked: _revoked, ...rest } = method as Record<string, unknown>;
    return rest;
  };
  return async (url) => {
    const result = await documentLoader(url);
    if (methodIds.includes(url)) return { ...result, document: withoutRevoked({ ...(result.document as object), id: url }) as object };
    const own = methodIds.filter((id) => id.startsWith(`${url}#`));
    if (own.length === 0) return result;
    const document = result.document as { verificationMethod?: unknown[]; assertionMethod?: unknown[] };
    return {
      ...result,
      document: {
        ...document,
        verificationMethod: (document.verificationMethod ?? []).map(withoutRevoked),
        assertionMethod: [...(document.assertionMethod ?? []), ...own],
      },
    };
  };
}

/** The proof's key must be one of the issuer's: the DID before `#` must be the issuer's DID. */
function checkIssuerControlsProofKeys(credential: VerifiableCredential): CheckResult {
  const issuerId = issuerIdOf(credential);
  if (!issuerId) {
    const detail = 'The credential names no issuer id.';
    return failed('issuer', { type: PROBLEM_TYPES.malformedValue, title: 'Malformed credential', detail });
  }
  const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  const foreign = proofs.map((proof) => verificationMethodIdOf(proof)).find((id) => controllerOf(id) !== issuerId);
  if (foreign !== undefined) {
    const detail = `Verification method "${foreign}" is not a key of issuer "${issuerId}".`;
    return failed('issuer', { type: PROBLEM_TYPES.invalidVerificationMethod, title: 'Key not controlled by the issuer', detail });
  }
  return { check: { check: 'issuer', ok: true }, problems: [] };
}

function checkValidityPeriod(credential: VerifiableCredential, now: Date): CheckResult {
  for (const property of ['validFrom', 'validUntil'] as const) {
    const value = credential[property];
    if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
      const detail = `"${property}" is not a date-time: ${JSON.stringify(value)}.`;
      return failed('validity', { type: PROBLEM_TYPES.malformedValue, title: 'Malformed credential', detail });
    }
  }
  const { validFrom, validUntil } = credential;
  if (validFrom !== undefined && now.getTime() < Date.parse(validFrom)) {
    const detail = `The credential is not valid before ${validFrom} (checked at ${now.toISOString()}).`;
    return failed('validity', { type: PROBLEM_TYPES.range, title: 'Credential not yet valid', detail });
  }
  if (validUntil !== undefined && now.getTime() > Date.parse(validUntil)) {
    const detail = `The credential expired at ${validUntil} (checked at ${now.toISOString()}).`;
    return failed('validity', { type: PROBLEM_TYPES.range, title: 'Credential expired', detail });
  }
  return { check: { check: 'validity', ok: true }, problems: [] };
}

function failed(check: VerificationCheckName, problem: VerificationProblem): CheckResult {
  return { check: { check, ok: false, detail: problem.detail }, problems: [problem] };
}

function uniqueByType(problems: VerificationProblem[]): VerificationProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => !seen.has(problem.type) && seen.add(problem.type));
}

/** The issuer's id, whether `issuer` is a URL or an object with an `id`. */
export function issuerIdOf(credential: { issuer?: unknown }): string | undefined {
  const { issuer } = credential;
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null && typeof (issuer as { id?: unknown }).id === 'string') {
    return (issuer as { id: string }).id;
  }
  return undefined;
}

function verificationMethodIdOf(proof: unknown): string {
  const method = (proof as { verificationMethod?: unknown } | null)?.verificationMethod;
  if (typeof method === 'string') return method;
  const id = (method as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : '';
}

/** The DID (or URL) that controls a verification method: everything before `#`. */
function controllerOf(verificationMethodId: string): string {
  const hashAt = verificationMethodId.indexOf('#');
  return hashAt === -1 ? verificationMethodId : verificationMethodId.slice(0, hashAt);
}
