import { createHash } from 'node:crypto';
import { resolveDisclosures, type DisclosureProblemCode } from './disclosures.js';
import { decodeJws, isPlainObject, toP256PublicKey, verifyEs256, type P256KeyInput } from './es256.js';
import { SD_JWT_VC_TYP, seconds } from './sd-jwt-vc.js';

/**
 * Verifies an SD-JWT VC presented with key binding (SD-JWT+KB), as a verifier of any issuer
 * would: RFC 9901 §7 plus draft-ietf-oauth-sd-jwt-vc. Never throws for bad input: the
 * answer lists every problem found, each with a stable code, and carries the claims only
 * when there is none. Key binding is always required.
 */

export type SdJwtVcProblemCode =
  | 'MALFORMED'
  | 'UNSUPPORTED_ALGORITHM'
  | 'WRONG_TYPE'
  | 'ISSUER_UNKNOWN'
  | 'ISSUER_SIGNATURE_INVALID'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'VCT_MISMATCH'
  | DisclosureProblemCode
  | 'KB_MISSING'
  | 'KB_MALFORMED'
  | 'HOLDER_KEY_MISSING'
  | 'KB_SIGNATURE_INVALID'
  | 'KB_SD_HASH_MISMATCH'
  | 'NONCE_MISMATCH'
  | 'NONCE_REPLAYED'
  | 'AUD_MISMATCH'
  | 'KB_STALE'
  | 'KB_NOT_YET_VALID'
  | 'STATUS_REVOKED'
  | 'STATUS_SUSPENDED'
  | 'STATUS_UNKNOWN'
  | 'VERIFIER_ERROR';

export interface VerificationProblem {
  code: SdJwtVcProblemCode;
  detail: string;
}

export interface SdJwtVcVerification {
  verified: boolean;
  /** The verified payload with the disclosed claims in place; only when `verified`. */
  claims?: Record<string, unknown>;
  problems: VerificationProblem[];
}

type OrPromise<T> = T | Promise<T>;

export interface VerifySdJwtVcOptions {
  presentation: unknown;
  /** The issuer's key for `iss` and the header's `kid` (JWT VC Issuer Metadata, a key store…); undefined if unknown. */
  resolveIssuerKey(iss: string, kid: string | undefined): OrPromise<P256KeyInput | undefined | null>;
  expectedNonce: string;
  expectedAud: string;
  now: Date;
  /**
   * True when the nonce was already used. Asked once, and only for a KB-JWT signed by the
   * holder's key with the expected nonce: implement it as an atomic "mark used, tell me if
   * it already was" so that two concurrent presentations cannot both pass.
   */
  nonceUsed(nonce: string): OrPromise<boolean>;
  /** The Token Status List value at `idx` (0 valid, 1 invalid, 2 suspended); undefined when it cannot be had. */
  statusCheck(uri: string, idx: number, context: { iss: string }): OrPromise<number | undefined>;
  expectedVct?: string;
  /** How old a KB-JWT may be (default 300 s): older ones are stale, whatever their nonce. */
  kbMaxAgeSeconds?: number;
  /** Tolerated clock difference with the issuer and the holder (default 60 s). */
  clockSkewSeconds?: number;
}

export const KB_JWT_TYP = 'kb+jwt';
const MAX_PRESENTATION_CHARS = 64 * 1024;
/** draft-ietf-oauth-sd-jwt-vc: claims that must never be selectively disclosed. */
const NOT_DISCLOSABLE = new Set(['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'status']);

export async function verifySdJwtVcPresentation(options: VerifySdJwtVcOptions): Promise<SdJwtVcVerification> {
  try {
    return await verify(options);
  } catch {
    // A nonce store that throws must turn into neither a 500 nor a pass.
    return fail([{ code: 'VERIFIER_ERROR', detail: 'a check could not be completed; try again' }]);
  }
}

async function verify(options: VerifySdJwtVcOptions): Promise<SdJwtVcVerification> {
  // A verifier without a clock or a challenge would accept what it must refuse.
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime()) || !options.expectedNonce || !options.expectedAud) {
    return fail([{ code: 'VERIFIER_ERROR', detail: 'the verifier needs now, expectedNonce and expectedAud' }]);
  }
  const parts = splitPresentation(options.presentation);
  if ('problem' in parts) return fail([parts.problem]);
  const { issuerJwt, disclosures, kbJwt } = parts;
  const issued = await checkIssuerSignedJwt(issuerJwt, options.resolveIssuerKey);
  if ('problem' in issued) return fail([issued.problem]);
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

type Checked<T> = T | { problem: VerificationProblem };

function splitPresentation(presentation: unknown): Checked<{ issuerJwt: string; disclosures: string[]; kbJwt: string }> {
  if (typeof presentation !== 'string' || presentation.length === 0 || presentation.length > MAX_PRESENTATION_CHARS) {
    return { problem: { code: 'MALFORMED', detail: 'the presentation must be a compact SD-JWT of at most 64 KiB' } };
  }
  const [issuerJwt, ...disclosures] = presentation.split('~');
  const kbJwt = disclosures.pop();
  if (kbJwt === undefined) return { problem: { code: 'MALFORMED', detail: 'an SD-JWT ends with "~" or a key-binding JWT' } };
  return { issuerJwt, disclosures, kbJwt };
}

/** Nothing else is worth checking until the issuer's signature holds: these problems end verification. */
async function checkIssuerSignedJwt(
  issuerJwt: string,
  resolveIssuerKey: VerifySdJwtVcOptions['resolveIssuerKey'],
): Promise<Checked<{ payload: Record<string, unknown> }>> {
  const problem = (code: SdJwtVcProblemCode, detail: string) => ({ problem: { code, detail } });
  const jws = decodeJws(issuerJwt);
  if (!jws) return problem('MALFORMED', 'the issuer-signed JWT is not a compact JWS with JSON header and payload');
  if (jws.header.alg !== 'ES256') return problem('UNSUPPORTED_ALGORITHM', 'the issuer-signed JWT must use ES256');
  if (jws.header.typ !== SD_JWT_VC_TYP) return problem('WRONG_TYPE', `the issuer-signed JWT must have typ ${SD_JWT_VC_TYP}`);
  const { payload } = jws;
  if (typeof payload.iss !== 'string') return problem('MALFORMED', 'the credential has no iss');
  const kid = typeof jws.header.kid === 'string' ? jws.header.kid : undefined;
  const issuerKey = await publicKeyOrUndefined(() => resolveIssuerKey(payload.iss as string, kid));
  if (!issuerKey) return problem('ISSUER_UNKNOWN', 'no key is known for this issuer and kid');
  if (!verifyEs256(jws.signingInput, jws.signature, issuerKey)) {
    return problem('ISSUER_SIGNATURE_INVALID', "the issuer's signature does not verify");
  }
  if (payload._sd_alg !== undefined && payload._sd_alg !== 'sha-256') {
    return problem('UNSUPPORTED_ALGORITHM', 'disclosure digests must use sha-256');
  }
  return { payload };
}

function typeProblems(payload: Record<string, unknown>, expectedVct: string | undefined): VerificationProblem[] {
  if (typeof payload.vct !== 'string') return [{ code: 'MALFORMED', detail: 'the credential has no vct' }];
  if (expectedVct !== undefined && payload.vct !== expectedVct) {
    return [{ code: 'VCT_MISMATCH', detail: 'the credential is not of the expected type (vct)' }];
  }
  return [];
}

function validityProblems(payload: Record<string, unknown>, now: number, skew: number): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    if (payload[claim] !== undefined && !Number.isFinite(payload[claim])) {
      problems.push({ code: 'MALFORMED', detail: `${claim} is not a NumericDate` });
    }
  }
  const exp = payload.exp as number | undefined;
  const nbf = payload.nbf as number | undefined;
  const iat = payload.iat as number | undefined;
  if (typeof exp === 'number' && now >= exp + skew) problems.push({ code: 'EXPIRED', detail: 'the credential has expired' });
  if (typeof nbf === 'number' && now < nbf - skew) {
    problems.push({ code: 'NOT_YET_VALID', detail: 'the credential is not valid yet (nbf)' });
  }
  if (typeof iat === 'number' && now < iat - skew) {
    problems.push({ code: 'NOT_YET_VALID', detail: 'the credential is issued in the future (iat)' });
  }
  return problems;
}

async function statusProblems(
  payload: Record<string, unknown>,
  options: VerifySdJwtVcOptions,
): Promise<VerificationProblem[]> {
  if (payload.status === undefined) return [];
  const reference = isPlainObject(payload.status) ? payload.status.status_list : undefined;
  const { uri, idx } = isPlainObject(reference) ? reference : {};
  if (typeof uri !== 'string' || typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0) {
    return [{ code: 'STATUS_UNKNOWN', detail: 'the status claim has no usable status_list reference' }];
  }
  let status: number | undefined;
  try {
    status = await options.statusCheck(uri, idx, { iss: payload.iss as string });
  } catch {
    status = undefined;
  }
  if (status === 0) return [];
  if (status === 1) return [{ code: 'STATUS_REVOKED', detail: 'the credential has been revoked' }];
  if (status === 2) return [{ code: 'STATUS_SUSPENDED', detail: 'the credential is suspended' }];
  return [{ code: 'STATUS_UNKNOWN', detail: 'the credential status could not be established' }];
}

async function keyBindingProblems(
  kbJwt: string,
  payload: Record<string, unknown>,
  sdJwtWithoutKb: string,
  options: VerifySdJwtVcOptions,
  now: number,
  skew: number,
): Promise<VerificationProblem[]> {
  if (kbJwt === '') return [{ code: 'KB_MISSING', detail: 'key binding is required: the presentation has no KB-JWT' }];
  const kb = decodeJws(kbJwt);
  if (!kb) return [{ code: 'KB_MALFORMED', detail: 'the KB-JWT is not a compact JWS with JSON header and payload' }];
  if (kb.header.typ !== KB_JWT_TYP) return [{ code: 'KB_MALFORMED', detail: `the KB-JWT must have typ ${KB_JWT_TYP}` }];
  if (kb.header.alg !== 'ES256') return [{ code: 'UNSUPPORTED_ALGORITHM', detail: 'the KB-JWT must use ES256' }];
  const holderJwk = isPlainObject(payload.cnf) ? payload.cnf.jwk : undefined;
  const holderKey = isPlainObject(holderJwk) ? await publicKeyOrUndefined(() => ({ ...holderJwk })) : undefined;
  if (!holderKey) return [{ code: 'HOLDER_KEY_MISSING', detail: 'the credential binds no usable P-256 key (cnf.jwk)' }];
  if (!verifyEs256(kb.signingInput, kb.signature, holderKey)) {
    return [{ code: 'KB_SIGNATURE_INVALID', detail: "the KB-JWT is not signed by the credential's holder key" }];
  }

  const problems: VerificationProblem[] = [];
  const { nonce, aud, iat, sd_hash: sdHash } = kb.payload;
  if (sdHash !== createHash('sha256').update(sdJwtWithoutKb, 'ascii').digest('base64url')) {
    problems.push({ code: 'KB_SD_HASH_MISMATCH', detail: 'the KB-JWT was made for other disclosures (sd_hash)' });
  }
  if (aud !== options.expectedAud) {
    problems.push({ code: 'AUD_MISMATCH', detail: 'the KB-JWT is meant for another verifier (aud)' });
  }
  const maxAge = options.kbMaxAgeSeconds ?? 300;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) problems.push({ code: 'KB_MALFORMED', detail: 'the KB-JWT has no iat' });
  else if (iat < now - maxAge) problems.push({ code: 'KB_STALE', detail: `the KB-JWT is older than ${maxAge} s` });
  else if (iat > now + skew) problems.push({ code: 'KB_NOT_YET_VALID', detail: 'the KB-JWT is dated in the future' });
  if (nonce !== options.expectedNonce) {
    problems.push({ code: 'NONCE_MISMATCH', detail: 'the KB-JWT answers another challenge (nonce)' });
  } else if (await options.nonceUsed(nonce)) {
    problems.push({ code: 'NONCE_REPLAYED', detail: 'this nonce was already used: the presentation is a replay' });
  }
  return problems;
}

async function publicKeyOrUndefined(get: () => OrPromise<P256KeyInput | undefined | null>) {
  try {
    const key = await get();
    return key ? toP256PublicKey(key) : undefined;
  } catch {
    return undefined;
  }
}

function fail(problems: VerificationProblem[]): SdJwtVcVerification {
  return { verified: false, problems };
}
