/**
 * The problem details our verifiers answer with (RFC 9457, typed with the URLs the VC, Data
 * Integrity, Controlled Identifiers and Bitstring Status List specs define), and the one reading
 * of the @digitalbazaar libraries' verification errors into them, for credentials and
 * presentations alike.
 */

export interface VerificationProblem {
  type: string;
  title: string;
  detail: string;
}

export const PROBLEM_TYPES = {
  /** VC Data Model 2.0 §7.1 */
  parsing: 'https://www.w3.org/TR/vc-data-model#PARSING_ERROR',
  cryptographicSecurity: 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR',
  malformedValue: 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR',
  range: 'https://www.w3.org/TR/vc-data-model#RANGE_ERROR',
  /** VC Data Integrity 1.0 processing errors */
  proofVerification: 'https://w3id.org/security#PROOF_VERIFICATION_ERROR',
  invalidChallenge: 'https://w3id.org/security#INVALID_CHALLENGE_ERROR',
  invalidDomain: 'https://w3id.org/security#INVALID_DOMAIN_ERROR',
  /** Controlled Identifiers 1.0 processing errors */
  invalidControllerDocumentId: 'https://w3id.org/security#INVALID_CONTROLLED_IDENTIFIER_DOCUMENT_ID',
  invalidVerificationMethod: 'https://w3id.org/security#INVALID_VERIFICATION_METHOD',
  invalidRelationship: 'https://w3id.org/security#INVALID_RELATIONSHIP_FOR_VERIFICATION_METHOD',
  /** Bitstring Status List 1.0 processing errors */
  statusRetrieval: 'https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR',
  statusVerification: 'https://www.w3.org/ns/credentials/status-list#STATUS_VERIFICATION_ERROR',
} as const;

type Verified = 'credential' | 'presentation';

/**
 * The libraries report failures as plain Errors (messages only), so they are classified by name
 * and message; anything unrecognised stays a generic proof verification error. Errors from the
 * proof checks arrive wrapped in a VerificationError; a bare Error means the document failed the
 * library's structural checks before any proof was looked at.
 */
export function problemsFromLibraryError(error: (Error & { errors?: Error[] }) | undefined, what: Verified): VerificationProblem[] {
  if (!error) return [{ type: PROBLEM_TYPES.proofVerification, title: 'Proof not verified', detail: `The ${what} proof did not verify.` }];
  if (error.name !== 'VerificationError') return [{ type: PROBLEM_TYPES.malformedValue, title: `Malformed ${what}`, detail: error.message }];
  return (error.errors ?? [error]).map((cause) => classify(cause, what));
}

function classify(error: Error, what: Verified): VerificationProblem {
  const T = PROBLEM_TYPES;
  const detail = error.message;
  const causes = causeChain(error);
  if (detail.startsWith('The challenge is not as expected')) return { type: T.invalidChallenge, title: 'Wrong challenge', detail };
  if (detail.startsWith('The domain is not as expected')) return { type: T.invalidDomain, title: 'Wrong domain', detail };
  if (causes.some((cause) => cause.message.startsWith('Maximum deep iterations exceeded'))) {
    const refused = `The ${what}'s blank nodes cannot be told apart within the canonicalisation work limit (RDFC-1.0); it is refused unverified.`;
    return { type: T.malformedValue, title: `The ${what} is too costly to canonicalise`, detail: refused };
  }
  if (detail === 'Invalid signature.') return { type: T.cryptographicSecurity, title: `Signature does not match the ${what}`, detail };
  if (causes.some((cause) => cause.name === 'DocumentNotFoundError' && String((cause as { url?: unknown }).url).startsWith('did:'))) {
    return { type: T.invalidVerificationMethod, title: 'Verification method not found', detail };
  }
  if (causes.some((cause) => cause.name === 'InvalidDidDocumentError')) {
    return { type: T.invalidControllerDocumentId, title: 'DID document is not the DID’s', detail };
  }
  if (detail.includes('issuer must match the verification method controller')) {
    return { type: T.invalidVerificationMethod, title: 'Key not controlled by the issuer', detail };
  }
  if (detail.includes('not authorized by controller for proof purpose')) {
    return { type: T.invalidRelationship, title: what === 'presentation' ? 'Key not authorized to authenticate' : 'Key not authorized to issue', detail };
  }
  // Unknown @context URLs, terms the contexts do not define (safe mode), invalid JSON-LD.
  if (error.name.startsWith('jsonld.')) return { type: T.malformedValue, title: `The ${what} is not valid JSON-LD`, detail };
  return { type: T.proofVerification, title: 'Proof not verified', detail };
}

/** The error and its causes (`cause`, or jsonld's `details.cause`), at most ten deep. */
export function causeChain(error: Error): Error[] {
  const chain: Error[] = [];
  for (let current: unknown = error; current instanceof Error && chain.length < 10; ) {
    chain.push(current);
    current = current.cause ?? (current as { details?: { cause?: unknown } }).details?.cause;
  }
  return chain;
}
