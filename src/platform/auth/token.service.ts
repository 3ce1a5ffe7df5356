import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { deriveSubkey } from '../../identity/domain/secret-box.js';
import { AuthenticationError } from '../../common/errors/domain-error.js';

const ISSUER = 'xueji';
const AUDIENCE = 'xueji-api';

/** Who a token speaks for: the account, and the token version it was issued under. */
export interface TokenSubject {
  accountId: string;
  tokenVersion: number;
}

/** Short-lived HS256 access tokens; the key is derived from the master key, never stored. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = deriveSubkey(config.masterKey, 'xueji/access-token/v1');
  }

  async issue(account: TokenSubject): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = this.config.accessTokenTtlSeconds;
    const accessToken = await new SignJWT({ tv: account.tokenVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(account.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.key);
    return { accessToken, expiresIn };
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
      return { accountId: payload.sub, tokenVersion: payload.tv as number };
    } catch {
      throw new AuthenticationError('The access token is invalid or has expired');
    }
  }
}
