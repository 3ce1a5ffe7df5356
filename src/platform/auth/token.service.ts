import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { deriveSubkey } from '../../identity/domain/secret-box.js';
import { AuthenticationError } from '../../common/errors/domain-error.js';

const ISSUER = 'xueji';
const AUDIENCE = 'xueji-api';

/** Short-lived HS256 access tokens; the key is derived from the master key, never stored. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = deriveSubkey(config.masterKey, 'xueji/access-token/v1');
  }

  async issue(accountId: string): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = this.config.accessTokenTtlSeconds;
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.key);
    return { accessToken, expiresIn };
  }

  /** Returns the account id of a valid token; any defect is the same 401 to the caller. */
  async accountIdOf(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      if (!payload.sub) throw new Error('no subject');
      return payload.sub;
    } catch {
      throw new AuthenticationError('The access token is invalid or has expired');
    }
  }
}
