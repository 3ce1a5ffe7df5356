import { p256PublicJwk } from './es256.js';
/**
 * JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc, "JWT VC Issuer Metadata"): how a
 * verifier finds the key behind an SD-JWT VC's `iss`. The document lives where
 * `/.well-known/jwt-vc-issuer` is inserted between the host and the path of `iss`:
 * `https://h/issuers/330106` → `https://h/.well-known/jwt-vc-issuer/issuers/330106`.
 */
export const JWT_VC_ISSUER_WELL_KNOWN = '/.well-known/jwt-vc-issuer';
/** Keys in the order given: list the current key first and keep retired ones until their credentials expire. */
export function buildJwtVcIssuerMetadata(options) {
    const problem = issuerIdentifierProblem(options.issuer);
    if (problem)
        throw new RangeError(`issuer ${problem}`);
    const kids = new Set();
    const keys = options.keys.map(({ kid, publicKey }) => {
        if (typeof kid !== 'string' || kid.length === 0 || kids.has(kid)) {
            throw new RangeError('each key needs its own non-empty kid');
        }
        kids.add(kid);
        return { ...p256PublicJwk(publicKey), kid, alg: 'ES256', use: 'sig' };
    });
    return { issuer: options.issuer, jwks: { keys } };
}
/** The metadata document's URL for an issuer identifier (a trailing `/` of the path is dropped). */
export function jwtVcIssuerMetadataUrl(iss) {
    const problem = issuerIdentifierProblem(iss);
    if (problem)
        throw new RangeError(`iss ${problem}`);
    const url = new URL(iss);
    const path = url.pathname.replace(/\/+$/, '');
    return `${url.protocol}//${url.host}${JWT_VC_ISSUER_WELL_KNOWN}${path}`;
}
/** The key a credential names, when the document is the issuer's own; undefined otherwise. */
export function issuerKeyFromMetadata(metadata, iss, kid) {
    if (!isMetadata(metadata) || metadata.issuer !== iss)
        return undefined;
    const keys = metadata.jwks.keys;
    const key = kid === undefined ? (keys.length === 1 ? keys[0] : undefined) : keys.find((k) => k.kid === kid);
    if (!key || key.kty !== 'EC' || key.crv !== 'P-256' || typeof key.x !== 'string' || typeof key.y !== 'string') {
        return undefined;
    }
    return { kty: 'EC', crv: 'P-256', x: key.x, y: key.y };
}
/**
 * Null when `value` can be an issuer identifier: an https URL with a host, no query, no
 * fragment, no credentials. Plain http is let through only for loopback hosts (development).
 */
export function issuerIdentifierProblem(value) {
    if (typeof value !== 'string')
        return 'must be a URL';
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return 'must be a URL';
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
        return 'must be an https URL';
    if (url.search || url.hash || value.includes('?') || value.includes('#'))
        return 'may not have a query or fragment';
    if (url.username || url.password)
        return 'may not carry credentials';
    return null;
}
function isMetadata(value) {
    const v = value;
    return (typeof v === 'object' &&
        v !== null &&
        typeof v.jwks === 'object' &&
        v.jwks !== null &&
        Array.isArray(v.jwks.keys) &&
        v.jwks.keys.every((k) => typeof k === 'object' && k !== null));
}
//# sourceMappingURL=jwt-vc-issuer-metadata.js.map