import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { createVerifyCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';
import { PROBLEM_TYPES, problemsFromLibraryError, type VerificationProblem } from '../../../common/verification/problems.js';
import { controllerOf, idOf, proofMode } from './selective-disclosure.js';

/**
 * Verifies a presentation of a selectively disclosed credential: the presentation's own proof
 * (authentication, for this challenge and domain), that its signer is the holder the credential
 * is bound to, the credential's derived ecdsa-sd-2023 proof and its validity period. Never throws
 * for a bad presentation; it reports what failed as problem details, as data-integrity.ts does.
 * It does throw when the document loader itself fails (a database behind resolveDid, say).
 *
 * Status is not looked up here: pass `checkStatus` (e.g. status-check.ts's checkCredentialStatuses
 * with its loader and list verifier) or check the returned credential's status separately.
 *
 * Not used by the service: /presentations/verify goes through certificates/
 * presentation-verification.service.ts (proofs on the verification threads, holder binding for
 * identity credentials there). Kept as the verifier of selective-disclosure.spec.ts, whose ~25
 * ecdsa-sd cases (tampering, challenge and domain, holder binding, base credential, validity,
 * status) would otherwise need re-pointing at that service before this file can go.
 */

export type PresentationCheckName = 'presentation' | 'holder' | 'disclosure' | 'proof' | 'issuer' | 'validity' | 'status';

export interface PresentationCheck {
  check: PresentationCheckName;
  ok: boolean;
  detail?: string;
}

export interface PresentationVerificationOutcome {
  verified: boolean;
  checks: PresentationCheck[];
  problems: VerificationProblem[];
  /** The disclosed credential, when the presentation verified. */
  credential?: Record<string, unknown>;
}

/** One verdict per status entry; the shape status-check.ts's checkCredentialStatuses returns. */
export type StatusChecker = (credential: Record<string, unknown>) => Promise<Array<{ statusPurpose: string; verdict: 'clear' | 'set' | 'unknown'; detail: string }>>;

const TYPES = PROBLEM_TYPES;
const PRESENTATION_CRYPTOSUITES = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'];
/** Loader errors that are the presentation's fault; any other loader error is rethrown. */
const CREDENTIAL_FAULT_LOADER_ERRORS = new Set(['DocumentNotFoundError', 'InvalidDidDocumentError']);

interface CheckResult {
  check: PresentationCheck;
  problems: VerificationProblem[];
}

interface Parts {
  presentation: Record<string, unknown> & { proof: Record<string, unknown> };
  credential: Record<string, unknown> & { proof: Record<string, unknown> };
  subjectId: string;
}

export async function verifyPresentation(options: {
  presentation: unknown;
  challenge: string;
  domain: string;
  documentLoader: DocumentLoader;
  now: Date;
  checkStatus?: StatusChecker;
}): Promise<PresentationVerificationOutcome> {
  const { challenge, domain, now, checkStatus } = options;
  if (typeof challenge !== 'string' || challenge === '' || typeof domain !== 'string' || domain === '') {
    // Without both, any replayed presentation would pass: refuse rather than check less.
    return refused('presentation', { type: TYPES.malformedValue, title: 'No challenge or domain', detail: 'The verifier must pass the challenge and domain it issued.' });
  }
  const shape = partsOf(options.presentation);
  if (typeof shape === 'string') return refused('presentation', { type: TYPES.malformedValue, title: 'Malformed presentation', detail: shape });
  const disclosure = checkDisclosure(shape);
  if (!disclosure.check.ok) return outcome([disclosure]);

  const { loader, rethrowInfrastructureFailure } = observedLoader(options.documentLoader);
  const results: CheckResult[] = [disclosure];
  results.push(await checkPresentationProof(shape, challenge, domain, loader, now));
  results.push(checkHolderBinding(shape));
  const proof = await checkCredentialProof(shape, loader, now);
  rethrowInfrastructureFailure();
  results.push(proof, checkIssuerControlsProofKey(shape), checkValidityPeriod(shape.credential, now));
  if (checkStatus && results.every((result) => result.check.ok)) results.push(await statusCheck(checkStatus, shape.credential));
  const answer = outcome(results);
  return answer.verified ? { ...answer, credential: shape.credential } : answer;
}

/** The shape this verifier accepts: one credential, one proof each, a subject with a DID. */
function partsOf(presentation: unknown): Parts | string {
  if (!isObject(presentation)) return 'The presentation must be a JSON object.';
  if (!asArray(presentation.type).includes('VerifiablePresentation')) return 'The presentation "type" must include VerifiablePresentation.';
  if (!isObject(presentation.proof)) return 'The presentation must carry exactly one proof.';
  const credentials = asArray(presentation.verifiableCredential);
  if (credentials.length !== 1 || !isObject(credentials[0])) return 'The presentation must carry exactly one credential.';
  const credential = credentials[0];
  if (!isObject(credential.proof)) return 'The credential must carry exactly one proof.';
  const subject = credential.credentialSubject;
  const subjectId = isObject(subject) ? idOf(subject) : undefined;
  if (!subjectId?.startsWith('did:')) return 'The credential must name its holder: one credentialSubject with a DID as its id.';
  return { presentation: presentation as Parts['presentation'], credential: credential as Parts['credential'], subjectId };
}

/** A derived ecdsa-sd-2023 disclosure that reveals what a verifier relies on. */
function checkDisclosure({ credential }: Parts): CheckResult {
  const mode = proofMode(credential.proof);
  if (mode === 'base') {
    const detail = 'The credential carries its ecdsa-sd-2023 base proof: a holder presents a derived disclosure, never the base credential.';
    return failed('disclosure', { type: TYPES.proofVerification, title: 'Base credential presented', detail });
  }
  if (mode !== 'derived') {
    const detail = 'The credential must carry a derived ecdsa-sd-2023 proof.';
    return failed('disclosure', { type: TYPES.proofVerification, title: 'Unsupported credential proof', detail });
  }
  const undisclosed = ['issuer', 'validFrom', 'validUntil', 'credentialStatus'].filter((property) => credential[property] === undefined);
  if (undisclosed.length > 0) {
    const detail = `The disclosure does not reveal ${undisclosed.join(', ')}.`;
    return failed('disclosure', { type: TYPES.malformedValue, title: 'Mandatory claims not disclosed', detail });
  }
  return passed('disclosure');
}

async function checkPresentationProof({ presentation }: Parts, challenge: string, domain: string, loader: DocumentLoader, now: Date): Promise<CheckResult> {
  const { proof } = presentation;
  if (!PRESENTATION_CRYPTOSUITES.includes(String(proof.cryptosuite))) {
    const detail = `The presentation proof must use ${PRESENTATION_CRYPTOSUITES.join(' or ')}, not ${JSON.stringify(proof.cryptosuite)}.`;
    return failed('presentation', { type: TYPES.proofVerification, title: 'Unsupported presentation proof', detail });
  }
  const suite = [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 })];
  let result: vc.VerifyPresentationResult;
  try {
    // The library also runs the embedded credential through these suites; that fails at once
    // (its proof matches neither) and is ignored: checkCredentialProof verifies it.
    result = await vc.verify({ presentation, suite, challenge, domain, documentLoader: loader, now, maxClockSkew: Infinity, checkStatus: allClear });
  } catch (error) {
    result = { verified: false, error: error as Error };
  }
  const proofResult = result.presentationResult;
  if (proofResult?.verified) return passed('presentation');
  return failedWith('presentation', problemsFromLibraryError(proofResult?.error ?? result.error, 'presentation'));
}

/** The presentation is the holder's: its holder and its signing key are the credential subject's DID. */
function checkHolderBinding({ presentation, subjectId }: Parts): CheckResult {
  const signerDid = controllerOf(idOf(presentation.proof.verificationMethod) ?? '');
  const holder = idOf(presentation.holder);
  if (signerDid !== subjectId || holder !== subjectId) {
    const detail = `The credential is bound to "${subjectId}", but the presentation is held by "${holder ?? ''}" and signed by "${signerDid}".`;
    return failed('holder', { type: TYPES.invalidVerificationMethod, title: 'Presentation not signed by the credential’s holder', detail });
  }
  return passed('holder');
}

async function checkCredentialProof({ credential }: Parts, loader: DocumentLoader, now: Date): Promise<CheckResult> {
  const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
  let result: vc.VerifyCredentialResult;
  try {
    // Validity is checked by checkValidityPeriod and status by the caller's hook, so that each
    // failure is reported as what it is rather than as a bad signature.
    result = await vc.verifyCredential({ credential, suite, documentLoader: loader, now, maxClockSkew: Infinity, checkStatus: allClear });
  } catch (error) {
    result = { verified: false, error: error as Error };
  }
  if (result.verified) return passed('proof');
  return failedWith('proof', problemsFromLibraryError(result.error, 'credential'));
}

function checkIssuerControlsProofKey({ credential }: Parts): CheckResult {
  const issuerId = idOf(credential.issuer);
  const method = idOf(credential.proof.verificationMethod) ?? '';
  if (!issuerId || controllerOf(method) !== issuerId) {
    const detail = `Verification method "${method}" is not a key of issuer "${issuerId ?? ''}".`;
    return failed('issuer', { type: TYPES.invalidVerificationMethod, title: 'Key not controlled by the issuer', detail });
  }
  return passed('issuer');
}

function checkValidityPeriod(credential: Record<string, unknown>, now: Date): CheckResult {
  const { validFrom, validUntil } = credential;
  for (const [property, value] of [['validFrom', validFrom], ['validUntil', validUntil]] as const) {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      return failed('validity', { type: TYPES.malformedValue, title: 'Malformed credential', detail: `"${property}" is not a date-time: ${JSON.stringify(value ?? null)}.` });
    }
  }
  if (now.getTime() < Date.parse(validFrom as string)) {
    const detail = `The credential is not valid before ${String(validFrom)} (checked at ${now.toISOString()}).`;
    return failed('validity', { type: TYPES.range, title: 'Credential not yet valid', detail });
  }
  if (now.getTime() > Date.parse(validUntil as string)) {
    const detail = `The credential expired at ${String(validUntil)} (checked at ${now.toISOString()}).`;
    return failed('validity', { type: TYPES.range, title: 'Credential expired', detail });
  }
  return passed('validity');
}

async function statusCheck(checkStatus: StatusChecker, credential: Record<string, unknown>): Promise<CheckResult> {
  const entries = await checkStatus(credential);
  const problems = entries.flatMap((entry): VerificationProblem[] => {
    if (entry.verdict === 'clear') return [];
    if (entry.verdict === 'unknown') return [{ type: TYPES.statusRetrieval, title: `Status "${entry.statusPurpose}" unknown`, detail: entry.detail }];
    const title = entry.statusPurpose === 'revocation' ? 'Credential revoked' : entry.statusPurpose === 'suspension' ? 'Credential suspended' : `Status "${entry.statusPurpose}" set`;
    return [{ type: TYPES.statusVerification, title, detail: entry.detail }];
  });
  if (entries.length === 0) problems.push({ type: TYPES.statusRetrieval, title: 'Status unknown', detail: 'The credential has no status entry to check.' });
  return problems.length === 0 ? passed('status') : failedWith('status', problems);
}

const allClear = async () => ({ verified: true });

/** Records loader failures that are not the presentation's fault, to rethrow them after the library swallowed them. */
function observedLoader(documentLoader: DocumentLoader): { loader: DocumentLoader; rethrowInfrastructureFailure: () => void } {
  const failures: unknown[] = [];
  const loader: DocumentLoader = async (url) => {
    try {
      return await documentLoader(url);
    } catch (error) {
      if (!CREDENTIAL_FAULT_LOADER_ERRORS.has((error as Error)?.name)) failures.push(error);
      throw error;
    }
  };
  return {
    loader,
    rethrowInfrastructureFailure: () => {
      if (failures.length > 0) throw failures[0];
    },
  };
}

function outcome(results: CheckResult[]): PresentationVerificationOutcome {
  const seen = new Set<string>();
  const problems = results.flatMap((result) => result.problems).filter((problem) => !seen.has(problem.type + problem.title) && seen.add(problem.type + problem.title));
  return { verified: results.every((result) => result.check.ok), checks: results.map((result) => result.check), problems };
}

function refused(check: PresentationCheckName, problem: VerificationProblem): PresentationVerificationOutcome {
  return outcome([failed(check, problem)]);
}

function passed(check: PresentationCheckName): CheckResult {
  return { check: { check, ok: true }, problems: [] };
}

function failed(check: PresentationCheckName, problem: VerificationProblem): CheckResult {
  return failedWith(check, [problem]);
}

function failedWith(check: PresentationCheckName, problems: VerificationProblem[]): CheckResult {
  return { check: { check, ok: false, detail: problems[0]?.detail }, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}
