import { Inject, Injectable } from '@nestjs/common';
import { createLocalJWKSet, decodeJwt, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { DataSource } from 'typeorm';
import { AuthenticationError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { deriveSubkey } from '../identity/domain/secret-box.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { RelyingSystemsService, type RelyingSystemRow } from './relying-systems.service.js';

/** How long a client assertion may live (RFC 7523 asks for a short one); its jti is kept that long. */
const MAX_ASSERTION_SECONDS = 300;
const TOKEN_SECONDS = 300;
const AUDIENCE = 'xueji-relying-system';

/**
 * Relying systems authenticate with signed client assertions (OAuth `private_key_jwt`, RFC 7523):
 * a JWT signed by one of the keys registered for them, `iss` = `sub` = their client id, `aud` =
 * this token endpoint, short-lived, its `jti` used once. There is no shared secret to leak.
 */
@Injectable()
export class ClientAuthService {
  private readonly key: Uint8Array;

  constructor(
    private readonly dataSource: DataSource,
    private readonly systems: RelyingSystemsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = deriveSubkey(config.masterKey, 'xueji/relying-system-token/v1');
  }

  tokenEndpoint(): string {
    return `${this.config.publicUrl}/sharing/token`;
  }

  /** Checks the assertion and answers a five-minute access token for the relying system. */
  async token(assertion: string, now = new Date()) {
    const refused = new AuthenticationError('The client assertion is invalid, expired, replayed or not signed by a registered key');
    let clientId: string;
    try {
      clientId = String(decodeJwt(assertion).iss ?? '');
    } catch {
      throw refused;
    }
    const system = await this.systems.byClientId(clientId);
    if (!system || system.status !== 'active') throw refused;
    const payload = await this.verify(assertion, system, now).catch(() => {
      throw refused;
    });
    await this.dataSource
      .query(`INSERT INTO client_assertions (client_id, jti, expires_at) VALUES ($1, $2, to_timestamp($3))`, [clientId, payload.jti, payload.exp])
      .catch(onUniqueViolation('client_assertions_pkey', () => refused));
    await this.dataSource.query(`DELETE FROM client_assertions WHERE expires_at < now() - interval '1 minute'`);
    const accessToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject(system.id)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_SECONDS}s`)
      .sign(this.key);
    return { access_token: accessToken, token_type: 'Bearer' as const, expires_in: TOKEN_SECONDS };
  }

  /** The relying system a bearer token speaks for (an active one), or 401. */
  async systemOf(authorization: string | undefined): Promise<RelyingSystemRow> {
    const [scheme, token] = (authorization ?? '').split(' ');
    const refused = new AuthenticationError('A relying system access token is required (POST /sharing/token)');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw refused;
    try {
      const { payload } = await jwtVerify(token, this.key, { audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      const system = await this.systems.byId(payload.sub!);
      if (!system || system.status !== 'active') throw refused;
      return system;
    } catch {
      throw refused;
    }
  }

  private async verify(assertion: string, system: RelyingSystemRow, now: Date) {
    const jwks = createLocalJWKSet(system.jwks as JSONWebKeySet);
    const { payload } = await jwtVerify(assertion, jwks, {
      issuer: system.client_id,
      subject: system.client_id,
      audience: this.tokenEndpoint(),
      algorithms: ['ES256', 'EdDSA'],
      requiredClaims: ['exp', 'iat', 'jti'],
      currentDate: now,
      maxTokenAge: MAX_ASSERTION_SECONDS,
    });
    if (typeof payload.jti !== 'string' || payload.jti.length > 200) throw new Error('jti');
    if (payload.exp! - Math.floor(now.getTime() / 1000) > MAX_ASSERTION_SECONDS) throw new Error('too long-lived');
    return payload as typeof payload & { jti: string; exp: number };
  }
}
