import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as bitstringStatusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { DID_CONTEXT_V1, DID_CONTEXT_V1_URL } from '../contexts/did-v1.js';
import { OB_V3P0_CONTEXT_3_0_3, OB_V3P0_CONTEXT_URL } from '../contexts/ob-v3p0-context-3.0.3.js';
import { XUEJI_CONTEXT_URL, XUEJI_CONTEXT_V1 } from '../contexts/xueji-v1.js';
/**
 * The only way JSON-LD processing reaches documents: bundled contexts and DIDs resolved by
 * the caller. There is no network fallback — an unknown URL is an error, because fetching
 * contexts at verification time lets whoever serves them change what a credential means.
 */
export { OB_V3P0_CONTEXT_URL, XUEJI_CONTEXT_URL };
/**
 * Context URL → context document: credentials v1/v2, data integrity, multikey, Bitstring Status
 * List v1 (status entries in VC 1.1 credentials), DID v1, Open Badges 3.0.3, and our v1 context.
 * XUEJI_CONTEXT_URL (https://w3id.org/xueji/v1) resolves nowhere else and new credentials no
 * longer name it; it stays so that the credentials already issued with it keep verifying here. Contexts served under PUBLIC_URL (the certificate
 * extension context) depend on the deployment and come in through `contexts`.
 * Null prototype, and looked up with Object.hasOwn, so "constructor" and friends are not URLs.
 */
export const BUNDLED_CONTEXTS = Object.freeze(Object.assign(Object.create(null), Object.fromEntries([
    ...credentialsContexts,
    ...dataIntegrityContext.contexts,
    ...multikeyContext.contexts,
    ...bitstringStatusListContexts,
    [DID_CONTEXT_V1_URL, DID_CONTEXT_V1],
    [OB_V3P0_CONTEXT_URL, OB_V3P0_CONTEXT_3_0_3],
    [XUEJI_CONTEXT_URL, XUEJI_CONTEXT_V1],
])));
export class DocumentNotFoundError extends Error {
    constructor(url) {
        super(`Document not found offline: ${url}`);
        this.url = url;
        this.name = 'DocumentNotFoundError';
    }
}
/** The resolver answered with a document that cannot be the DID's: a fault of the DID, not of the service. */
export class InvalidDidDocumentError extends Error {
    constructor() {
        super(...arguments);
        this.name = 'InvalidDidDocumentError';
    }
}
export function createDocumentLoader(options = {}) {
    const extraContexts = checkedExtraContexts(options.contexts ?? {});
    const { resolveDid } = options;
    return async function documentLoader(url) {
        if (Object.hasOwn(BUNDLED_CONTEXTS, url)) {
            return { contextUrl: null, documentUrl: url, document: BUNDLED_CONTEXTS[url] };
        }
        const extra = extraContexts.get(url);
        if (extra)
            return { contextUrl: null, documentUrl: url, document: extra };
        if (resolveDid && typeof url === 'string' && url.startsWith('did:')) {
            return { contextUrl: null, documentUrl: url, document: await loadDidUrl(url, resolveDid) };
        }
        throw new DocumentNotFoundError(url);
    };
}
/** The W3C contexts and ours are fixed; a caller swapping one would change what signatures mean. */
function checkedExtraContexts(contexts) {
    for (const url of Object.keys(contexts)) {
        if (Object.hasOwn(BUNDLED_CONTEXTS, url))
            throw new Error(`Refusing to replace the bundled context "${url}".`);
    }
    return new Map(Object.entries(contexts));
}
/** Places where a DID document may embed a verification method. */
const VERIFICATION_METHOD_PROPERTIES = [
    'verificationMethod',
    'assertionMethod',
    'authentication',
    'capabilityInvocation',
    'capabilityDelegation',
    'keyAgreement',
];
/** A DID returns its document; a DID URL with a fragment returns that verification method. */
async function loadDidUrl(url, resolveDid) {
    const hashAt = url.indexOf('#');
    const did = hashAt === -1 ? url : url.slice(0, hashAt);
    if (/[?/]/.test(did))
        throw new DocumentNotFoundError(url);
    const didDocument = (await resolveDid(did));
    if (!didDocument)
        throw new DocumentNotFoundError(url);
    if (didDocument.id !== did) {
        throw new InvalidDidDocumentError(`DID document id "${String(didDocument.id)}" does not match the requested DID "${did}".`);
    }
    if (hashAt === -1)
        return didDocument;
    const method = findVerificationMethod(didDocument, url, url.slice(hashAt));
    if (!method)
        throw new DocumentNotFoundError(url);
    // Multikey parsing and Data Integrity need the method to carry its document's context.
    return { '@context': didDocument['@context'], ...method, id: url };
}
function findVerificationMethod(didDocument, absoluteId, relativeId) {
    for (const property of VERIFICATION_METHOD_PROPERTIES) {
        const values = didDocument[property];
        if (!Array.isArray(values))
            continue;
        const match = values.find((value) => typeof value === 'object' && value !== null && (value.id === absoluteId || value.id === relativeId));
        if (match)
            return match;
    }
    return undefined;
}
//# sourceMappingURL=document-loader.js.map