import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { revokedKeyVerdict } from '../../identity/domain/key-lifecycle.js';
import { conformanceProblems } from './vc-conformance.js';
export const PROBLEM_TYPES = {
    /** VC Data Model 2.0 §7.1 */
    parsing: 'https://www.w3.org/TR/vc-data-model#PARSING_ERROR',
    cryptographicSecurity: 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR',
    malformedValue: 'https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR',
    range: 'https://www.w3.org/TR/vc-data-model#RANGE_ERROR',
    /** VC Data Integrity 1.0 processing errors */
    proofVerification: 'https://w3id.org/security#PROOF_VERIFICATION_ERROR',
    /** Controlled Identifiers 1.0 processing errors */
    invalidControllerDocumentId: 'https://w3id.org/security#INVALID_CONTROLLED_IDENTIFIER_DOCUMENT_ID',
    invalidVerificationMethod: 'https://w3id.org/security#INVALID_VERIFICATION_METHOD',
    invalidRelationship: 'https://w3id.org/security#INVALID_RELATIONSHIP_FOR_VERIFICATION_METHOD',
};
export async function issueCredential(options) {
    const { signer, documentLoader, now } = options;
    const issuerId = issuerIdOf(options.credential);
    if (!issuerId || controllerOf(signer.id) !== issuerId) {
        // Such a credential could never verify; refuse it here rather than at the verifier.
        throw new Error(`Signer "${signer.id}" does not belong to issuer "${issuerId ?? ''}".`);
    }
    // vc.issue may add properties to the credential it is given; keep the caller's object intact.
    const credential = structuredClone(options.credential);
    const suite = new DataIntegrityProof({ signer, date: now, cryptosuite: eddsaRdfc2022 });
    return (await vc.issue({ credential, suite, documentLoader, now }));
}
export async function verifyCredential(options) {
    const { credential, documentLoader, now, recordedBefore } = options;
    const shapeProblem = describeShapeProblem(credential);
    const nonConforming = shapeProblem ? [shapeProblem] : conformanceProblems(credential);
    if (nonConforming.length > 0) {
        return {
            verified: false,
            checks: [{ check: 'proof', ok: false, detail: nonConforming[0] }],
            problems: nonConforming.map((detail) => ({ type: PROBLEM_TYPES.malformedValue, title: 'Malformed credential', detail })),
        };
    }
    const results = [
        await checkProofAndKeyRevocation(credential, documentLoader, now, recordedBefore),
        checkIssuerControlsProofKeys(credential),
        checkValidityPeriod(credential, now),
    ];
    return {
        verified: results.every((result) => result.check.ok),
        checks: results.map((result) => result.check),
        problems: uniqueByType(results.flatMap((result) => result.problems)),
    };
}
function describeShapeProblem(credential) {
    if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
        return 'The credential must be a JSON object.';
    }
    const { proof } = credential;
    if (typeof proof !== 'object' || proof === null)
        return 'The credential has no proof.';
    if (!Array.isArray(credential['@context'])) {
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
/** Signature, proof purpose and structure, as @digitalbazaar/vc checks them. */
async function checkProof(credential, documentLoader, now) {
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const infrastructureFailures = [];
    const observedLoader = async (url) => {
        try {
            return await documentLoader(url);
        }
        catch (error) {
            if (!CREDENTIAL_FAULT_LOADER_ERRORS.has(error?.name))
                infrastructureFailures.push(error);
            throw error;
        }
    };
    let result;
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
    }
    catch (error) {
        result = { verified: false, error: error };
    }
    if (infrastructureFailures.length > 0)
        throw infrastructureFailures[0];
    if (result.verified)
        return { check: { check: 'proof', ok: true }, problems: [] };
    const problems = problemsFromLibraryError(result.error);
    return { check: { check: 'proof', ok: false, detail: problems[0]?.detail }, problems };
}
/**
 * A proof by a revoked key counts only when made before the compromise and vouched for by the
 * register (revokedKeyVerdict); it is then checked against the DID document as it stood before
 * the compromise (the key still an assertion method). Any other proof by a revoked key fails
 * with the reason, whatever the DID document's relationships say.
 */
async function checkProofAndKeyRevocation(credential, documentLoader, now, recordedBefore) {
    const verdicts = await revokedKeyVerdicts(credential, documentLoader, recordedBefore);
    const refused = verdicts.find((v) => !v.verdict.accepted);
    if (refused) {
        const detail = refused.verdict.detail;
        return failed('proof', { type: PROBLEM_TYPES.invalidVerificationMethod, title: 'Key revoked after compromise', detail });
    }
    if (verdicts.length === 0)
        return checkProof(credential, documentLoader, now);
    const result = await checkProof(credential, asBeforeRevocation(documentLoader, verdicts.map((v) => v.methodId)), now);
    return result.check.ok ? { ...result, check: { ...result.check, detail: verdicts.map((v) => v.verdict.detail).join(' ') } } : result;
}
async function revokedKeyVerdicts(credential, documentLoader, recordedBefore) {
    const proofs = Array.isArray(credential.proof) ? credential.proof : [credential.proof];
    const verdicts = [];
    for (const proof of proofs) {
        const methodId = verificationMethodIdOf(proof);
        let method;
        try {
            method = (await documentLoader(methodId)).document;
        }
        catch {
            continue; // checkProof reports a key that cannot be found, and rethrows a failing store
        }
        if (method?.revoked === undefined)
            continue;
        const revoked = String(method.revoked);
        const claimsBefore = typeof proof.created === 'string' && Date.parse(proof.created) < Date.parse(revoked);
        const recorded = claimsBefore && recordedBefore ? await recordedBefore(proof, new Date(revoked)) : false;
        verdicts.push({ methodId, verdict: revokedKeyVerdict({ methodId, revoked, created: proof.created, recordedBefore: recorded }) });
    }
    return verdicts;
}
/** The issuer's DID document as it stood before the compromise of `methodIds`: those keys may assert. */
function asBeforeRevocation(documentLoader, methodIds) {
    const withoutRevoked = (method) => {
        if (typeof method !== 'object' || method === null || !methodIds.includes(method.id ?? ''))
            return method;
        const { revoked: _revoked, ...rest } = method;
        return rest;
    };
    return async (url) => {
        const result = await documentLoader(url);
        if (methodIds.includes(url))
            return { ...result, document: withoutRevoked({ ...result.document, id: url }) };
        const own = methodIds.filter((id) => id.startsWith(`${url}#`));
        if (own.length === 0)
            return result;
        const document = result.document;
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
function checkIssuerControlsProofKeys(credential) {
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
function checkValidityPeriod(credential, now) {
    for (const property of ['validFrom', 'validUntil']) {
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
function failed(check, problem) {
    return { check: { check, ok: false, detail: problem.detail }, problems: [problem] };
}
/**
 * The library reports failures as plain Errors (messages only), so they are classified by
 * name and message; anything unrecognised stays a generic proof verification error.
 */
function problemsFromLibraryError(error) {
    if (!error) {
        return [{ type: PROBLEM_TYPES.proofVerification, title: 'Proof not verified', detail: 'The proof did not verify.' }];
    }
    // Errors from the proof checks arrive wrapped in a VerificationError; a bare Error means the
    // credential failed the library's structural checks before any proof was looked at.
    if (error.name !== 'VerificationError') {
        return [{ type: PROBLEM_TYPES.malformedValue, title: 'Malformed credential', detail: error.message }];
    }
    return (error.errors ?? [error]).map(classifyProofError);
}
function classifyProofError(error) {
    const detail = error.message;
    const causes = causeChain(error);
    if (detail === 'Invalid signature.') {
        return { type: PROBLEM_TYPES.cryptographicSecurity, title: 'Signature does not match the credential', detail };
    }
    if (causes.some((cause) => cause.name === 'DocumentNotFoundError' && String(cause.url).startsWith('did:'))) {
        return { type: PROBLEM_TYPES.invalidVerificationMethod, title: 'Verification method not found', detail };
    }
    if (causes.some((cause) => cause.name === 'InvalidDidDocumentError')) {
        return { type: PROBLEM_TYPES.invalidControllerDocumentId, title: 'Issuer DID document is not the DID’s', detail };
    }
    if (detail.includes('issuer must match the verification method controller')) {
        return { type: PROBLEM_TYPES.invalidVerificationMethod, title: 'Key not controlled by the issuer', detail };
    }
    if (detail.includes('not authorized by controller for proof purpose')) {
        return { type: PROBLEM_TYPES.invalidRelationship, title: 'Key not authorized to issue', detail };
    }
    if (error.name.startsWith('jsonld.')) {
        // Unknown @context URLs, terms the contexts do not define (safe mode), invalid JSON-LD.
        return { type: PROBLEM_TYPES.malformedValue, title: 'Credential is not valid JSON-LD', detail };
    }
    return { type: PROBLEM_TYPES.proofVerification, title: 'Proof not verified', detail };
}
function causeChain(error) {
    const chain = [];
    for (let current = error; current instanceof Error && chain.length < 10;) {
        chain.push(current);
        current = current.cause ?? current.details?.cause;
    }
    return chain;
}
function uniqueByType(problems) {
    const seen = new Set();
    return problems.filter((problem) => !seen.has(problem.type) && seen.add(problem.type));
}
/** The issuer's id, whether `issuer` is a URL or an object with an `id`. */
export function issuerIdOf(credential) {
    const { issuer } = credential;
    if (typeof issuer === 'string')
        return issuer;
    if (typeof issuer === 'object' && issuer !== null && typeof issuer.id === 'string') {
        return issuer.id;
    }
    return undefined;
}
function verificationMethodIdOf(proof) {
    const method = proof?.verificationMethod;
    if (typeof method === 'string')
        return method;
    const id = method?.id;
    return typeof id === 'string' ? id : '';
}
/** The DID (or URL) that controls a verification method: everything before `#`. */
function controllerOf(verificationMethodId) {
    const hashAt = verificationMethodId.indexOf('#');
    return hashAt === -1 ? verificationMethodId : verificationMethodId.slice(0, hashAt);
}
//# sourceMappingURL=data-integrity.js.map