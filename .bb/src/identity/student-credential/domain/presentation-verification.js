import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { createVerifyCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { PROBLEM_TYPES } from '../../../certificates/domain/data-integrity.js';
import { controllerOf, idOf, proofMode } from './selective-disclosure.js';
export const PRESENTATION_PROBLEM_TYPES = {
    ...PROBLEM_TYPES,
    /** VC Data Integrity 1.0 processing errors */
    invalidChallenge: 'https://w3id.org/security#INVALID_CHALLENGE_ERROR',
    invalidDomain: 'https://w3id.org/security#INVALID_DOMAIN_ERROR',
    /** Bitstring Status List 1.0 processing errors */
    statusRetrieval: 'https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR',
    statusVerification: 'https://www.w3.org/ns/credentials/status-list#STATUS_VERIFICATION_ERROR',
};
const TYPES = PRESENTATION_PROBLEM_TYPES;
const PRESENTATION_CRYPTOSUITES = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'];
/** Loader errors that are the presentation's fault; any other loader error is rethrown. */
const CREDENTIAL_FAULT_LOADER_ERRORS = new Set(['DocumentNotFoundError', 'InvalidDidDocumentError']);
export async function verifyPresentation(options) {
    const { challenge, domain, now, checkStatus } = options;
    if (typeof challenge !== 'string' || challenge === '' || typeof domain !== 'string' || domain === '') {
        // Without both, any replayed presentation would pass: refuse rather than check less.
        return refused('presentation', { type: TYPES.malformedValue, title: 'No challenge or domain', detail: 'The verifier must pass the challenge and domain it issued.' });
    }
    const shape = partsOf(options.presentation);
    if (typeof shape === 'string')
        return refused('presentation', { type: TYPES.malformedValue, title: 'Malformed presentation', detail: shape });
    const disclosure = checkDisclosure(shape);
    if (!disclosure.check.ok)
        return outcome([disclosure]);
    const { loader, rethrowInfrastructureFailure } = observedLoader(options.documentLoader);
    const results = [disclosure];
    results.push(await checkPresentationProof(shape, challenge, domain, loader, now));
    results.push(checkHolderBinding(shape));
    const proof = await checkCredentialProof(shape, loader, now);
    rethrowInfrastructureFailure();
    results.push(proof, checkIssuerControlsProofKey(shape), checkValidityPeriod(shape.credential, now));
    if (checkStatus && results.every((result) => result.check.ok))
        results.push(await statusCheck(checkStatus, shape.credential));
    const answer = outcome(results);
    return answer.verified ? { ...answer, credential: shape.credential } : answer;
}
/** The shape this verifier accepts: one credential, one proof each, a subject with a DID. */
function partsOf(presentation) {
    if (!isObject(presentation))
        return 'The presentation must be a JSON object.';
    if (!asArray(presentation.type).includes('VerifiablePresentation'))
        return 'The presentation "type" must include VerifiablePresentation.';
    if (!isObject(presentation.proof))
        return 'The presentation must carry exactly one proof.';
    const credentials = asArray(presentation.verifiableCredential);
    if (credentials.length !== 1 || !isObject(credentials[0]))
        return 'The presentation must carry exactly one credential.';
    const credential = credentials[0];
    if (!isObject(credential.proof))
        return 'The credential must carry exactly one proof.';
    const subject = credential.credentialSubject;
    const subjectId = isObject(subject) ? idOf(subject) : undefined;
    if (!subjectId?.startsWith('did:'))
        return 'The credential must name its holder: one credentialSubject with a DID as its id.';
    return { presentation: presentation, credential: credential, subjectId };
}
/** A derived ecdsa-sd-2023 disclosure that reveals what a verifier relies on. */
function checkDisclosure({ credential }) {
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
async function checkPresentationProof({ presentation }, challenge, domain, loader, now) {
    const { proof } = presentation;
    if (!PRESENTATION_CRYPTOSUITES.includes(String(proof.cryptosuite))) {
        const detail = `The presentation proof must use ${PRESENTATION_CRYPTOSUITES.join(' or ')}, not ${JSON.stringify(proof.cryptosuite)}.`;
        return failed('presentation', { type: TYPES.proofVerification, title: 'Unsupported presentation proof', detail });
    }
    const suite = [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 })];
    let result;
    try {
        // The library also runs the embedded credential through these suites; that fails at once
        // (its proof matches neither) and is ignored: checkCredentialProof verifies it.
        result = await vc.verify({ presentation, suite, challenge, domain, documentLoader: loader, now, maxClockSkew: Infinity, checkStatus: allClear });
    }
    catch (error) {
        result = { verified: false, error: error };
    }
    const proofResult = result.presentationResult;
    if (proofResult?.verified)
        return passed('presentation');
    return failedWith('presentation', problemsFrom(proofResult?.error ?? result.error, 'presentation'));
}
/** The presentation is the holder's: its holder and its signing key are the credential subject's DID. */
function checkHolderBinding({ presentation, subjectId }) {
    const signerDid = controllerOf(idOf(presentation.proof.verificationMethod) ?? '');
    const holder = idOf(presentation.holder);
    if (signerDid !== subjectId || holder !== subjectId) {
        const detail = `The credential is bound to "${subjectId}", but the presentation is held by "${holder ?? ''}" and signed by "${signerDid}".`;
        return failed('holder', { type: TYPES.invalidVerificationMethod, title: 'Presentation not signed by the credential’s holder', detail });
    }
    return passed('holder');
}
async function checkCredentialProof({ credential }, loader, now) {
    const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
    let result;
    try {
        // Validity is checked by checkValidityPeriod and status by the caller's hook, so that each
        // failure is reported as what it is rather than as a bad signature.
        result = await vc.verifyCredential({ credential, suite, documentLoader: loader, now, maxClockSkew: Infinity, checkStatus: allClear });
    }
    catch (error) {
        result = { verified: false, error: error };
    }
    if (result.verified)
        return passed('proof');
    return failedWith('proof', problemsFrom(result.error, 'credential'));
}
function checkIssuerControlsProofKey({ credential }) {
    const issuerId = idOf(credential.issuer);
    const method = idOf(credential.proof.verificationMethod) ?? '';
    if (!issuerId || controllerOf(method) !== issuerId) {
        const detail = `Verification method "${method}" is not a key of issuer "${issuerId ?? ''}".`;
        return failed('issuer', { type: TYPES.invalidVerificationMethod, title: 'Key not controlled by the issuer', detail });
    }
    return passed('issuer');
}
function checkValidityPeriod(credential, now) {
    const { validFrom, validUntil } = credential;
    for (const [property, value] of [['validFrom', validFrom], ['validUntil', validUntil]]) {
        if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
            return failed('validity', { type: TYPES.malformedValue, title: 'Malformed credential', detail: `"${property}" is not a date-time: ${JSON.stringify(value ?? null)}.` });
        }
    }
    if (now.getTime() < Date.parse(validFrom)) {
        const detail = `The credential is not valid before ${String(validFrom)} (checked at ${now.toISOString()}).`;
        return failed('validity', { type: TYPES.range, title: 'Credential not yet valid', detail });
    }
    if (now.getTime() > Date.parse(validUntil)) {
        const detail = `The credential expired at ${String(validUntil)} (checked at ${now.toISOString()}).`;
        return failed('validity', { type: TYPES.range, title: 'Credential expired', detail });
    }
    return passed('validity');
}
async function statusCheck(checkStatus, credential) {
    const entries = await checkStatus(credential);
    const problems = entries.flatMap((entry) => {
        if (entry.verdict === 'clear')
            return [];
        if (entry.verdict === 'unknown')
            return [{ type: TYPES.statusRetrieval, title: `Status "${entry.statusPurpose}" unknown`, detail: entry.detail }];
        const title = entry.statusPurpose === 'revocation' ? 'Credential revoked' : entry.statusPurpose === 'suspension' ? 'Credential suspended' : `Status "${entry.statusPurpose}" set`;
        return [{ type: TYPES.statusVerification, title, detail: entry.detail }];
    });
    if (entries.length === 0)
        problems.push({ type: TYPES.statusRetrieval, title: 'Status unknown', detail: 'The credential has no status entry to check.' });
    return problems.length === 0 ? passed('status') : failedWith('status', problems);
}
const allClear = async () => ({ verified: true });
/**
 * jsonld-signatures reports failures as plain Errors (messages only), so they are classified by
 * name and message; anything unrecognised stays a generic proof verification error.
 */
function problemsFrom(error, what) {
    if (!error)
        return [{ type: TYPES.proofVerification, title: 'Proof not verified', detail: `The ${what} proof did not verify.` }];
    if (error.name !== 'VerificationError')
        return [{ type: TYPES.malformedValue, title: `Malformed ${what}`, detail: error.message }];
    return (error.errors ?? [error]).map((cause) => classify(cause, what));
}
function classify(error, what) {
    const detail = error.message;
    const causes = causeChain(error);
    if (detail.startsWith('The challenge is not as expected'))
        return { type: TYPES.invalidChallenge, title: 'Wrong challenge', detail };
    if (detail.startsWith('The domain is not as expected'))
        return { type: TYPES.invalidDomain, title: 'Wrong domain', detail };
    if (detail === 'Invalid signature.')
        return { type: TYPES.cryptographicSecurity, title: `Signature does not match the ${what}`, detail };
    if (causes.some((cause) => cause.name === 'DocumentNotFoundError' && String(cause.url).startsWith('did:'))) {
        return { type: TYPES.invalidVerificationMethod, title: 'Verification method not found', detail };
    }
    if (causes.some((cause) => cause.name === 'InvalidDidDocumentError')) {
        return { type: TYPES.invalidControllerDocumentId, title: 'DID document is not the DID’s', detail };
    }
    if (detail.includes('issuer must match the verification method controller')) {
        return { type: TYPES.invalidVerificationMethod, title: 'Key not controlled by the issuer', detail };
    }
    if (detail.includes('not authorized by controller for proof purpose')) {
        return { type: TYPES.invalidRelationship, title: what === 'presentation' ? 'Key not authorized to authenticate' : 'Key not authorized to issue', detail };
    }
    if (error.name.startsWith('jsonld.'))
        return { type: TYPES.malformedValue, title: `The ${what} is not valid JSON-LD`, detail };
    return { type: TYPES.proofVerification, title: 'Proof not verified', detail };
}
function causeChain(error) {
    const chain = [];
    for (let current = error; current instanceof Error && chain.length < 10;) {
        chain.push(current);
        current = current.cause ?? current.details?.cause;
    }
    return chain;
}
/** Records loader failures that are not the presentation's fault, to rethrow them after the library swallowed them. */
function observedLoader(documentLoader) {
    const failures = [];
    const loader = async (url) => {
        try {
            return await documentLoader(url);
        }
        catch (error) {
            if (!CREDENTIAL_FAULT_LOADER_ERRORS.has(error?.name))
                failures.push(error);
            throw error;
        }
    };
    return {
        loader,
        rethrowInfrastructureFailure: () => {
            if (failures.length > 0)
                throw failures[0];
        },
    };
}
function outcome(results) {
    const seen = new Set();
    const problems = results.flatMap((result) => result.problems).filter((problem) => !seen.has(problem.type + problem.title) && seen.add(problem.type + problem.title));
    return { verified: results.every((result) => result.check.ok), checks: results.map((result) => result.check), problems };
}
function refused(check, problem) {
    return outcome([failed(check, problem)]);
}
function passed(check) {
    return { check: { check, ok: true }, problems: [] };
}
function failed(check, problem) {
    return failedWith(check, [problem]);
}
function failedWith(check, problems) {
    return { check: { check, ok: false, detail: problems[0]?.detail }, problems };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function asArray(value) {
    return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}
//# sourceMappingURL=presentation-verification.js.map