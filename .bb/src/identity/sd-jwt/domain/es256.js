import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ES256_SIGNATURE_BYTES = 64;
/** Importing a JWK costs more than the signature; the same JWK object is imported once. */
const importedKeys = { private: new WeakMap(), public: new WeakMap() };
const exportedJwks = new WeakMap();
const checkedKeys = new WeakSet();
const publicHalves = new WeakMap();
export function toP256PrivateKey(input) {
    const key = isKeyObject(input) ? input : importJwk(input, 'private');
    if (key.type !== 'private')
        throw new TypeError('expected a P-256 private key');
    assertP256(key);
    return key;
}
/** Accepts a public key, or a private key whose public half is wanted. */
export function toP256PublicKey(input) {
    let key = isKeyObject(input) ? input : importJwk(input, 'public');
    if (key.type === 'private')
        key = publicHalf(key);
    if (key.type !== 'public')
        throw new TypeError('expected a P-256 public key');
    assertP256(key);
    return key;
}
export function p256PublicJwk(input) {
    // Exported from the imported key: a JWK's point is proven on the curve and its coordinates canonical.
    const key = toP256PublicKey(input);
    let jwk = exportedJwks.get(key);
    if (!jwk) {
        const { x, y } = key.export({ format: 'jwk' });
        jwk = { kty: 'EC', crv: 'P-256', x: x, y: y };
        exportedJwks.set(key, jwk);
    }
    return { ...jwk };
}
export function signEs256(signingInput, privateKey) {
    return sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}
/** False for any malformed signature rather than throwing: callers report one reason. */
export function verifyEs256(signingInput, signature, publicKey) {
    if (typeof signature !== 'string' || !BASE64URL.test(signature))
        return false;
    const bytes = Buffer.from(signature, 'base64url');
    if (bytes.length !== ES256_SIGNATURE_BYTES)
        return false;
    try {
        return verify('sha256', Buffer.from(signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, bytes);
    }
    catch {
        return false;
    }
}
export function encodeJws(header, payload, privateKey) {
    const signingInput = `${base64urlJson(header)}.${base64urlJson(payload)}`;
    return `${signingInput}.${signEs256(signingInput, privateKey)}`;
}
/** Splits and parses a compact JWS without checking its signature; null when it is not one. */
export function decodeJws(token) {
    if (typeof token !== 'string')
        return null;
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part)))
        return null;
    const header = parseJsonObject(parts[0]);
    const payload = parseJsonObject(parts[1]);
    if (!header || !payload)
        return null;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: parts[2] };
}
export function base64urlJson(value) {
    return Buffer.from(JSON.stringify(value)).toString('base64url');
}
/** Strict base64url → JSON: undefined for anything but base64url of a JSON text. */
export function parseBase64urlJson(encoded) {
    if (!BASE64URL.test(encoded))
        return undefined;
    try {
        return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    }
    catch {
        return undefined;
    }
}
function parseJsonObject(encoded) {
    const value = parseBase64urlJson(encoded);
    return isPlainObject(value) ? value : null;
}
export function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isKeyObject(input) {
    return typeof input.export === 'function' && typeof input.type === 'string';
}
function importJwk(jwk, want) {
    const cached = importedKeys[want].get(jwk);
    if (cached)
        return cached;
    if (!isPlainObject(jwk) || jwk.kty !== 'EC' || jwk.crv !== 'P-256') {
        throw new TypeError('expected an EC P-256 JWK');
    }
    const key = want === 'private'
        ? createPrivateKey({ key: jwk, format: 'jwk' })
        : createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
    importedKeys[want].set(jwk, key);
    return key;
}
function publicHalf(privateKey) {
    let key = publicHalves.get(privateKey);
    if (!key) {
        key = createPublicKey(privateKey);
        publicHalves.set(privateKey, key);
    }
    return key;
}
function assertP256(key) {
    if (checkedKeys.has(key))
        return;
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
        throw new TypeError('expected a P-256 (prime256v1) key');
    }
    checkedKeys.add(key);
}
//# sourceMappingURL=es256.js.map