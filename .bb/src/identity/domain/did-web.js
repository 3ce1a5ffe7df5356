import { DID_CONTEXT_V1_URL } from '../contexts/did-v1.js';
import { algorithmOfPublicKey, algorithmSupport } from './key-algorithms.js';
/**
 * did:web identifiers for issuers served by this service (https://w3c-ccg.github.io/did-method-web/):
 * `did:web:<host, port colon as %3A>:<path segments joined by ":">`, whose document lives at
 * `/<path segments>/did.json`, or at `/.well-known/did.json` for a bare domain.
 */
const DID_WEB_PREFIX = 'did:web:';
const MULTIKEY_CONTEXT_V1_URL = 'https://w3id.org/security/multikey/v1';
/** Hostname or IPv4 with optional port, or a bracketed IPv6 literal with optional port. */
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
/** e.g. (`http://localhost:3000`, ['issuers', '330106']) → `did:web:localhost%3A3000:issuers:330106`. */
export function didWebForPath(publicUrl, pathSegments) {
    const url = parsePublicUrl(publicUrl);
    // A public URL with a base path (behind a reverse proxy) keeps that path in the DID.
    const baseSegments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const segments = [...baseSegments, ...pathSegments];
    segments.forEach(assertSafeSegment);
    return DID_WEB_PREFIX + [url.host, ...segments].map(encodeDidSegment).join(':');
}
/** e.g. `did:web:localhost%3A3000:issuers:330106` → { host: 'localhost:3000', path: '/issuers/330106/did.json' }. */
export function didWebToPath(did) {
    if (typeof did !== 'string' || !did.startsWith(DID_WEB_PREFIX)) {
        throw new Error(`Not a did:web identifier: "${did}".`);
    }
    if (/[#?/]/.test(did)) {
        throw new Error(`Expected a DID, not a DID URL: "${did}".`);
    }
    const [host, ...segments] = did.slice(DID_WEB_PREFIX.length).split(':').map((part) => decodeDidSegment(part, did));
    if (!HOST_PATTERN.test(host)) {
        throw new Error(`did:web host is not a valid host: "${did}".`);
    }
    segments.forEach(assertSafeSegment);
    const path = segments.length === 0 ? '/.well-known/did.json' : `/${segments.map(encodeURIComponent).join('/')}/did.json`;
    return { host: host.toLowerCase(), path };
}
/**
 * The DID document of an issuer: every key it ever published, as Multikey.
 *
 * - active keys may assert (sign credentials) and authenticate;
 * - retired keys (replaced by a rotation) still assert, so what they signed keeps verifying with
 *   any verifier; they no longer authenticate;
 * - revoked keys (compromised) stay listed with their `revoked` time but in no relationship, so
 *   no verifier accepts a new signature from them; a verifier that knows when a proof was made
 *   (ours, from the register) may still accept one made before that time.
 */
export function buildDidDocument(options) {
    const { did, name } = options;
    const methods = options.verificationMethods.map((entry) => ({ method: verificationMethodOf(did, entry), status: entry.status ?? 'active' }));
    const withStatus = (...statuses) => methods.filter((m) => statuses.includes(m.status)).map((m) => m.method.id);
    // Neither the DID nor the Multikey context defines `name`; an inline term keeps the document valid JSON-LD.
    const context = [DID_CONTEXT_V1_URL, MULTIKEY_CONTEXT_V1_URL];
    if (name !== undefined)
        context.push({ name: 'https://schema.org/name' });
    return {
        '@context': context,
        id: did,
        ...(name !== undefined ? { name } : {}),
        verificationMethod: methods.map((m) => m.method),
        assertionMethod: withStatus('active', 'retired'),
        authentication: withStatus('active'),
    };
}
function verificationMethodOf(did, entry) {
    // A key of no known algorithm is checked as Ed25519, whose error then names what was expected.
    const algorithm = entry.algorithm ?? algorithmOfPublicKey(entry.publicKeyMultibase) ?? 'Ed25519';
    const method = algorithmSupport(algorithm).verificationMethod({
        id: verificationMethodId(did, entry.id),
        controller: did,
        publicKeyMultibase: entry.publicKeyMultibase,
    });
    if ((entry.status ?? 'active') !== 'revoked')
        return method;
    if (!entry.revoked || Number.isNaN(Date.parse(entry.revoked))) {
        throw new Error(`Revoked key "${method.id}" needs its revocation time.`);
    }
    return { ...method, revoked: new Date(entry.revoked).toISOString() };
}
/** `${did}#${fragment}`; an id that is already absolute must belong to `did`. */
export function verificationMethodId(did, idOrFragment) {
    if (!idOrFragment.includes('#'))
        return `${did}#${idOrFragment}`;
    if (!idOrFragment.startsWith(`${did}#`)) {
        throw new Error(`Verification method "${idOrFragment}" does not belong to "${did}".`);
    }
    return idOrFragment;
}
function parsePublicUrl(publicUrl) {
    let url;
    try {
        url = new URL(publicUrl);
    }
    catch {
        throw new Error(`Public URL is not a valid URL: "${publicUrl}".`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new Error(`Public URL must be http(s): "${publicUrl}".`);
    }
    if (url.search || url.hash || url.username || url.password) {
        throw new Error(`Public URL must not carry credentials, a query or a fragment: "${publicUrl}".`);
    }
    return url;
}
/** Segments become URL path parts on resolution, so anything that could climb the path is refused. */
function assertSafeSegment(segment) {
    if (typeof segment !== 'string' || segment === '' || segment === '.' || segment === '..' || segment.includes('/')) {
        throw new Error(`did:web path segment is empty or unsafe: "${segment}".`);
    }
}
/** DID method-specific ids allow only ALPHA / DIGIT / "." / "-" / "_" / pct-encoded. */
function encodeDidSegment(segment) {
    return encodeURIComponent(segment).replace(/[!'()*~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
function decodeDidSegment(segment, did) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        throw new Error(`did:web identifier has invalid percent-encoding: "${did}".`);
    }
}
//# sourceMappingURL=did-web.js.map