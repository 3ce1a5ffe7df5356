import { createHash } from 'node:crypto';
import { resolveDisclosures } from './disclosures.js';
import { decodeJws, isPlainObject, toP256PublicKey, verifyEs256 } from './es256.js';
import { SD_JWT_VC_TYP, seconds } from './sd-jwt-vc.js';
export const KB_JWT_TYP = 'kb+jwt';
const MAX_PRESENTATION_CHARS = 64 * 1024;
/** draft-ietf-oauth-sd-jwt-vc: claims that must never be selectively disclosed. */
const NOT_DISCLOSABLE = new Set(['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'status']);
export async function verifySdJwtVcPresentation(options) {
    try {
        return await verify(options);
    }
    catch {
        // A nonce store that throws must turn into neither a 500 nor a pass.
        return fail([{ code: 'VERIFIER_ERROR', detail: 'a check could not be completed; try again' }]);
    }
}
async function verify(options) {
    // A verifier without a clock or a challenge would accept what it must refuse.
    if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime()) || !options.expectedNonce || !options.expectedAud) {
        return fail([{ code: 'VERIFIER_ERROR', detail: 'the verifier needs now, expectedNonce and expectedAud' }]);
    }
    const parts = splitPresentation(options.presentation);
    if ('problem' in parts)
        return fail([parts.problem]);
    const { issuerJwt, disclosures, kbJwt } = parts;
    const issued = await checkIssuerSignedJwt(issuerJwt, options.resolveIssuerKey);
    if ('problem' in issued)
        return fail([issued.problem]);
    const { payload } = issued;
    const now = seconds(options.now);
    const skew = options.clockSkewSeconds ?? 60;
    const problems = [...validityProblems(payload, now, skew), ...typeProblems(payload, options.expectedVct)];
    const { claims, problems: disclosureProblems } = resolveDisclosures(payload, disclosures, NOT_DISCLOSABLE);
    problems.push(...disclosureProblems);
    problems.push(...(await statusProblems(payload, options)));
    const sdJwtWithoutKb = `${[issuerJwt, ...disclosures].join('~')}~`;
    problems.push(...(await keyBindingProblems(kbJwt, payload, sdJwtWithoutKb, options, now, skew)));
    return problems.length === 0 ? { verified: true, claims, problems } : fail(problems);
}
function splitPresentation(presentation) {
    if (typeof presentation !== 'string' || presentation.length === 0 || presentation.length > MAX_PRESENTATION_CHARS) {
        return { problem: { code: 'MALFORMED', detail: 'the presentation must be a compact SD-JWT of at most 64 KiB' } };
    }
    const [issuerJwt, ...disclosures] = presentation.split('~');
    const kbJwt = disclosures.pop();
    if (kbJwt === undefined)
        return { problem: { code: 'MALFORMED', detail: 'an SD-JWT ends with "~" or a key-binding JWT' } };
    return { issuerJwt, disclosures, kbJwt };
}
/** Nothing else is worth checking until the issuer's signature holds: these problems end verification. */
async function checkIssuerSignedJwt(issuerJwt, resolveIssuerKey) {
    const problem = (code, detail) => ({ problem: { code, detail } });
    const jws = decodeJws(issuerJwt);
    if (!jws)
        return problem('MALFORMED', 'the issuer-signed JWT is not a compact JWS with JSON header and payload');
    if (jws.header.alg !== 'ES256')
        return problem('UNSUPPORTED_ALGORITHM', 'the issuer-signed JWT must use ES256');
    if (jws.header.typ !== SD_JWT_VC_TYP)
        return problem('WRONG_TYPE', `the issuer-signed JWT must have typ ${SD_JWT_VC_TYP}`);
    const { payload } = jws;
    if (typeof payload.iss !== 'string')
        return problem('MALFORMED', 'the credential has no iss');
    const kid = typeof jws.header.kid === 'string' ? jws.header.kid : undefined;
    const issuerKey = await publicKeyOrUndefined(() => resolveIssuerKey(payload.iss, kid));
    if (!issuerKey)
        return problem('ISSUER_UNKNOWN', 'no key is known for this issuer and kid');
    if (!verifyEs256(jws.signingInput, jws.signature, issuerKey)) {
        return problem('ISSUER_SIGNATURE_INVALID', "the issuer's signature does not verify");
    }
    if (payload._sd_alg !== undefined && payload._sd_alg !== 'sha-256') {
        return problem('UNSUPPORTED_ALGORITHM', 'disclosure digests must use sha-256');
    }
    return { payload };
}
function typeProblems(payload, expectedVct) {
    if (typeof payload.vct !== 'string')
        return [{ code: 'MALFORMED', detail: 'the credential has no vct' }];
    if (expectedVct !== undefined && payload.vct !== expectedVct) {
        return [{ code: 'VCT_MISMATCH', detail: 'the credential is not of the expected type (vct)' }];
    }
    return [];
}
function validityProblems(payload, now, skew) {
    const problems = [];
    for (const claim of ['iat', 'nbf', 'exp']) {
        if (payload[claim] !== undefined && !Number.isFinite(payload[claim])) {
            problems.push({ code: 'MALFORMED', detail: `${claim} is not a NumericDate` });
        }
    }
    const exp = payload.exp;
    const nbf = payload.nbf;
    const iat = payload.iat;
    if (typeof exp === 'number' && now >= exp + skew)
        problems.push({ code: 'EXPIRED', detail: 'the credential has expired' });
    if (typeof nbf === 'number' && now < nbf - skew) {
        problems.push({ code: 'NOT_YET_VALID', detail: 'the credential is not valid yet (nbf)' });
    }
    if (typeof iat === 'number' && now < iat - skew) {
        problems.push({ code: 'NOT_YET_VALID', detail: 'the credential is issued in the future (iat)' });
    }
    return problems;
}
async function statusProblems(payload, options) {
    if (payload.status === undefined)
        return [];
    const reference = isPlainObject(payload.status) ? payload.status.status_list : undefined;
    const { uri, idx } = isPlainObject(reference) ? reference : {};
    if (typeof uri !== 'string' || typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0) {
        return [{ code: 'STATUS_UNKNOWN', detail: 'the status claim has no usable status_list reference' }];
    }
    let status;
    try {
        status = await options.statusCheck(uri, idx, { iss: payload.iss });
    }
    catch {
        status = undefined;
    }
    if (status === 0)
        return [];
    if (status === 1)
        return [{ code: 'STATUS_REVOKED', detail: 'the credential has been revoked' }];
    if (status === 2)
        return [{ code: 'STATUS_SUSPENDED', detail: 'the credential is suspended' }];
    return [{ code: 'STATUS_UNKNOWN', detail: 'the credential status could not be established' }];
}
async function keyBindingProblems(kbJwt, payload, sdJwtWithoutKb, options, now, skew) {
    if (kbJwt === '')
        return [{ code: 'KB_MISSING', detail: 'key binding is required: the presentation has no KB-JWT' }];
    const kb = decodeJws(kbJwt);
    if (!kb)
        return [{ code: 'KB_MALFORMED', detail: 'the KB-JWT is not a compact JWS with JSON header and payload' }];
    if (kb.header.typ !== KB_JWT_TYP)
        return [{ code: 'KB_MALFORMED', detail: `the KB-JWT must have typ ${KB_JWT_TYP}` }];
    if (kb.header.alg !== 'ES256')
        return [{ code: 'UNSUPPORTED_ALGORITHM', detail: 'the KB-JWT must use ES256' }];
    const holderJwk = isPlainObject(payload.cnf) ? payload.cnf.jwk : undefined;
    const holderKey = isPlainObject(holderJwk) ? await publicKeyOrUndefined(() => ({ ...holderJwk })) : undefined;
    if (!holderKey)
        return [{ code: 'HOLDER_KEY_MISSING', detail: 'the credential binds no usable P-256 key (cnf.jwk)' }];
    if (!verifyEs256(kb.signingInput, kb.signature, holderKey)) {
        return [{ code: 'KB_SIGNATURE_INVALID', detail: "the KB-JWT is not signed by the credential's holder key" }];
    }
    const problems = [];
    const { nonce, aud, iat, sd_hash: sdHash } = kb.payload;
    if (sdHash !== createHash('sha256').update(sdJwtWithoutKb, 'ascii').digest('base64url')) {
        problems.push({ code: 'KB_SD_HASH_MISMATCH', detail: 'the KB-JWT was made for other disclosures (sd_hash)' });
    }
    if (aud !== options.expectedAud) {
        problems.push({ code: 'AUD_MISMATCH', detail: 'the KB-JWT is meant for another verifier (aud)' });
    }
    const maxAge = options.kbMaxAgeSeconds ?? 300;
    if (typeof iat !== 'number' || !Number.isFinite(iat))
        problems.push({ code: 'KB_MALFORMED', detail: 'the KB-JWT has no iat' });
    else if (iat < now - maxAge)
        problems.push({ code: 'KB_STALE', detail: `the KB-JWT is older than ${maxAge} s` });
    else if (iat > now + skew)
        problems.push({ code: 'KB_NOT_YET_VALID', detail: 'the KB-JWT is dated in the future' });
    if (nonce !== options.expectedNonce) {
        problems.push({ code: 'NONCE_MISMATCH', detail: 'the KB-JWT answers another challenge (nonce)' });
    }
    else if (await options.nonceUsed(nonce)) {
        problems.push({ code: 'NONCE_REPLAYED', detail: 'this nonce was already used: the presentation is a replay' });
    }
    return problems;
}
async function publicKeyOrUndefined(get) {
    try {
        const key = await get();
        return key ? toP256PublicKey(key) : undefined;
    }
    catch {
        return undefined;
    }
}
function fail(problems) {
    return { verified: false, problems };
}
//# sourceMappingURL=sd-jwt-vc-verify.js.map