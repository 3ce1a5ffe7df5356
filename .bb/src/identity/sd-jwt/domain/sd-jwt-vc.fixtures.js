import { generateKeyPairSync } from 'node:crypto';
import { createStatusList, setStatus, STATUS_INVALID } from '../../token-status/domain/status-list.js';
import { createStatusListToken, readStatus } from '../../token-status/domain/status-list-token.js';
import { decodeJws, encodeJws, p256PublicJwk } from './es256.js';
import { buildJwtVcIssuerMetadata, issuerKeyFromMetadata } from './jwt-vc-issuer-metadata.js';
import { issueSdJwtVc, presentSdJwtVc, sha256Hasher } from './sd-jwt-vc.js';
import { verifySdJwtVcPresentation } from './sd-jwt-vc-verify.js';
/**
 * Test fixtures for the SD-JWT VC form of the identity credential, built fresh per call: an
 * issuer with its JWT VC Issuer Metadata and a signed status list, a holder, and a verifier
 * with its own nonce store. Not a spec itself (no tests); imported by the specs beside it.
 */
export const ISS = 'https://xueji.example.cn/issuers/330106';
export const STATUS_URI = 'https://xueji.example.cn/status-lists/330106/1';
export const VCT = 'https://xueji.example.cn/credentials/student-identity';
export const VERIFIER = 'https://museum.example.cn';
export const NAME = '林小雨';
export const BIRTHDATE = '2011-03-15';
export const STUDENT_NUMBER = 'S332024000000017X';
/** The school year 2025/26: 1 September 00:00 to 31 August 23:59:59, China Standard Time. */
export const NBF = new Date('2025-08-31T16:00:00Z');
export const EXP = new Date('2026-08-31T15:59:59Z');
export const NOW = new Date('2025-11-20T02:00:00Z');
export function p256() {
    return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}
export function studentClaims() {
    return {
        name: NAME,
        gender: 'female',
        birthdate: BIRTHDATE,
        student_number: STUDENT_NUMBER,
        school: { name: '杭州市西湖区示范中学', code: '3330106001' },
        region: {
            province: { code: '330000', name: '浙江省' },
            city: { code: '330100', name: '杭州市' },
            county: { code: '330106', name: '西湖区' },
        },
        education_stage: 'junior',
        grade: 9,
        enrolment_status: 'enrolled',
        age_over_12: true,
        age_over_14: true,
        age_over_16: false,
        age_over_18: false,
    };
}
/** A fresh world per test: issuer and holder keys, a status list, a verifier's nonce store. */
export async function sdJwtWorld(overrides = {}) {
    const issuerKeys = p256();
    const holderKeys = p256();
    const statuses = createStatusList(131_072);
    if (overrides.revoked)
        setStatus(statuses, 94_023, STATUS_INVALID);
    const issuer = { iss: ISS, kid: 'key-2025', privateKey: issuerKeys.privateKey };
    const statusListToken = createStatusListToken({ statuses, uri: STATUS_URI, issuer, iat: NOW, ttl: 300 });
    const metadata = buildJwtVcIssuerMetadata({ issuer: ISS, keys: [{ kid: 'key-2025', publicKey: issuerKeys.publicKey }] });
    const sdJwt = await issueSdJwtVc({
        claims: { ...studentClaims(), ...overrides.claims },
        issuer,
        holderJwk: p256PublicJwk(holderKeys.publicKey),
        vct: VCT,
        iat: NOW,
        nbf: NBF,
        exp: EXP,
        status: { idx: 94_023, uri: STATUS_URI },
    });
    const usedNonces = new Set();
    const present = (disclose, kb = {}) => presentSdJwtVc({
        sdJwt,
        disclose,
        holderPrivateKey: holderKeys.privateKey,
        nonce: kb.nonce ?? 'n-0S6_WzA2Mj',
        aud: kb.aud ?? VERIFIER,
        iat: kb.iat ?? NOW,
    });
    const verify = (presentation, options = {}) => verifySdJwtVcPresentation({
        presentation,
        resolveIssuerKey: (iss, kid) => issuerKeyFromMetadata(metadata, iss, kid),
        expectedNonce: 'n-0S6_WzA2Mj',
        expectedAud: VERIFIER,
        now: NOW,
        nonceUsed: (nonce) => {
            const used = usedNonces.has(nonce);
            usedNonces.add(nonce);
            return used;
        },
        statusCheck: (uri, idx, { iss }) => readStatus(statusListToken, idx, issuerKeyFromMetadata(metadata, iss, 'key-2025'), { now: NOW, expectedUri: uri, expectedIss: iss }),
        ...options,
    });
    return { issuerKeys, holderKeys, sdJwt, statusListToken, present, verify };
}
/** Every piece of the presentation as a string, base64url-decoded pieces included. */
export function allReadableText(compact) {
    const pieces = compact.split(/[~.]/).filter(Boolean);
    return [compact, ...pieces.map((piece) => Buffer.from(piece, 'base64url').toString('utf8'))].join('\n');
}
export const PERSONAL_NEEDLES = [NAME, BIRTHDATE, BIRTHDATE.replaceAll('-', ''), STUDENT_NUMBER];
export function alterDisclosure(encoded, value) {
    const [salt, name] = JSON.parse(Buffer.from(encoded, 'base64url').toString());
    return Buffer.from(JSON.stringify([salt, name, value])).toString('base64url');
}
export async function resignKeyBinding(parts, holderKey) {
    const kb = decodeJws(parts[parts.length - 1]);
    const withoutKb = `${parts.slice(0, -1).join('~')}~`;
    const sdHash = Buffer.from(sha256Hasher(withoutKb, 'sha-256')).toString('base64url');
    return `${withoutKb}${encodeJws(kb.header, { ...kb.payload, sd_hash: sdHash }, holderKey)}`;
}
//# sourceMappingURL=sd-jwt-vc.fixtures.js.map