import { createHash, randomBytes, type JsonWebKey } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { ValidationError, type FieldError } from '../../../common/errors/domain-error.js';
import { AGE_THRESHOLDS, ageOverClaims, isWithinOneSchoolYear } from '../../student-credential/domain/identity-claims.js';
import { decodeJws, isPlainObject, p256PublicJwk, signEs256, toP256PrivateKey, type P256KeyInput } from './es256.js';
import {
  IDENTITY_DISCLOSURE_FRAME,
  identityClaimProblems,
  pickIdentityClaims,
  presentationFrameFor,
  type StudentIdentityClaims,
} from './sd-jwt-vc-claims.js';
import { issuerIdentifierProblem } from './jwt-vc-issuer-metadata.js';

/**
 * Issuing and presenting the identity credential as an SD-JWT VC (typ `dc+sd-jwt`) with
 * @sd-jwt/sd-jwt-vc doing the SD-JWT encoding; ES256 on node:crypto with the caller's
 * imported keys. Issuer, type, validity, status and the holder key are always disclosed;
 * every personal claim is a disclosure of its own.
 */

export const SD_JWT_VC_TYP = 'dc+sd-jwt';
/** 128-bit salts, as RFC 9901 recommends (the @sd-jwt/crypto-nodejs generator gives 64). */
const SALT_BYTES = 16;
/** Salts are cut from one CSPRNG draw per 256: a draw per salt was 15% of issuance. Each byte is used once. */
const saltPool = { bytes: Buffer.alloc(0), offset: 0 };

export interface SdJwtIssuerKey {
  /** The issuer identifier: an https URL such as `${publicUrl}/issuers/330106`. */
  iss: string;
  kid: string;
  privateKey: P256KeyInput;
}

export interface StatusListReference {
  idx: number;
  uri: string;
}

export interface IssueSdJwtVcOptions {
  claims: StudentIdentityClaims;
  issuer: SdJwtIssuerKey;
  /** The holder's public P-256 key, bound as `cnf.jwk`; private members are never copied. */
  holderJwk: JsonWebKey;
  vct: string;
  iat: Date;
  nbf: Date;
  exp: Date;
  status: StatusListReference;
}

export interface PresentSdJwtVcOptions {
  sdJwt: string;
  /** Claim paths to disclose, e.g. `['age_over_14', 'region.city']`. */
  disclose: readonly string[];
  holderPrivateKey: P256KeyInput;
  nonce: string;
  aud: string;
  iat: Date;
}

/** Returns the compact SD-JWT (`<issuer-signed JWT>~<disclosure>~…~`); throws ValidationError for bad input. */
export async function issueSdJwtVc(options: IssueSdJwtVcOptions): Promise<string> {
  const { claims, issuer, vct, iat, nbf, exp, status } = options;
  const problems = issueProblems(options);
  if (problems.length > 0) throw new ValidationError(problems);
  const privateKey = toP256PrivateKey(issuer.privateKey);
  const cnf = { jwk: p256PublicJwk(options.holderJwk) };
  const payload = {
    iss: issuer.iss,
    iat: seconds(iat),
    nbf: seconds(nbf),
    exp: seconds(exp),
    vct,
    cnf,
    status: { status_list: { idx: status.idx, uri: status.uri } },
    ...pickIdentityClaims(claims),
  };
  const instance = sdJwtInstance({ signer: (data) => signEs256(data, privateKey), signAlg: 'ES256' });
  return instance.issue(payload, IDENTITY_DISCLOSURE_FRAME as never, { header: { kid: issuer.kid } });
}

/**
 * Returns the SD-JWT+KB with only the disclosures the paths need (a member path brings its
 * container's disclosure, which holds digests only). Throws ValidationError for a path the
 * credential cannot disclose, or a key that is not the one the credential is bound to.
 */
export async function presentSdJwtVc(options: PresentSdJwtVcOptions): Promise<string> {
  const { sdJwt, disclose, nonce, aud, iat } = options;
  const holderKey = toP256PrivateKey(options.holderPrivateKey);
  const instance = sdJwtInstance({ kbSigner: (data) => signEs256(data, holderKey), kbSignAlg: 'ES256' });
  const presentable = new Set(await instance.presentableKeys(sdJwt));
  const unknown = disclose.filter((path) => !presentable.has(path));
  if (unknown.length > 0) {
    throw ValidationError.field('disclose', `not selectively disclosable in this credential: ${unknown.join(', ')}`);
  }
  if (!isBoundTo(sdJwt, p256PublicJwk(holderKey))) {
    throw ValidationError.field('holderPrivateKey', 'is not the key this credential is bound to (cnf.jwk)');
  }
  if (typeof nonce !== 'string' || nonce.length === 0) throw ValidationError.field('nonce', 'must be a non-empty string');
  if (typeof aud !== 'string' || aud.length === 0) throw ValidationError.field('aud', 'must be a non-empty string');
  return instance.present(sdJwt, presentationFrameFor(disclose) as never, {
    kb: { payload: { iat: seconds(iat), aud, nonce } },
  });
}

export function sha256Hasher(data: string | ArrayBuffer, alg: string): Uint8Array {
  if (alg !== 'sha-256') throw new Error(`unsupported hash algorithm: ${alg}`);
  const input = typeof data === 'string' ? data : Buffer.from(data);
  return new Uint8Array(createHash('sha256').update(input).digest());
}

export function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

type Signer = (data: string) => string;

function sdJwtInstance(keys: { signer?: Signer; signAlg?: string; kbSigner?: Signer; kbSignAlg?: string }): SDJwtVcInstance {
  return new SDJwtVcInstance({
    ...keys,
    hasher: sha256Hasher,
    hashAlg: 'sha-256',
    saltGenerator: nextSalt,
  });
}

function nextSalt(): string {
  if (saltPool.offset + SALT_BYTES > saltPool.bytes.length) {
    saltPool.bytes = randomBytes(SALT_BYTES * 256);
    saltPool.offset = 0;
  }
  const salt = saltPool.bytes.subarray(saltPool.offset, saltPool.offset + SALT_BYTES).toString('base64url');
  saltPool.offset += SALT_BYTES;
  return salt;
}

function issueProblems(options: IssueSdJwtVcOptions): FieldError[] {
  const { claims, issuer, holderJwk, vct, iat, nbf, exp, status } = options;
  const problems: FieldError[] = identityClaimProblems(claims).map((p) => ({ field: `claims.${p.field}`, message: p.message }));
  const add = (ok: boolean, field: string, message: string) => {
    if (!ok) problems.push({ field, message });
  };
  const issProblem = issuerIdentifierProblem(issuer?.iss);
  add(issProblem === null, 'issuer.iss', issProblem ?? '');
  add(typeof issuer?.kid === 'string' && issuer.kid.length > 0, 'issuer.kid', 'must be a non-empty string');
  add(isPublicP256Jwk(holderJwk), 'holderJwk', 'must be a public EC P-256 JWK (no private member d)');
  add(typeof vct === 'string' && vct.length > 0, 'vct', 'must be a non-empty string');
  const datesValid = [iat, nbf, exp].every((d) => d instanceof Date && !Number.isNaN(d.getTime()));
  add(datesValid, 'iat', 'iat, nbf and exp must be valid dates');
  if (datesValid) {
    add(isWithinOneSchoolYear(nbf, exp), 'exp', 'must be after nbf and no later than the end (31 August) of its school year');
    if (nbf < exp && identityClaimProblems(claims).every((p) => p.field !== 'birthdate')) {
      problems.push(...ageClaimProblems(claims, nbf, exp));
    }
  }
  add(Number.isSafeInteger(status?.idx) && status.idx >= 0, 'status.idx', 'must be a whole number ≥ 0');
  add(issuerIdentifierProblem(status?.uri) === null, 'status.uri', 'must be an https URL');
  return problems;
}

/** Each age claim given must be the one the shared rule derives for the whole validity period. */
function ageClaimProblems(claims: StudentIdentityClaims, nbf: Date, exp: Date): FieldError[] {
  const holding = ageOverClaims(claims.birthdate, nbf, exp);
  return AGE_THRESHOLDS.map((years) => `age_over_${years}` as const)
    .filter((name) => claims[name] !== undefined && claims[name] !== holding[name])
    .map((name) => ({ field: `claims.${name}`, message: 'does not hold for the whole validity period' }));
}

function isPublicP256Jwk(jwk: unknown): boolean {
  if (!isPlainObject(jwk) || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) return false;
  try {
    p256PublicJwk(jwk as JsonWebKey);
    return true;
  } catch {
    return false;
  }
}

function isBoundTo(sdJwt: string, holder: { x: string; y: string }): boolean {
  const jws = decodeJws(sdJwt.split('~')[0]);
  const jwk = isPlainObject(jws?.payload.cnf) ? jws.payload.cnf.jwk : undefined;
  return isPlainObject(jwk) && jwk.x === holder.x && jwk.y === holder.y;
}

/** The claim paths a holder can disclose in this SD-JWT (`region`, `region.city`, …). */
export async function presentableClaims(sdJwt: string): Promise<string[]> {
  return sdJwtInstance({}).presentableKeys(sdJwt);
}
