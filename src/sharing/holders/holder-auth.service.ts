import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { decodeProtectedHeader, importJWK, jwtVerify, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { AuthenticationError } from '../../common/errors/domain-error.js';
import { rowsOf } from '../../database/rows.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { deriveSubkey } from '../../identity/domain/secret-box.js';
import { didKeyJwk, jwkThumbprint, publicJwkOf, type PublicJwk } from '../../student-identity/domain/holder-keys.js';

const CHALLENGE_SECONDS = 300;
const SESSION_SECONDS = 900;
const AUDIENCE = 'xueji-holder';

export interface Holder {
  studentId: string;
}

/**
 * Students (or guardians holding their wallet) sign in with the key their identity credential is
 * bound to — no password, no account: the wallet signs a single-use challenge (a JWT, ES256, with
 * the did:key in `kid` for a W3C credential's key or the public `jwk` for an SD-JWT VC's), and
 * the key must hold a credential of the register that is still within its validity.
 */
@Injectable()
export class HolderAuthService {
  private readonly key: Uint8Array;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = deriveSubkey(config.masterKey, 'xueji/holder-session/v1');
  }

  audience(): string {
    return `${this.config.publicUrl}/holder/sessions`;
  }

  async challenge(): Promise<{ challenge: string; expiresIn: number; audience: string }> {
    const challenge = randomBytes(24).toString('base64url');
    await this.dataSource.query(`DELETE FROM holder_challenges WHERE expires_at < now()`);
    await this.dataSource.query(`INSERT INTO holder_challenges (challenge_digest, expires_at) VALUES ($1, now() + make_interval(secs => $2))`, [digest(challenge), CHALLENGE_SECONDS]);
    return { challenge, expiresIn: CHALLENGE_SECONDS, audience: this.audience() };
  }

  /** A signed challenge in, a 15-minute holder token out; every defect is the same 401. */
  async session(proof: string, now = new Date()): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number }> {
    const refused = new AuthenticationError('The holder proof is invalid, expired, replayed, or its key holds no credential of this register');
    const holder = await this.holderKeyOf(proof).catch(() => null);
    if (!holder) throw refused;
    const payload = await jwtVerify(proof, await importJWK(holder.jwk, 'ES256'), {
      audience: this.audience(),
      algorithms: ['ES256'],
      requiredClaims: ['nonce', 'iat'],
      maxTokenAge: CHALLENGE_SECONDS,
      currentDate: now,
    }).then(
      (r) => r.payload,
      () => null,
    );
    if (!payload || typeof payload.nonce !== 'string') throw refused;
    const [used] = rowsOf<{ challenge_digest: string }>(
      await this.dataSource.query(`DELETE FROM holder_challenges WHERE challenge_digest = $1 AND expires_at > now() RETURNING challenge_digest`, [digest(payload.nonce)]),
    );
    if (!used) throw refused;
    const [credential] = rowsOf<{ student_id: string }>(
      await this.dataSource.query(`SELECT student_id FROM identity_credentials WHERE holder_key = $1 AND valid_until > $2 ORDER BY issued_at DESC LIMIT 1`, [holder.id, now]),
    );
    if (!credential) throw refused;
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(credential.student_id)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${SESSION_SECONDS}s`)
      .sign(this.key);
    return { accessToken, tokenType: 'Bearer', expiresIn: SESSION_SECONDS };
  }

  async holderOf(authorization: string | undefined): Promise<Holder> {
    const [scheme, token] = (authorization ?? '').split(' ');
    const refused = new AuthenticationError('A holder session is required (POST /holder/sessions with a signed challenge)');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw refused;
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      return { studentId: payload.sub! };
    } catch {
      throw refused;
    }
  }

  /** The holder key a proof names, as the register keeps it: the did:key, or the JWK's thumbprint. */
  private async holderKeyOf(proof: string): Promise<{ id: string; jwk: PublicJwk & { kty: 'EC' } }> {
    const header = decodeProtectedHeader(proof);
    if (header.alg !== 'ES256') throw new Error('alg');
    if (typeof header.kid === 'string' && header.kid.startsWith('did:key:')) {
      const resolved = didKeyJwk(header.kid);
      if (!resolved || resolved.jwk.kty !== 'EC') throw new Error('kid');
      return { id: resolved.did, jwk: resolved.jwk };
    }
    const jwk = publicJwkOf(header.jwk);
    if (!jwk || jwk.kty !== 'EC') throw new Error('jwk');
    return { id: jwkThumbprint(jwk), jwk };
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
