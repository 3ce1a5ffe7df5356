import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { deriveSubkey } from '../../identity/domain/secret-box.js';
import { AuthenticationError } from '../../common/errors/domain-error.js';

const ISSUER = 'xueji';
const AUDIENCE = 'xueji-api';
/**
 * Guardians' tokens are for another audience: no organisation route verifies them as its own,
 * and the guard tells them apart to answer 403 rather than 401 (docs/guardians.md).
 */
const GUARDIAN_AUDIENCE = 'xueji-guardian';

/** Who a token speaks for: the account, and the token version it was issued under. */
export interface TokenSubject {
  accountId: string;
  tokenVersion: number;
  /** `password_change`: a token whose only use is POST /auth/password (after an expired password). */
  scope?: TokenScope;
}

export type TokenScope = 'password_change';

/** A password-change token lives long enough to type a new password twice, no longer. */
const PASSWORD_CHANGE_TTL_SECONDS = 300;

/** Short-lived HS256 access tokens; the key is derived from the master key, never stored. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  private readonly csrfKey: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = deriveSubkey(config.masterKey, 'xueji/access-token/v1');
    this.csrfKey = createSecretKey(deriveSubkey(config.masterKey, 'xueji/console-csrf/v1'));
  }

  /**
   * A browser session's CSRF token, bound to its access token (an HMAC of it): nothing to store,
   * and a CSRF cookie planted by someone else matches no session of ours.
   */
  csrfTokenFor(accessToken: string): string {
    return createHmac('sha256', this.csrfKey).update(accessToken).digest('base64url');
  }

  csrfTokenMatches(accessToken: string, given: string | undefined): boolean {
    if (!given) return false;
    const expected = Buffer.from(this.csrfTokenFor(accessToken));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  async issue(account: TokenSubject): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = account.scope === 'password_change' ? PASSWORD_CHANGE_TTL_SECONDS : this.config.accessTokenTtlSeconds;
    const accessToken = await new SignJWT({ tv: account.tokenVersion, ...(account.scope ? { scope: account.scope } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(account.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.key);
    return { accessToken, expiresIn };
  }

  /** A guardian's access token (audience `xueji-guardian`, subject the guardian account). */
  async issueGuardian(guardian: { guardianId: string; tokenVersion: number }): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = this.config.accessTokenTtlSeconds;
    const accessToken = await new SignJWT({ tv: guardian.tokenVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(guardian.guardianId)
      .setIssuer(ISSUER)
      .setAudience(GUARDIAN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.key);
    return { accessToken, expiresIn };
  }

  /** The guardian and token version of a valid guardian token; any defect is the same 401. */
  async guardianSubjectOf(token: string): Promise<{ guardianId: string; tokenVersion: number }> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: GUARDIAN_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'iat', 'sub', 'tv'] });
      if (!payload.sub || !Number.isInteger(payload.tv)) throw new Error('no subject or token version');
      return { guardianId: payload.sub, tokenVersion: payload.tv as number };
    } catch {
      throw new AuthenticationError('The access token is invalid or has expired');
    }
  }

  /** Whether a token is a valid guardian token (to refuse it with 403 on organisation routes). */
  isGuardianToken(token: string): Promise<boolean> {
    return this.guardianSubjectOf(token).then(
      () => true,
      () => false,
    );
  }

  /**
   * The account and token version of a valid token; any defect is the same 401 to the caller. A
   * token must expire: one without `exp` (or `iat`, or a version) is refused, even if signed with
   * the real key.
   */
  async subjectOf(token: string): Promise<TokenSubject> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp', 'iat', 'sub', 'tv'],
      });
      if (!payload.sub || !Number.isInteger(payload.tv)) throw new Error('no subject or token version');
      if (payload.scope !== undefined && payload.scope !== 'password_change') throw new Error('unknown scope');
      return { accountId: payload.sub, tokenVersion: payload.tv as number, ...(payload.scope ? { scope: 'password_change' as const } : {}) };
    } catch {
      throw new AuthenticationError('The access token is invalid or has expired');
    }
  }
}
