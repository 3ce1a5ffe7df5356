import { createHash } from 'node:crypto';
import { isPlainObject, parseBase64urlJson } from './es256.js';
const MAX_DEPTH = 32;
const RESERVED_NAMES = new Set(['_sd', '...', '_sd_alg']);
/** The digest of a disclosure as presented (base64url of SHA-256 over its ASCII text). */
export function disclosureDigest(encoded) {
    return createHash('sha256').update(encoded, 'ascii').digest('base64url');
}
/** `notDisclosable`: top-level claims that must come from the signed payload itself (SD-JWT VC: iss, exp, cnf…). */
export function resolveDisclosures(payload, encodedDisclosures, notDisclosable = new Set()) {
    const resolver = new DisclosureResolver(encodedDisclosures, notDisclosable);
    const claims = resolver.visitObject(payload, '', 0);
    delete claims._sd_alg;
    resolver.reportUnused();
    return { claims, problems: resolver.problems };
}
class DisclosureResolver {
    constructor(encodedDisclosures, notDisclosable) {
        this.notDisclosable = notDisclosable;
        this.problems = [];
        this.byDigest = new Map();
        this.seenDigests = new Set();
        this.used = new Set();
        encodedDisclosures.forEach((encoded, index) => {
            const disclosure = decodeDisclosure(encoded, index + 1);
            if ('code' in disclosure)
                return void this.problems.push(disclosure);
            const digest = disclosureDigest(encoded);
            if (this.byDigest.has(digest))
                return this.report('DISCLOSURE_DUPLICATED', `disclosure ${index + 1} is presented twice`);
            this.byDigest.set(digest, disclosure);
        });
    }
    visitObject(object, path, depth) {
        const out = {};
        for (const [key, member] of Object.entries(object)) {
            if (key !== '_sd')
                out[key] = this.visit(member, join(path, key), depth + 1);
        }
        if (object._sd === undefined)
            return out;
        const where = `_sd of ${path || 'the payload'}`;
        if (!Array.isArray(object._sd)) {
            this.report('DISCLOSURE_MALFORMED', `${where} is not an array`);
            return out;
        }
        for (const digest of object._sd) {
            const disclosure = this.take(digest, where);
            if (disclosure && this.canPlace(disclosure, out, path)) {
                out[disclosure.name] = this.visit(disclosure.value, join(path, disclosure.name), depth + 1);
            }
        }
        return out;
    }
    /** RFC 9901 §7.1 step 5: a disclosure no digest refers to makes the whole SD-JWT invalid. */
    reportUnused() {
        for (const disclosure of this.byDigest.values()) {
            if (this.used.has(disclosure))
                continue;
            this.report('DISCLOSURE_ALTERED', `disclosure ${disclosure.position} matches no digest in the credential: it was altered or belongs to another credential`);
        }
    }
    visit(value, path, depth) {
        if (depth > MAX_DEPTH) {
            this.report('DISCLOSURE_MALFORMED', `claims nest deeper than ${MAX_DEPTH} levels`);
            return undefined;
        }
        if (Array.isArray(value))
            return this.visitArray(value, path, depth);
        if (isPlainObject(value))
            return this.visitObject(value, path, depth);
        return value;
    }
    visitArray(array, path, depth) {
        const out = [];
        for (const element of array) {
            if (!isArrayDigest(element)) {
                out.push(this.visit(element, `${path}[]`, depth + 1));
                continue;
            }
            const disclosure = this.take(element['...'], `${path || 'payload'}[]`);
            if (!disclosure)
                continue;
            if (disclosure.name === undefined)
                out.push(this.visit(disclosure.value, `${path}[]`, depth + 1));
            else
                this.report('DISCLOSURE_MALFORMED', `disclosure ${disclosure.position} names a claim but stands for an array element`);
        }
        return out;
    }
    canPlace({ name, position }, out, path) {
        if (name === undefined) {
            this.report('DISCLOSURE_MALFORMED', `disclosure ${position} stands for an array element but is referenced from _sd`);
        }
        else if (path === '' && this.notDisclosable.has(name)) {
            this.report('DISCLOSURE_MALFORMED', `disclosure ${position} discloses ${name}, which may not be selectively disclosed`);
        }
        else if (Object.hasOwn(out, name)) {
            this.report('DISCLOSURE_CLAIM_CONFLICT', `disclosure ${position} discloses ${join(path, name)}, which is already present`);
        }
        else {
            return true;
        }
        return false;
    }
    /** Each digest may occur once in the whole payload, disclosed or not (decoys included). */
    take(digest, where) {
        if (typeof digest !== 'string') {
            this.report('DISCLOSURE_MALFORMED', `a digest in ${where} is not a string`);
            return undefined;
        }
        if (this.seenDigests.has(digest)) {
            this.report('DIGEST_DUPLICATED', `a digest occurs more than once (${where})`);
            return undefined;
        }
        this.seenDigests.add(digest);
        const disclosure = this.byDigest.get(digest);
        if (disclosure)
            this.used.add(disclosure);
        return disclosure;
    }
    report(code, detail) {
        this.problems.push({ code, detail });
    }
}
function decodeDisclosure(encoded, position) {
    const malformed = (why) => ({
        code: 'DISCLOSURE_MALFORMED',
        detail: `disclosure ${position} ${why}`,
    });
    const decoded = parseBase64urlJson(encoded);
    if (!Array.isArray(decoded))
        return malformed('is not a base64url-encoded JSON array');
    if (typeof decoded[0] !== 'string')
        return malformed('has no salt');
    if (decoded.length === 2)
        return { position, value: decoded[1] };
    if (decoded.length !== 3)
        return malformed('must have two or three elements');
    const [, name, value] = decoded;
    if (typeof name !== 'string')
        return malformed('has a claim name that is not a string');
    if (RESERVED_NAMES.has(name))
        return malformed(`may not disclose the reserved name ${name}`);
    return { position, name, value };
}
function isArrayDigest(element) {
    return isPlainObject(element) && Object.keys(element).length === 1 && Object.hasOwn(element, '...');
}
function join(path, key) {
    return path ? `${path}.${key}` : key;
}
//# sourceMappingURL=disclosures.js.map